import { loadWeekPage } from '$lib/server/timetable/week-pages';
import type { PageServerLoad } from './$types';

/** TT11: the published weeks on a day: which classes, teachers and rooms have one. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { date, today, sources } = await loadWeekPage(locals, url);
	const teachers = new Map<string, string>();
	const rooms = new Map<string, string>();
	for (const source of sources)
		for (const lesson of source.lessons) {
			if (lesson.teacher) teachers.set(lesson.teacher, lesson.teacherName ?? lesson.teacher);
			if (lesson.room) rooms.set(lesson.room, lesson.roomName ?? lesson.room);
		}
	const sorted = (map: Map<string, string>) => [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
	return {
		date,
		today,
		classes: sources.map((s) => ({ code: s.classCode, name: s.className, label: s.frame.label, effectiveFrom: s.effectiveFrom })),
		teachers: sorted(teachers),
		rooms: sorted(rooms)
	};
};
