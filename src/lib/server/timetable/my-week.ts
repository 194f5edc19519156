/**
 * "Tuần của tôi" on a teacher's home page (timetable SPEC TT11, TK13, TK15): the teacher's week
 * from the publications in effect today, today's periods first, and the day changes that concern
 * them from today to the end of the week (TT29: lessons they teach as substitute, their own lessons
 * taken by a substitute or cancelled). Null when the person has neither.
 */
import type { Database } from '../../../../drizzle/database';
import type { Grants } from '../../domain/access/grants';
import { addDays } from '../../domain/timetable/day-changes';
import { teacherWeek, todayFirst, weekdayOf, type DayEntry } from '../../domain/timetable/week';
import { namedChanges, type NamedDayChange } from './day-changes';
import { timetableSchoolOf } from './versions';
import { myWeekSources } from './week-pages';

export interface MyWeek {
	today: string;
	todayName: string;
	todayPeriods: DayEntry | null;
	rest: DayEntry[];
	/** TT29: the day changes concerning the teacher from today to Saturday. */
	changes: Array<NamedDayChange & { className: string }>;
}

export async function myWeekOf(db: Database, grants: Grants, now: Date): Promise<MyWeek | null> {
	const found = await myWeekSources(db, grants, now);
	if (!found) return null;
	const school = await timetableSchoolOf(db, grants);
	const day = weekdayOf(found.today);
	const saturday = addDays(found.today, day === null ? 6 : 7 - day);
	const classNames = new Map(found.sources.map((s) => [s.classCode, s.className]));
	const changes = school
		? (await namedChanges(db, school.school, found.today, saturday, { teacher: grants.personId })).map((c) => ({ ...c, className: classNames.get(c.classCode) ?? c.classCode.toUpperCase() }))
		: [];
	const week = teacherWeek(found.sources, grants.personId);
	const teaches = found.sources.length > 0 && week.days.some((d) => d.periods.length > 0);
	if (!teaches && changes.length === 0) return null;
	const { today, rest } = teaches ? todayFirst(week, found.today) : { today: null, rest: [] };
	return { today: found.today, todayName: day === null ? 'Chủ nhật' : (today?.name ?? ''), todayPeriods: today, rest, changes };
}
