import { error } from '@sveltejs/kit';
import { classWeek } from '$lib/domain/timetable/week';
import { loadWeekPage } from '$lib/server/timetable/week-pages';
import type { PageServerLoad } from './$types';

/** TT11, TK12: one class's published week in effect on the day. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { date, today, sources } = await loadWeekPage(locals, url);
	const source = sources.find((s) => s.classCode === params.class);
	if (!source) error(404, 'Lớp này chưa có thời khóa biểu được công bố cho ngày này.');
	return { date, today, title: `Lớp ${source.className}`, subtitle: `${source.frame.label} · áp dụng từ ${source.effectiveFrom.split('-').reverse().join('/')}`, kind: 'class' as const, frame: source.frame, week: classWeek(source) };
};
