import { error } from '@sveltejs/kit';
import { classWeek } from '$lib/domain/timetable/week';
import { loadWeekPage, markedWeekPage } from '$lib/server/timetable/week-pages';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** TT11, TK12: one class's published week in effect on the day, the week's day changes marked and listed (TT29, TK16). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const page = await loadWeekPage(locals, url);
	const { date, today, sources } = page;
	const source = sources.find((s) => s.classCode === params.class);
	if (!source) error(404, 'Lớp này chưa có thời khóa biểu được công bố cho ngày này.');
	const { week, changes } = await markedWeekPage(services().db, page, classWeek(source), { kind: 'class', classCode: source.classCode });
	return { date, today, changes, changesFor: null, title: `Lớp ${source.className}`, subtitle: `${source.frame.label} · áp dụng từ ${source.effectiveFrom.split('-').reverse().join('/')}`, kind: 'class' as const, frame: source.frame, week };
};
