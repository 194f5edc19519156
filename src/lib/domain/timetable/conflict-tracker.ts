/**
 * Incremental conflict detection (TK9): one edit re-checks only what that edit touches — the two
 * teachers and rooms of the slot, the class's two subjects, the two teachers' week and day — so
 * typing in a 40-class school stays instant (`npm run bench:timetable`). Always equal to
 * `findConflicts` on the same lessons (a property test holds it to that).
 */
import { conflictOf, type Conflict, type Lesson, type TimetableRules } from './conflicts';
import { parseSlotKey, type Session } from './period-grid';

/** What a slot of a class holds, without its coordinates. */
export type LessonContent = Omit<Lesson, 'classCode' | 'slot'>;

export interface ConflictChange {
	/** The conflicts the edit re-checked that hold after it: new, changed (a third class joined a double booking) or as before. */
	readonly upserted: readonly Conflict[];
	/** Ids of conflicts that went away. */
	readonly removed: readonly string[];
}

export class ConflictTracker {
	readonly #rules: TimetableRules;
	readonly #lessons = new Map<string, Lesson>();
	readonly #slotTeacher = new Map<string, Set<string>>();
	readonly #slotRoom = new Map<string, Set<string>>();
	readonly #classSubject = new Map<string, number>();
	readonly #teacherWeek = new Map<string, number>();
	readonly #teacherDay = new Map<string, number>();
	readonly #classSubjectDay = new Map<string, Record<Session, number>>();
	readonly #conflicts = new Map<string, Conflict>();
	/** Which conflict id each checked key currently owns, so a re-check can remove it. */
	readonly #owned = new Map<string, string>();

	constructor(rules: TimetableRules, lessons: Iterable<Lesson> = []) {
		this.#rules = rules;
		for (const [classCode, subjects] of rules.plan) for (const subject of subjects.keys()) this.#checkClassSubject(classCode, subject);
		for (const lesson of lessons) this.set(lesson.classCode, lesson.slot, lesson);
	}

	conflicts(): ReadonlyMap<string, Conflict> {
		return this.#conflicts;
	}

	lessons(): IterableIterator<Lesson> {
		return this.#lessons.values();
	}

	lessonAt(classCode: string, slot: string): Lesson | undefined {
		return this.#lessons.get(`${classCode}|${slot}`);
	}

	/** Puts `content` in the class's slot (null clears it) and re-checks what that touches. */
	set(classCode: string, slot: string, content: LessonContent | null): ConflictChange {
		const parsed = parseSlotKey(slot);
		if (!parsed) throw new RangeError(`not a slot key: ${slot}`);
		const key = `${classCode}|${slot}`;
		const before = this.#lessons.get(key);
		const after: Lesson | undefined = content ? { classCode, slot, subject: content.subject, teacher: content.teacher, room: content.room } : undefined;
		if (before) this.#index(before, parsed.day, parsed.session, -1);
		if (after) {
			this.#lessons.set(key, after);
			this.#index(after, parsed.day, parsed.session, +1);
		} else this.#lessons.delete(key);

		const change = { upserted: [] as Conflict[], removed: [] as string[] };
		const check = (owner: string, conflict: Conflict | null) => this.#record(owner, conflict, change);
		for (const lesson of [before, after]) {
			if (!lesson) continue;
			if (lesson.teacher) {
				check(`t@${lesson.teacher}@${slot}`, conflictOf.doubleBookedTeacher(lesson.teacher, slot, this.#slotTeacher.get(`${slot}|${lesson.teacher}`) ?? []));
				check(`w@${lesson.teacher}`, conflictOf.overNorm(lesson.teacher, this.#rules.weeklyNorm.get(lesson.teacher), this.#teacherWeek.get(lesson.teacher) ?? 0));
				check(
					`d@${lesson.teacher}@${parsed.day}`,
					conflictOf.overDailyMaximum(lesson.teacher, parsed.day, this.#rules.dailyMaximum, this.#teacherDay.get(`${lesson.teacher}|${parsed.day}`) ?? 0)
				);
			}
			if (lesson.room) check(`r@${lesson.room}@${slot}`, conflictOf.doubleBookedRoom(lesson.room, slot, this.#slotRoom.get(`${slot}|${lesson.room}`) ?? []));
			this.#checkClassSubject(classCode, lesson.subject, change);
			const sessions = this.#classSubjectDay.get(`${classCode}|${lesson.subject}|${parsed.day}`) ?? { sang: 0, chieu: 0 };
			check(`s@${classCode}@${lesson.subject}@${parsed.day}`, conflictOf.splitAcrossSessions(this.#rules, classCode, lesson.subject, parsed.day, sessions));
		}
		check(`u@${key}`, conflictOf.unavailable(this.#rules, after));
		return change;
	}

	#index(lesson: Lesson, day: number, session: Session, delta: 1 | -1) {
		if (lesson.teacher) {
			toggle(this.#slotTeacher, `${lesson.slot}|${lesson.teacher}`, lesson.classCode, delta);
			bump(this.#teacherWeek, lesson.teacher, delta);
			bump(this.#teacherDay, `${lesson.teacher}|${day}`, delta);
		}
		if (lesson.room) toggle(this.#slotRoom, `${lesson.slot}|${lesson.room}`, lesson.classCode, delta);
		bump(this.#classSubject, `${lesson.classCode}|${lesson.subject}`, delta);
		const dayKey = `${lesson.classCode}|${lesson.subject}|${day}`;
		const sessions = this.#classSubjectDay.get(dayKey) ?? { sang: 0, chieu: 0 };
		sessions[session] += delta;
		if (sessions.sang === 0 && sessions.chieu === 0) this.#classSubjectDay.delete(dayKey);
		else this.#classSubjectDay.set(dayKey, sessions);
	}

	#checkClassSubject(classCode: string, subject: string, change?: { upserted: Conflict[]; removed: string[] }) {
		this.#record(`p@${classCode}@${subject}`, conflictOf.weeklyPeriods(classCode, subject, this.#rules.plan.get(classCode), this.#classSubject.get(`${classCode}|${subject}`) ?? 0), change);
	}

	#record(owner: string, conflict: Conflict | null, change?: { upserted: Conflict[]; removed: string[] }) {
		const previous = this.#owned.get(owner);
		if (previous !== undefined && previous !== conflict?.id) {
			this.#conflicts.delete(previous);
			this.#owned.delete(owner);
			change?.removed.push(previous);
		}
		if (conflict) {
			this.#conflicts.set(conflict.id, conflict);
			this.#owned.set(owner, conflict.id);
			change?.upserted.push(conflict);
		}
	}
}

function bump(map: Map<string, number>, key: string, delta: number) {
	const next = (map.get(key) ?? 0) + delta;
	if (next === 0) map.delete(key);
	else map.set(key, next);
}

function toggle(map: Map<string, Set<string>>, key: string, member: string, delta: 1 | -1) {
	const set = map.get(key) ?? new Set<string>();
	if (delta > 0) set.add(member);
	else set.delete(member);
	if (set.size === 0) map.delete(key);
	else map.set(key, set);
}
