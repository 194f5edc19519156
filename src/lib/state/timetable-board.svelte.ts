/**
 * The editor's view of a timetable document: the header and roster, every lesson, and the
 * conflicts kept up to date edit by edit (TK9's ConflictTracker: one remote or local edit
 * re-checks only what it touches). `revision` changes after every change so the grids redraw.
 */
import type * as Y from 'yjs';
import { countedSubject } from '../domain/timetable/activities';
import { ConflictTracker } from '../domain/timetable/conflict-tracker';
import type { Conflict, TimetableRules } from '../domain/timetable/conflicts';
import { conflictTarget, describeConflict, type ConflictNames } from '../domain/timetable/describe';
import { inGrid, parseSlotKey, slotKey, slotsOf } from '../domain/timetable/period-grid';
import { weeklyPlanFor } from '../domain/timetable/weekly-plan';
import type { Grade } from '../domain/curriculum/subjects';
import { lessonAt, lessonKey, observeTimetable, readTimetable, splitLessonKey, unavailableOf, type LessonEntry, type LessonValue, type TimetableMeta, type TimetableRoster } from '../ydoc/timetable';

// Plain Maps and Sets on purpose: they are rebuilt or updated per change and `revision` tells
// the page to redraw, so per-entry reactivity would only add cost.
/* eslint-disable svelte/prefer-svelte-reactivity */

export interface ShownConflict {
	conflict: Conflict;
	text: string;
	target: ReturnType<typeof conflictTarget>;
}

/** Term I from August to December, term II from January (docs/domain/curriculum.md §3). */
export function termOf(isoDate: string): 'hk1' | 'hk2' {
	const month = Number(isoDate.slice(5, 7));
	return month >= 8 ? 'hk1' : 'hk2';
}

/** A lesson as the grids show it; a cleared slot is none. `fixed` only when set (TK41). */
function lessonValue(entry: LessonEntry | null): LessonValue | null {
	if (!entry || entry.subject === null) return null;
	return { subject: entry.subject, teacher: entry.teacher, room: entry.room, ...(entry.fixed ? { fixed: true } : {}) };
}

export class TimetableBoard {
	meta = $state<TimetableMeta | null>(null);
	roster = $state<TimetableRoster | null>(null);
	unavailable = $state<'empty' | 'too-new' | 'malformed' | null>('empty');
	revision = $state(0);
	conflicts = $state<ShownConflict[]>([]);

	#doc: Y.Doc;
	#lessons = new Map<string, LessonValue>();
	#tracker: ConflictTracker | null = null;
	/** Conflict ids per class cell (`<class>|<slot>`) and per teacher cell (`<teacher>@<slot>`). */
	#cellConflicts = new Map<string, string[]>();
	#teacherRows = new Set<string>();
	#stop: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#rebuild();
		this.#stop = observeTimetable(doc, (keys) => (keys ? this.#apply(keys) : this.#rebuild()));
	}

	destroy(): void {
		this.#stop();
	}

	// Readers below touch `revision`, so whatever shows them redraws after each change.
	lesson(classCode: string, slot: string): LessonValue | undefined {
		void this.revision;
		return this.#lessons.get(lessonKey(classCode, slot));
	}

	/** The classes a teacher has in a slot (more than one is a TK2 conflict). */
	teacherLessons(teacher: string, slot: string): Array<LessonValue & { classCode: string }> {
		void this.revision;
		const found: Array<LessonValue & { classCode: string }> = [];
		for (const klass of this.roster?.classes ?? []) {
			const lesson = this.#lessons.get(lessonKey(klass.code, slot));
			if (lesson?.teacher === teacher) found.push({ ...lesson, classCode: klass.code });
		}
		return found;
	}

	cellConflicts(classCode: string, slot: string): readonly string[] {
		void this.revision;
		return this.#cellConflicts.get(lessonKey(classCode, slot)) ?? [];
	}

	teacherCellConflicts(teacher: string, slot: string): readonly string[] {
		void this.revision;
		return this.#cellConflicts.get(`${teacher}@${slot}`) ?? [];
	}

	/** TK5/TK6: the teacher's whole week or a day is over a limit. */
	teacherOverLimit(teacher: string): boolean {
		void this.revision;
		return this.#teacherRows.has(teacher);
	}

	slots(): string[] {
		return this.meta ? slotsOf(this.meta.grid).map(slotKey) : [];
	}

	readonly names: ConflictNames = {
		teacher: (id) => this.roster?.teachers.find((t) => t.id === id)?.name ?? id,
		className: (code) => this.roster?.classes.find((c) => c.code === code)?.name ?? code,
		room: (id) => this.roster?.rooms.find((r) => r.id === id)?.name ?? id,
		subject: (code) => this.roster?.subjects.find((s) => s.code === code)?.name ?? code
	};

	#rebuild(): void {
		const read = readTimetable(this.#doc);
		if (!read.ok) {
			this.unavailable = read.reason;
			return;
		}
		this.unavailable = null;
		this.meta = read.meta;
		this.roster = read.roster;
		this.#lessons.clear();
		// TK34: lessons a smaller grid left out stay in the document, neither shown nor checked.
		const grid = read.meta.grid;
		for (const [key, entry] of read.lessons) {
			const slot = parseSlotKey(splitLessonKey(key)?.slot ?? '');
			const lesson = lessonValue(entry);
			if (lesson && slot && inGrid(grid, slot)) this.#lessons.set(key, lesson);
		}
		const term = termOf(read.meta.effectiveFrom);
		const rules: TimetableRules = {
			grid: read.meta.grid,
			plan: new Map(read.roster.classes.map((c) => [c.code, weeklyPlanFor(c.grade as Grade, term)])),
			weeklyNorm: new Map(read.roster.teachers.flatMap((t) => (t.weeklyNorm === null ? [] : [[t.id, t.weeklyNorm] as const]))),
			dailyMaximum: read.meta.dailyMaximum,
			unavailable: unavailableOf(read.roster),
			noSessionSplit: read.meta.noSessionSplit
		};
		const lessons = [...this.#lessons].flatMap(([key, lesson]) => {
			const parts = splitLessonKey(key);
			return parts ? [{ classCode: parts.classCode, slot: parts.slot, subject: countedSubject(lesson.subject), teacher: lesson.teacher, room: lesson.room }] : [];
		});
		this.#tracker = new ConflictTracker(rules, lessons);
		this.#refresh();
	}

	#apply(keys: ReadonlySet<string>): void {
		if (!this.#tracker) return this.#rebuild();
		for (const key of keys) {
			const parts = splitLessonKey(key);
			if (!parts) continue;
			const lesson = lessonValue(lessonAt(this.#doc, key));
			if (lesson) this.#lessons.set(key, lesson);
			else this.#lessons.delete(key);
			this.#tracker.set(parts.classCode, parts.slot, lesson && { subject: countedSubject(lesson.subject), teacher: lesson.teacher, room: lesson.room });
		}
		this.#refresh();
	}

	/** Re-derives the list and the highlighted cells from the tracker's conflicts (a few hundred at most). */
	#refresh(): void {
		const cells = new Map<string, string[]>();
		const mark = (key: string, id: string) => {
			const list = cells.get(key);
			if (list) list.push(id);
			else cells.set(key, [id]);
		};
		const teacherRows = new Set<string>();
		const slots = this.slots();
		const shown: ShownConflict[] = [];
		for (const conflict of this.#tracker?.conflicts().values() ?? []) {
			shown.push({ conflict, text: describeConflict(conflict, this.names), target: conflictTarget(conflict) });
			switch (conflict.rule) {
				case 'TK2':
					for (const c of conflict.classes) mark(lessonKey(c, conflict.slot), conflict.id);
					mark(`${conflict.teacher}@${conflict.slot}`, conflict.id);
					break;
				case 'TK3':
					for (const c of conflict.classes) mark(lessonKey(c, conflict.slot), conflict.id);
					break;
				case 'TK7':
					mark(lessonKey(conflict.classCode, conflict.slot), conflict.id);
					mark(`${conflict.teacher}@${conflict.slot}`, conflict.id);
					break;
				case 'TK8':
					for (const slot of slots) {
						const lesson = this.#lessons.get(lessonKey(conflict.classCode, slot));
						if (parseSlotKey(slot)?.day === conflict.day && lesson && countedSubject(lesson.subject) === conflict.subject) mark(lessonKey(conflict.classCode, slot), conflict.id);
					}
					break;
				case 'TK5':
				case 'TK6':
					teacherRows.add(conflict.teacher);
					break;
				case 'TK4':
					break;
			}
		}
		const order = { TK2: 0, TK3: 1, TK7: 2, TK6: 3, TK5: 4, TK8: 5, TK4: 6 } as const;
		shown.sort((a, b) => order[a.conflict.rule] - order[b.conflict.rule] || a.text.localeCompare(b.text, 'vi', { numeric: true }));
		this.#cellConflicts = cells;
		this.#teacherRows = teacherRows;
		this.conflicts = shown;
		this.revision++;
	}
}
