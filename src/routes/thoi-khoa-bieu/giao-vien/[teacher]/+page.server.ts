import { error } from '@sveltejs/kit';
import { teacherWeek } from '$lib/domain/timetable/week';
import { loadWeekPage } from '$lib/server/timetable/week-pages';
import type { PageServerLoad } from './$types';

/** TT11, TK13: a teacher's published week on the day, every class they teach. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { date, today, sources } = await loadWeekPage(locals, url);
	const name = sources.flatMap((s) => s.lessons).find((l) => l.teacher === params.teacher)?.teacherName;
	if (!name) error(404, 'Giáo viên này không có tiết nào trong thời khóa biểu đã công bố cho ngày này.');
	return { date, today, title: `Giáo viên ${name}`, subtitle: 'Thời khóa biểu đã công bố', kind: 'teacher' as const, frame: sources[0]!.frame, week: teacherWeek(sources, params.teacher) };
};
