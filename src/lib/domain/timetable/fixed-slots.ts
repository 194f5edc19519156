/**
 * The week's fixed slots (TK42–TK45): chào cờ in the first period of the week and sinh hoạt lớp,
 * with the homeroom teacher, in the last (docs/domain/curriculum.md §4), placed for every class
 * in one action. Pure: the plan says what will be written and what it overwrites, so the editor
 * can ask before writing anything.
 */
import { ACTIVITY_CODES } from './activities';
import type { LessonChange, PlacedLesson } from './lesson-move';
import { slotKey, slotsOf, type PeriodGrid, type Session, type Weekday } from './period-grid';

export const FLAG_SALUTE = 'chao-co';
export const CLASS_MEETING = 'sinh-hoat-lop';

export interface FixedSlotsClass {
	readonly code: string;
	/** The homeroom teacher's id, or null when the timetable does not know one. */
	readonly homeroom: string | null;
}

export interface PlannedLesson {
	readonly classCode: string;
	readonly slot: string;
	readonly subject: string;
}

export interface FixedSlotsPlan {
	readonly classes: number;
	/** Everything to write, in one transaction. */
	readonly changes: readonly LessonChange[];
	/** Lessons of another subject in a fixed slot, overwritten. */
	readonly replaced: readonly PlannedLesson[];
	/** Chào cờ or sinh hoạt lớp elsewhere in a class's week, cleared so it is not doubled. */
	readonly cleared: readonly PlannedLesson[];
	/** Classes whose sinh hoạt lớp gets no teacher (TK43). */
	readonly withoutHomeroom: readonly string[];
}

/** TK44: a fixed lesson is one of the school activities; no programme subject is ever fixed. */
export function mayBeFixed(subject: unknown): boolean {
	return (ACTIVITY_CODES as readonly unknown[]).includes(subject);
}

/**
 * TK42: the session a class studies in: the one holding most of its lessons (activities aside);
 * a tie or an empty week gives the grid's first session.
 */
export function homeSession(grid: PeriodGrid, lessonAt: (slot: string) => PlacedLesson | undefined | null): Session {
	let best: Session = grid.sessions[0]!;
	let most = -1;
	for (const session of grid.sessions) {
		const count = slotsOf({ ...grid, sessions: [session] }).filter((slot) => {
			const lesson = lessonAt(slotKey(slot));
			return lesson && !mayBeFixed(lesson.subject);
		}).length;
		if (count > most) [best, most] = [session, count];
	}
	return best;
}

/** TK42: chào cờ in period 1 of the week's first day, sinh hoạt lớp in the last period of its last day, in the class's session. */
export function fixedSlotsOf(grid: PeriodGrid, session: Session): { flag: string; meeting: string } {
	const days = [...grid.days].sort((a, b) => a - b) as Weekday[];
	return {
		flag: slotKey({ day: days[0]!, session, period: 1 }),
		meeting: slotKey({ day: days[days.length - 1]!, session, period: grid.periodsPerSession })
	};
}

/**
 * TK42–TK45 for every class: chào cờ without teacher or room (the whole school in the yard, so no
 * room is double-booked), sinh hoạt lớp with the homeroom teacher when `teachers` knows them,
 * both fixed. A slot already holding exactly that is left alone; another activity lesson of the
 * same kind elsewhere in the class's week is cleared.
 */
export function planFixedSlots(
	grid: PeriodGrid,
	classes: readonly FixedSlotsClass[],
	teachers: ReadonlySet<string>,
	lessonAt: (classCode: string, slot: string) => PlacedLesson | undefined | null
): FixedSlotsPlan {
	const changes: LessonChange[] = [];
	const replaced: PlannedLesson[] = [];
	const cleared: PlannedLesson[] = [];
	const withoutHomeroom: string[] = [];
	const allSlots = slotsOf(grid).map(slotKey);
	for (const klass of classes) {
		const at = (slot: string) => lessonAt(klass.code, slot);
		const { flag, meeting } = fixedSlotsOf(grid, homeSession(grid, at));
		const teacher = klass.homeroom !== null && teachers.has(klass.homeroom) ? klass.homeroom : null;
		if (teacher === null) withoutHomeroom.push(klass.code);
		const wanted: Array<[string, PlacedLesson]> = [
			[flag, { subject: FLAG_SALUTE, teacher: null, room: null, fixed: true }],
			[meeting, { subject: CLASS_MEETING, teacher, room: null, fixed: true }]
		];
		for (const [slot, lesson] of wanted) {
			const before = at(slot);
			if (before && before.subject === lesson.subject && before.teacher === lesson.teacher && before.room === null && before.fixed) continue;
			if (before && before.subject !== lesson.subject) replaced.push({ classCode: klass.code, slot, subject: before.subject });
			changes.push({ classCode: klass.code, slot, lesson });
		}
		for (const slot of allSlots) {
			if (slot === flag || slot === meeting) continue;
			const before = at(slot);
			if (before && (before.subject === FLAG_SALUTE || before.subject === CLASS_MEETING)) {
				cleared.push({ classCode: klass.code, slot, subject: before.subject });
				changes.push({ classCode: klass.code, slot, lesson: null });
			}
		}
	}
	return { classes: classes.length, changes, replaced, cleared, withoutHomeroom };
}

/** TK45: the question the editor asks before writing the plan, naming what it overwrites. */
export function describeFixedPlan(plan: FixedSlotsPlan, className: (code: string) => string): string {
	const parts = [
		`Xếp chào cờ và sinh hoạt lớp cho ${plan.classes} lớp; ${plan.replaced.length === 0 ? 'không tiết nào đang có môn khác' : `${plan.replaced.length} tiết đang có môn khác sẽ bị thay`}.`
	];
	if (plan.cleared.length > 0) parts.push(`${plan.cleared.length} tiết chào cờ, sinh hoạt lớp xếp ở chỗ khác sẽ được bỏ.`);
	if (plan.withoutHomeroom.length > 0) parts.push(`Lớp ${plan.withoutHomeroom.map(className).join(', ')} chưa có giáo viên chủ nhiệm: tiết sinh hoạt lớp để trống giáo viên.`);
	return parts.join(' ');
}
