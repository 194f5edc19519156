/**
 * What a client may write to a gradebook (sync-server SPEC V3–V8, V11, V19). `meta`, `students` and the
 * legacy `cells` are the server's; `history` only grows, by well-formed edits of roster × column
 * cells stamped with the connection's person; `comments` holds one comment per roster student.
 */
import type * as Y from 'yjs';
import { EDIT_KINDS, isCellEdit } from './cell-history';
import type { WriteContext } from './document-schema';
import { GRADEBOOK_ROOTS, isGradebookCell, splitCellKey, isLegalMark, MAX_COMMENT_LENGTH, readHeader, type GradebookMeta } from './gradebook';
import { checkEditId, checkMapDeletions, checkStamp, isExactRecord, MAX_ID_LENGTH } from './schema-checks';
import { refuse, type UpdateEffects } from './update-inspector';

const EDIT_FIELDS = ['id', 'cell', 'value', 'replaces', 'by', 'byName', 'at', 'offline', 'kind'] as const;
const COMMENT_FIELDS = ['text', 'by', 'byName', 'at', 'id'] as const;
/** V5: a resolve replaces every head of a cell; more than this many concurrent heads is not real. */
export const MAX_REPLACES = 32;
/** V11: the history may hold this many edits per roster × column cell, and never fewer than the floor. */
export const HISTORY_EDITS_PER_CELL = 40;
export const HISTORY_FLOOR = 20_000;

export function historyLimit(students: number, columns: number): number {
	return Math.max(HISTORY_FLOOR, HISTORY_EDITS_PER_CELL * students * columns);
}

interface Frame {
	meta: GradebookMeta;
	students: Set<string>;
	columns: Set<string>;
}

/**
 * Header and roster as sets, per document, read again only after `meta` or `students` changed:
 * the check runs on every keystroke, the header changes a few times a year.
 */
const frames = new WeakMap<Y.Doc, Frame | { unusable: string }>();
const watched = new WeakSet<Y.Doc>();

function frameOf(doc: Y.Doc): Frame {
	let frame = frames.get(doc);
	if (!frame) {
		const header = readHeader(doc);
		frame = header.ok
			? {
					meta: header.meta,
					students: new Set(header.roster.map((entry) => entry.id)),
					columns: new Set(header.meta.columns.flatMap((column) => (typeof column?.key === 'string' ? [column.key] : [])))
				}
			: { unusable: header.reason };
		if (!watched.has(doc)) {
			watched.add(doc);
			const forget = () => frames.delete(doc);
			doc.getMap(GRADEBOOK_ROOTS.meta).observe(forget);
			doc.getMap(GRADEBOOK_ROOTS.students).observe(forget);
		}
		frames.set(doc, frame);
	}
	if ('unusable' in frame) refuse('V3', `the gradebook has no usable header (${frame.unusable})`);
	return frame;
}

export function validateGradebookEffects(doc: Y.Doc, effects: UpdateEffects, context: WriteContext): void {
	const frame = frameOf(doc);
	const rewritten = new Set<string>();
	const removed: Array<string | null> = [];
	let appended = 0;
	for (const insertion of effects.insertions) {
		const { root, key, values } = insertion;
		if (root === GRADEBOOK_ROOTS.history) {
			if (key !== null || values === null || insertion.deleted) refuse('V4', 'history is append-only');
			for (const value of values) checkCellEdit(value, insertion.client, frame, context);
			appended += values.length;
		} else if (root === GRADEBOOK_ROOTS.comments) {
			if (key === null || !frame.students.has(key)) refuse('V8', 'comment of a student not on the roster');
			if (context.closedStudents?.has(key)) refuse('V19', 'comment of a student who has left: read-only');
			for (const value of values ?? []) checkComment(value, insertion.client, context);
			if (values === null || insertion.deleted) removed.push(key);
			else rewritten.add(key);
		} else refuseServerOwned(root);
	}
	for (const deletion of effects.deletions) {
		if (deletion.root === GRADEBOOK_ROOTS.history) refuse('V4', 'history is append-only');
		if (deletion.root === GRADEBOOK_ROOTS.comments) removed.push(deletion.key);
		else refuseServerOwned(deletion.root);
	}
	checkMapDeletions(removed, rewritten, 'V8', 'comments');
	if (appended > 0) {
		const current = doc.share.get(GRADEBOOK_ROOTS.history)?._length ?? 0;
		const limit = historyLimit(frame.students.size, frame.columns.size);
		if (current + appended > limit) refuse('V11', `the history would hold more than ${limit} edits`);
	}
}

function refuseServerOwned(root: string): never {
	const owned: readonly string[] = [GRADEBOOK_ROOTS.meta, GRADEBOOK_ROOTS.students, GRADEBOOK_ROOTS.cells];
	refuse('V3', owned.includes(root) ? `${root} is written by the server only` : `unknown part "${root}"`);
}

/** V5–V7: one history entry. */
function checkCellEdit(value: unknown, client: number, frame: Frame, context: WriteContext): void {
	if (!isExactRecord(value, EDIT_FIELDS) || !isCellEdit(value)) refuse('V5', 'history entry is not a well-formed edit');
	if (!(EDIT_KINDS as readonly string[]).includes(value.kind)) refuse('V5', 'history entry has an unknown kind');
	if (!isGradebookCell(value.cell, frame)) refuse('V5', 'history entry names a cell outside the roster × columns');
	if (context.closedStudents?.has(splitCellKey(value.cell)[0])) refuse('V19', 'mark of a student who has left: read-only');
	if (!isLegalMark(value.value, frame.meta.assessment)) refuse('V5', 'history entry holds a value the subject does not allow');
	if (value.replaces.length > MAX_REPLACES || value.replaces.some((id) => id.length > MAX_ID_LENGTH)) refuse('V5', 'history entry replaces too much');
	checkEditId(value.id, client, 'history entry');
	checkStamp(value, context, 'history entry');
}

/** V8: one comment. */
function checkComment(value: unknown, client: number, context: WriteContext): void {
	if (!isExactRecord(value, COMMENT_FIELDS) || typeof value.text !== 'string' || value.text.length > MAX_COMMENT_LENGTH) {
		refuse('V8', 'comment is not well-formed');
	}
	checkEditId(value.id, client, 'comment');
	checkStamp(value, context, 'comment');
}
