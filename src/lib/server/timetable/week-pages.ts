/**
 * The read-only week pages (SPEC TT11): a class's, a teacher's and a room's week, and a teacher's
 * "Tuần của tôi" on the home page, from the publications in effect on a date (TK11–TK15). Only the
 * school's staff: the access policy's answer for the school's timetables (TT1) decides.
 */
import { error } from '@sveltejs/kit';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import type { ClassWeekSource, WeekView } from '../../domain/timetable/week';
import { markWeekChanges, type NamedWeekChange, type WeekOf } from '../../domain/timetable/week-changes';
import type { Grants } from '../../domain/access/grants';
import type { Database } from '../../../../drizzle/database';
import { requireViewer } from '../access';
import { services } from '../services';
import { addDays } from '../../domain/timetable/day-changes';
import { weekdayOf } from '../../domain/timetable/week';
import { namedChanges, type ChangesOf } from './day-changes';
import { weeksInEffect } from './publish';
import { timetableSchoolOf } from './versions';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface WeekPageContext {
	school: string;
	year: string;
	/** The day asked for (?ngay=YYYY-MM-DD), today in Vietnam otherwise. */
	date: string;
	today: string;
	sources: ClassWeekSource[];
}

/** TT11: the school's staff only; the weeks in effect on the day asked for. */
export async function loadWeekPage(locals: App.Locals, url: URL): Promise<WeekPageContext> {
	const viewer = await requireViewer(locals);
	const { db, now } = services();
	const found = await timetableSchoolOf(db, viewer.grants);
	if (!found) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
	const today = vietnamDate(now().getTime());
	const asked = url.searchParams.get('ngay');
	const date = asked && ISO.test(asked) ? asked : today;
	return { school: found.school, year: found.year, date, today, sources: await weeksInEffect(db, found.school, found.year, date) };
}

/** "Tuần của tôi": the weeks in effect today at the person's school, or null when not staff there. */
export async function myWeekSources(db: Database, grants: Grants, now: Date): Promise<{ today: string; sources: ClassWeekSource[] } | null> {
	const found = await timetableSchoolOf(db, grants);
	if (!found) return null;
	const today = vietnamDate(now.getTime());
	return { today, sources: await weeksInEffect(db, found.school, found.year, today) };
}

/**
 * TT29 on the staff week pages: the published week of a class, a teacher or a room with the day
 * changes of the week shown (Monday to Saturday of the day asked for; a Sunday shows the coming
 * week) marked on its lessons (TK16), and the list of those changes: a class's, those a teacher
 * takes as substitute or whose own lessons they are, those of lessons held in a room.
 */
export async function markedWeekPage(db: Database, page: Pick<WeekPageContext, 'school' | 'date' | 'sources'>, week: WeekView, of: WeekOf): Promise<{ week: WeekView; changes: NamedWeekChange[] }> {
	const day = weekdayOf(page.date);
	const monday = day === null ? addDays(page.date, 1) : addDays(page.date, 2 - day);
	const names = new Map(page.sources.map((s) => [s.classCode, s.className]));
	const who: ChangesOf =
		of.kind === 'class'
			? { classCode: of.classCode }
			: of.kind === 'teacher'
				? { teacher: of.teacher }
				: { classCodes: [...new Set(week.days.flatMap((d) => d.periods.flatMap((p) => (p.classCode ? [p.classCode] : []))))] };
	const changes = (await namedChanges(db, page.school, monday, addDays(monday, 5), who)).map((c) => ({ ...c, className: names.get(c.classCode) ?? c.classCode.toUpperCase() }));
	const marked = markWeekChanges(week, changes, of, page.sources[0]!.frame);
	return { week: marked.week, changes: marked.shown };
}
