/**
 * Which updates a client may send to a document, per document kind (sync-server SPEC "Update
 * validation"). The sync server calls `validateUpdate` before it applies, broadcasts or persists
 * a client's update; a refusal (RefusedUpdate) refuses the update as a whole.
 */
import type * as Y from 'yjs';
import type { DocumentKind } from '../domain/access/document-ref';
import { validateGradebookEffects } from './gradebook-schema';
import { validateHomeroomEffects } from './homeroom-schema';
import { validateTimetableEffects } from './timetable-schema';
import { inspectUpdate, refuse, type UpdateEffects } from './update-inspector';

export { isMissingDependency, RefusedUpdate, type Refusal } from './update-inspector';

/** The connection's person, from its ticket: the only author a client may write under. */
export interface Writer {
	personId: string;
	name: string;
}

export interface WriteContext {
	writer: Writer;
	/** Server clock, ms since epoch. */
	now: number;
	/**
	 * Students of a class document whose rows are read-only (sync-server SPEC V19): they left, or
	 * moved to another class. Their marks, comments and homeroom records take no write. Read by
	 * the sync server from the enrolments (SQL); absent = none.
	 */
	closedStudents?: ReadonlySet<string>;
}

/** V11: new entries (array elements, map writes) in one update: a whole-sheet paste or a week offline fits. */
export const MAX_NEW_ENTRIES_PER_UPDATE = 5_000;
/** V11: entries a document may ever hold (written, overwritten or not), all roots together. */
export const MAX_DOCUMENT_ENTRIES = 200_000;

type EffectsSchema = (doc: Y.Doc, effects: UpdateEffects, context: WriteContext) => void;

const SCHEMAS: Record<DocumentKind, EffectsSchema> = {
	gradebook: validateGradebookEffects,
	homeroom: validateHomeroomEffects,
	timetable: validateTimetableEffects,
	student: refuseEveryWrite
};

/** Throws RefusedUpdate when `update`, sent by `context.writer`, may not be applied to `doc`; otherwise returns what it does. */
export function validateUpdate(kind: DocumentKind, doc: Y.Doc, update: Uint8Array, context: WriteContext): UpdateEffects {
	const effects = inspectUpdate(doc, update);
	// Before the early return: structs that change nothing (next to garbage) still fill the store.
	if (effects.newLength > MAX_NEW_ENTRIES_PER_UPDATE) refuse('V11', `more than ${MAX_NEW_ENTRIES_PER_UPDATE} new entries in one update`);
	if (effects.newLength > 0 && documentLength(doc) + effects.newLength > MAX_DOCUMENT_ENTRIES) {
		refuse('V11', `the document would hold more than ${MAX_DOCUMENT_ENTRIES} entries`);
	}
	if (effects.insertions.length === 0 && effects.deletions.length === 0) return effects;
	SCHEMAS[kind](doc, effects, context);
	return effects;
}

/** V10: kinds whose documents only the server writes (student views). */
function refuseEveryWrite(): never {
	refuse('V10', 'this kind of document is written by the server only');
}

/** Everything ever written: the sum of the state vector's clocks. */
function documentLength(doc: Y.Doc): number {
	let total = 0;
	for (const structs of doc.store.clients.values()) {
		const last = structs[structs.length - 1];
		if (last) total += last.id.clock + last.length;
	}
	return total;
}
