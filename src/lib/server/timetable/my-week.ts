/**
 * "Tuần của tôi" on a teacher's home page (timetable SPEC TT11, TK13, TK15): the teacher's week
 * from the publications in effect today, today's periods first. Null when the person teaches no
 * published lesson (or is not staff of a school with timetables).
 */
import type { Database } from '../../../../drizzle/database';
import type { Grants } from '../../domain/access/grants';
import { teacherWeek, todayFirst, weekdayOf, type DayEntry } from '../../domain/timetable/week';
import { myWeekSources } from './week-pages';

export interface MyWeek {
	today: string;
	todayName: string;
	todayPeriods: DayEntry | null;
	rest: DayEntry[];
}

export async function myWeekOf(db: Database, grants: Grants, now: Date): Promise<MyWeek | null> {
	const found = await myWeekSources(db, grants, now);
	if (!found || found.sources.length === 0) return null;
	const week = teacherWeek(found.sources, grants.personId);
	if (week.days.every((d) => d.periods.length === 0)) return null;
	const { today, rest } = todayFirst(week, found.today);
	return { today: found.today, todayName: weekdayOf(found.today) === null ? 'Chủ nhật' : (today?.name ?? ''), todayPeriods: today, rest };
}
