import { error } from '@sveltejs/kit';
import { teacherWeek } from '$lib/domain/timetable/week';
import { loadWeekPage, markedWeekPage } from '$lib/server/timetable/week-pages';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/**
 * TT11, TK13: a teacher's published week on the day, every class they teach, with the week's day
 * changes that concern them marked and listed (TT29, TK16): lessons they take as substitute
 * added, their own lessons taken by a substitute or cancelled marked.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const page = await loadWeekPage(locals, url);
	const { date, today, sources } = page;
	const name = sources.flatMap((s) => s.lessons).find((l) => l.teacher === params.teacher)?.teacherName;
	if (!name) error(404, 'Giáo viên này không có tiết nào trong thời khóa biểu đã công bố cho ngày này.');
	const { week, changes } = await markedWeekPage(services().db, page, teacherWeek(sources, params.teacher), { kind: 'teacher', teacher: params.teacher });
	return { date, today, changes, changesFor: params.teacher, title: `Giáo viên ${name}`, subtitle: 'Thời khóa biểu đã công bố', kind: 'teacher' as const, frame: sources[0]!.frame, week };
};
