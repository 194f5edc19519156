/**
 * Moving a lesson within its class's week (TK40–TK41): what the editor writes when a scheduler
 * drags a lesson or moves it with the keyboard. Pure: the caller reads the slots and writes the
 * changes in one transaction, so a move or a swap is one update on the wire.
 */

/** What a class has in one slot, as the editor holds it. `fixed`: a locked school activity (TK42). */
export interface PlacedLesson {
	readonly subject: string;
	readonly teacher: string | null;
	readonly room: string | null;
	readonly fixed?: boolean;
}

/** One slot to write; `lesson` null clears it. */
export interface LessonChange {
	readonly classCode: string;
	readonly slot: string;
	readonly lesson: PlacedLesson | null;
}

export type MoveRefusal = 'same-slot' | 'empty' | 'fixed-source' | 'fixed-target';

export type MovePlan =
	| { readonly ok: true; readonly kind: 'move' | 'swap'; readonly moved: PlacedLesson; readonly displaced: PlacedLesson | null; readonly changes: readonly LessonChange[] }
	| { readonly ok: false; readonly reason: MoveRefusal };

/**
 * TK40: the lesson in `from` goes to `to` of the same class with its teacher and room; an empty
 * `to` is filled and `from` cleared, an occupied one swaps. TK41: a fixed lesson neither moves
 * nor is moved away.
 */
export function planMove(classCode: string, from: string, to: string, lessonAt: (slot: string) => PlacedLesson | undefined | null): MovePlan {
	if (from === to) return { ok: false, reason: 'same-slot' };
	const moved = lessonAt(from);
	if (!moved) return { ok: false, reason: 'empty' };
	if (moved.fixed) return { ok: false, reason: 'fixed-source' };
	const displaced = lessonAt(to) ?? null;
	if (displaced?.fixed) return { ok: false, reason: 'fixed-target' };
	const plain = (l: PlacedLesson): PlacedLesson => ({ subject: l.subject, teacher: l.teacher, room: l.room });
	return {
		ok: true,
		kind: displaced ? 'swap' : 'move',
		moved,
		displaced,
		changes: [
			{ classCode, slot: to, lesson: plain(moved) },
			{ classCode, slot: from, lesson: displaced && plain(displaced) }
		]
	};
}
