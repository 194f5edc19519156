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
