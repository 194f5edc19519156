/**
 * What a client may write to a homeroom document (sync-server SPEC V3, V6–V9, V13, V19): `meta` and
 * `students` are the server's; `records` holds `<roster student>:<field>` entries with a legal
 * value for the field, stamped with the connection's person. The absence counts có phép and
 * không phép are V13; the old undivided count (key `absences`) stays V9.
 */
import type * as Y from 'yjs';
import type { WriteContext } from './document-schema';
import { HOMEROOM_ROOTS, HOMEROOM_SCHEMA_VERSION, isFieldValue, splitKey } from './homeroom';
import { checkMapDeletions, checkStamp, isExactRecord } from './schema-checks';
import { refuse, type UpdateEffects } from './update-inspector';

const ENTRY_FIELDS = ['value', 'by', 'byName', 'at', 'offline'] as const;
const SPLIT_ABSENCES: ReadonlySet<string> = new Set(['absencesExcused', 'absencesUnexcused']);

export function validateHomeroomEffects(doc: Y.Doc, effects: UpdateEffects, context: WriteContext): void {
	const version = doc.getMap(HOMEROOM_ROOTS.meta).get('schemaVersion');
	if (typeof version !== 'number' || version > HOMEROOM_SCHEMA_VERSION) refuse('V3', 'the homeroom document has no usable header');
	const students = doc.getMap(HOMEROOM_ROOTS.students);
	const rewritten = new Set<string>();
	const removed: Array<string | null> = [];
	for (const insertion of effects.insertions) {
		const { root, key, values } = insertion;
		if (root !== HOMEROOM_ROOTS.records) refuseServerOwned(root);
		const parts = key === null ? null : splitKey(key);
		if (!parts || !students.has(parts[0])) refuse('V9', 'record of a student not on the roster, or of an unknown field');
		if (context.closedStudents?.has(parts[0])) refuse('V19', 'record of a student who has left: read-only');
		for (const value of values ?? []) {
			if (!isExactRecord(value, ENTRY_FIELDS) || !isFieldValue(parts[1], value.value) || typeof value.offline !== 'boolean') {
				refuse(SPLIT_ABSENCES.has(parts[1]) ? 'V13' : 'V9', `record ${parts[1]} is not well-formed`);
			}
			checkStamp(value, context, 'record');
		}
		if (values === null || insertion.deleted) removed.push(key);
		else rewritten.add(key!);
	}
	for (const deletion of effects.deletions) {
		if (deletion.root !== HOMEROOM_ROOTS.records) refuseServerOwned(deletion.root);
		const parts = deletion.key === null ? null : splitKey(deletion.key);
		if (parts && context.closedStudents?.has(parts[0])) refuse('V19', 'record of a student who has left: read-only');
		removed.push(deletion.key);
	}
	checkMapDeletions(removed, rewritten, 'V9', 'records');
}

function refuseServerOwned(root: string): never {
	const owned: readonly string[] = [HOMEROOM_ROOTS.meta, HOMEROOM_ROOTS.students];
	refuse('V3', owned.includes(root) ? `${root} is written by the server only` : `unknown part "${root}"`);
}
