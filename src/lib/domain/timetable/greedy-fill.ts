/**
 * A deterministic first fill of a week: each class's wanted lessons, in order, go to the first of
 * its free slots where the lesson's teacher is free too; when there is none, `fallback` picks a
 * free slot (which then shows as a TK2 conflict to resolve). Used by the demo school's version 1
 * and by `npm run bench:timetable`'s generated school. Pure: the caller passes any randomness in.
 */
import type { Lesson } from './conflicts';

export interface ClassToFill {
	classCode: string;
	/** The class's free slot keys, in the order to try them. */
	slots: readonly string[];
	/** One entry per period wanted this week. */
	wanted: ReadonlyArray<{ subject: string; teacher: string | null; room: string | null }>;
}

/** `taken`: lessons already placed (fixed slots), whose teachers are busy then. */
export function greedyFill(classes: Iterable<ClassToFill>, fallback: (freeSlots: number) => number = () => 0, taken: Iterable<Lesson> = []): Lesson[] {
	const lessons: Lesson[] = [];
	const busy = new Set<string>();
	for (const lesson of taken) if (lesson.teacher) busy.add(`${lesson.teacher}@${lesson.slot}`);
	for (const { classCode, slots, wanted } of classes) {
		const free = [...slots];
		for (const { subject, teacher, room } of wanted) {
			let index = free.findIndex((slot) => !teacher || !busy.has(`${teacher}@${slot}`));
			if (index < 0) index = fallback(free.length);
			const [slot] = free.splice(index, 1);
			if (!slot) break;
			if (teacher) busy.add(`${teacher}@${slot}`);
			lessons.push({ classCode, slot, subject, teacher, room });
		}
	}
	return lessons;
}
