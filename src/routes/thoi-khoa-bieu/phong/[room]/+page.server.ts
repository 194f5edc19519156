import { error } from '@sveltejs/kit';
import { roomWeek } from '$lib/domain/timetable/week';
import { loadWeekPage } from '$lib/server/timetable/week-pages';
import type { PageServerLoad } from './$types';

/** TT11, TK14: a shared room's published week on the day. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { date, today, sources } = await loadWeekPage(locals, url);
	const name = sources.flatMap((s) => s.lessons).find((l) => l.room === params.room)?.roomName;
	if (!name) error(404, 'Phòng này không có tiết nào trong thời khóa biểu đã công bố cho ngày này.');
	return { date, today, title: name, subtitle: 'Thời khóa biểu đã công bố', kind: 'room' as const, frame: sources[0]!.frame, week: roomWeek(sources, params.room) };
};
