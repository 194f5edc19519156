import { error } from '@sveltejs/kit';
import { roomWeek } from '$lib/domain/timetable/week';
import { loadWeekPage, markedWeekPage } from '$lib/server/timetable/week-pages';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** TT11, TK14: a shared room's published week on the day, the day changes of its lessons marked and listed (TT29, TK16). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const page = await loadWeekPage(locals, url);
	const { date, today, sources } = page;
	const name = sources.flatMap((s) => s.lessons).find((l) => l.room === params.room)?.roomName;
	if (!name) error(404, 'Phòng này không có tiết nào trong thời khóa biểu đã công bố cho ngày này.');
	const { week, changes } = await markedWeekPage(services().db, page, roomWeek(sources, params.room), { kind: 'room' });
	return { date, today, changes, changesFor: null, title: name, subtitle: 'Thời khóa biểu đã công bố', kind: 'room' as const, frame: sources[0]!.frame, week };
};
