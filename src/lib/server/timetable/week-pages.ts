/**
 * The read-only week pages (SPEC TT11): a class's, a teacher's and a room's week, and a teacher's
 * "Tuần của tôi" on the home page, from the publications in effect on a date (TK11–TK15). Only the
 * school's staff: the access policy's answer for the school's timetables (TT1) decides.
 */
import { error } from '@sveltejs/kit';
import { vietnamDate, type ClassWeekSource } from '../../domain/timetable/week';
import type { Grants } from '../../domain/access/grants';
import type { Database } from '../../../../drizzle/database';
import { requireViewer } from '../access';
import { services } from '../services';
import { addDays } from '../../domain/timetable/day-changes';
import { weekdayOf } from '../../domain/timetable/week';
import { namedChanges, type NamedDayChange } from './day-changes';
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
 * TT29 on the staff week pages: the day changes of the week shown (Monday to Saturday of the day
 * asked for; a Sunday shows the coming week) for a class, or those a teacher takes as substitute
 * or whose own lessons they are — what the dated week differs from the published one.
 */
export async function weekPageChanges(
	db: Database,
	page: Pick<WeekPageContext, 'school' | 'date' | 'sources'>,
	who: { classCode: string } | { teacher: string }
): Promise<Array<NamedDayChange & { className: string }>> {
	const day = weekdayOf(page.date);
	const monday = day === null ? addDays(page.date, 1) : addDays(page.date, 2 - day);
	const names = new Map(page.sources.map((s) => [s.classCode, s.className]));
	const changes = await namedChanges(db, page.school, monday, addDays(monday, 5), who);
	return changes.map((c) => ({ ...c, className: names.get(c.classCode) ?? c.classCode.toUpperCase() }));
}
