/**
 * What a client may write to a timetable document (sync-server SPEC V3, V6–V7, V14–V18): `meta`,
 * `classes`, `teachers`, `rooms` and `subjects` are the server's; `lessons` holds
 * `<class>|<slot in the grid>` entries naming a known subject, teacher and room (or a cleared
 * slot), stamped with the connection's person; chào cờ and sinh hoạt lớp may be marked fixed.
 */
import type * as Y from 'yjs';
import type { WriteContext } from './document-schema';
import { checkMapDeletions, checkStamp, isExactRecord } from './schema-checks';
import { isGrid, knownSets, lessonProblem, readTimetable, TIMETABLE_ROOTS, TIMETABLE_SCHEMA_VERSION } from './timetable';
import { refuse, type UpdateEffects } from './update-inspector';

const ENTRY_FIELDS = ['subject', 'teacher', 'room', 'by', 'byName', 'at'] as const;
/** V17: a fixed activity has one more key (its value checked by `lessonProblem`). */
const FIXED_ENTRY_FIELDS = [...ENTRY_FIELDS, 'fixed'] as const;

export function validateTimetableEffects(doc: Y.Doc, effects: UpdateEffects, context: WriteContext): void {
	const meta = doc.getMap(TIMETABLE_ROOTS.meta);
	const version = meta.get('schemaVersion');
	// V14: only a document the server created, with a usable header, takes client writes.
	if (typeof version !== 'number' || version > TIMETABLE_SCHEMA_VERSION || !isGrid(meta.get('grid'))) refuse('V14', 'the timetable document has no usable header');
	const read = readTimetable(doc);
	if (!read.ok) refuse('V14', 'the timetable document has no usable header');
	const known = knownSets(read.roster);
	const rewritten = new Set<string>();
	const removed: Array<string | null> = [];
	for (const insertion of effects.insertions) {
		const { root, key, values } = insertion;
		if (root !== TIMETABLE_ROOTS.lessons) refuseServerOwned(root);
		if (key === null) refuse('V16', 'lessons: an entry needs a key');
		for (const value of values ?? []) {
			if (!isExactRecord(value, ENTRY_FIELDS) && !isExactRecord(value, FIXED_ENTRY_FIELDS)) refuse('V17', 'lesson is not well-formed');
			const problem = lessonProblem(read.meta.grid, known, key, value as { subject: unknown; teacher: unknown; room: unknown; fixed?: unknown });
			if (problem) refuse(problem.slice(0, 3), problem.slice(5));
			checkStamp(value, context, 'lesson');
		}
		// V16 for a deleted placeholder too: the key must still be a real class and slot.
		if (values === null && lessonProblem(read.meta.grid, known, key, { subject: null, teacher: null, room: null })) refuse('V16', `no such class and slot: ${key}`);
		if (values === null || insertion.deleted) removed.push(key);
		else rewritten.add(key);
	}
	for (const deletion of effects.deletions) {
		if (deletion.root !== TIMETABLE_ROOTS.lessons) refuseServerOwned(deletion.root);
		removed.push(deletion.key);
	}
	// V18: a slot is cleared by writing an empty lesson, never by deleting the entry.
	checkMapDeletions(removed, rewritten, 'V18', 'lessons');
}

function refuseServerOwned(root: string): never {
	const owned: readonly string[] = [TIMETABLE_ROOTS.meta, TIMETABLE_ROOTS.classes, TIMETABLE_ROOTS.teachers, TIMETABLE_ROOTS.rooms, TIMETABLE_ROOTS.subjects];
	refuse('V15', owned.includes(root) ? `${root} is written by the server only` : `unknown part "${root}"`);
}
