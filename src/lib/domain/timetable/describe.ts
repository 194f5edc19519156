/**
 * Conflicts in words (TK2–TK8), for the editor's list: Vietnamese, naming teachers, classes,
 * rooms and subjects as people call them, and the slot as "Thứ Hai, sáng, tiết 1".
 */
import type { Conflict } from './conflicts';
import { describeSlot, parseSlotKey, WEEKDAY_NAMES, type Weekday } from './period-grid';

export interface ConflictNames {
	teacher(id: string): string;
	className(code: string): string;
	room(id: string): string;
	subject(code: string): string;
}

const slotText = (slot: string) => {
	const parsed = parseSlotKey(slot);
	return parsed ? describeSlot(parsed) : slot;
};

export function describeConflict(conflict: Conflict, names: ConflictNames): string {
	const classes = (codes: readonly string[]) => codes.map((c) => names.className(c)).join(', ');
	switch (conflict.rule) {
		case 'TK2':
			return `${names.teacher(conflict.teacher)} dạy cùng lúc ${conflict.classes.length} lớp (${classes(conflict.classes)}) — ${slotText(conflict.slot)}`;
		case 'TK3':
			return `${names.room(conflict.room)} có ${conflict.classes.length} lớp cùng lúc (${classes(conflict.classes)}) — ${slotText(conflict.slot)}`;
		case 'TK4':
			return conflict.scheduled < conflict.planned
				? `Lớp ${names.className(conflict.classCode)}: ${names.subject(conflict.subject)} có ${conflict.scheduled}/${conflict.planned} tiết một tuần (thiếu ${conflict.planned - conflict.scheduled})`
				: `Lớp ${names.className(conflict.classCode)}: ${names.subject(conflict.subject)} có ${conflict.scheduled}/${conflict.planned} tiết một tuần (thừa ${conflict.scheduled - conflict.planned})`;
		case 'TK5':
			return `${names.teacher(conflict.teacher)} dạy ${conflict.scheduled} tiết một tuần, quá định mức ${conflict.norm} tiết`;
		case 'TK6':
			return `${names.teacher(conflict.teacher)} dạy ${conflict.scheduled} tiết vào ${WEEKDAY_NAMES[conflict.day as Weekday] ?? `thứ ${conflict.day}`}, quá tối đa ${conflict.maximum} tiết một ngày`;
		case 'TK7':
			return `${names.teacher(conflict.teacher)} đã báo bận — lớp ${names.className(conflict.classCode)}, ${slotText(conflict.slot)}`;
		case 'TK8':
			return `Lớp ${names.className(conflict.classCode)}: ${names.subject(conflict.subject)} học cả buổi sáng và buổi chiều ${WEEKDAY_NAMES[conflict.day as Weekday] ?? ''}`;
	}
}

/** A slot or a class the editor can focus to show the conflict. */
export function conflictTarget(conflict: Conflict): { classCode: string; slot: string | null } | { teacher: string; slot: string | null } {
	switch (conflict.rule) {
		case 'TK2':
			return { classCode: conflict.classes[0]!, slot: conflict.slot };
		case 'TK3':
			return { classCode: conflict.classes[0]!, slot: conflict.slot };
		case 'TK7':
			return { classCode: conflict.classCode, slot: conflict.slot };
		case 'TK4':
		case 'TK8':
			return { classCode: conflict.classCode, slot: null };
		case 'TK5':
		case 'TK6':
			return { teacher: conflict.teacher, slot: null };
	}
}
