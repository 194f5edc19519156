/**
 * The gradebook document: the only code that knows its Y.Map keys (one owner per format, docs/architecture.md §5).
 * A gradebook is one class × subject × term. The server writes `meta` and `students`; teachers
 * write `history` and `comments`. Components read plain values from here and never touch Yjs
 * directly.
 *
 * Shape (additive to schema 1, so a document written before it still reads):
 * - `history`  Y.Array<CellEdit>: append-only log of every mark written, each naming the edits of
 *              that cell it replaced. Concurrent appends are all kept, so two offline writes of one
 *              cell are both there and detectable (cell-history.ts). Never edited or deleted.
 *              A cell's value is its last head in log order: the order Yjs settles on, the same on
 *              every replica.
 * - `comments` Y.Map  studentId → StudentComment (nhận xét), last writer wins.
 * - `cells`    Y.Map  cellKey → CellEntry: schema-1 marks (before the log); read, never written.
 *              A logged edit of a cell takes precedence over its schema-1 entry.
 */
import * as Y from 'yjs';
import { mergeRoster, ROSTER_ROOT, type RosterEntry } from './roster';
import { mapKeysWrittenBy } from './map-keys-written';
import type { AssessmentColumnKind } from '../domain/curriculum/subjects';
import { conflictingHeads, heads, isCellEdit, isCellValue, type CellEdit, type CellValue, type EditKind } from './cell-history';
import { EditLogIndex } from './edit-log-index';

export const GRADEBOOK_SCHEMA_VERSION = 1;

export type ColumnKind = AssessmentColumnKind;

export interface GradebookColumn {
	key: string;
	label: string;
	kind: ColumnKind;
}

export interface GradebookMeta {
	schemaVersion: number;
	school: string;
	year: string;
	term: 'hk1' | 'hk2';
	classCode: string;
	className: string;
	subjectCode: string;
	subjectName: string;
	assessment: 'score' | 'comment';
	columns: GradebookColumn[];
}

export type { RosterEntry };

export type { CellValue, CellEdit, EditKind, HistoryItem } from './cell-history';

export interface CellEntry {
	value: CellValue;
	/** Who entered it, when (ms since epoch), and whether the device was offline at the time. */
	by: string;
	byName: string;
	at: number;
	offline: boolean;
	/** The id of the history edit that wrote it (absent on entries written before the history log). */
	id?: string;
}

/** A teacher's comment (nhận xét) on one student for this subject and term (TT22 Điều 5–6). */
export interface StudentComment {
	text: string;
	by: string;
	byName: string;
	at: number;
	id?: string;
}

export interface Actor {
	id: string;
	name: string;
}

export interface Stamp {
	actor: Actor;
	at: number;
	offline: boolean;
}

/** One change a teacher makes: a mark in a cell, or the comment on a student. */
export type Edit =
	| { kind: 'mark'; studentId: string; columnKey: string; value: CellValue }
	| { kind: 'comment'; studentId: string; text: string };

/** What an edit replaced and the id it was written under (for undo and "is it still mine?"). */
export type Written =
	| { kind: 'mark'; studentId: string; columnKey: string; value: CellValue; before: CellValue; id: string }
	| { kind: 'comment'; studentId: string; text: string; before: string; id: string };

export type GradebookRead =
	| {
			ok: true;
			meta: GradebookMeta;
			roster: RosterEntry[];
			cells: Map<string, CellEntry>;
			/** Every edit of each cell, in log order. */
			history: Map<string, CellEdit[]>;
			/** Cells holding two or more concurrent values, with those values (oldest first). */
			conflicts: Map<string, CellEdit[]>;
			comments: Map<string, StudentComment>;
	  }
	| { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

const META = 'meta';
const STUDENTS = ROSTER_ROOT;
const CELLS = 'cells';
const HISTORY = 'history';
const COMMENTS = 'comments';
export const MAX_COMMENT_LENGTH = 2000;

/** The root type names, for the server's schema (gradebook-schema.ts). */
export const GRADEBOOK_ROOTS = { meta: META, students: STUDENTS, cells: CELLS, history: HISTORY, comments: COMMENTS } as const;

/** The key of one cell in the `cells` map: `<student id>:<column key>`. The only place it is built. */
export function cellKey(studentId: string, columnKey: string): string {
	return `${studentId}:${columnKey}`;
}

/** A cell key's student id and column key; a key without ':' has no student (''). */
export function splitCellKey(key: string): [string, string] {
	const at = key.indexOf(':');
	return at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)];
}

/** Server side: writes the header and roster of a new gradebook. */
export function initGradebook(doc: Y.Doc, meta: Omit<GradebookMeta, 'schemaVersion'>, roster: RosterEntry[]): void {
	doc.transact(() => {
		const metaMap = doc.getMap(META);
		for (const [key, value] of Object.entries({ ...meta, schemaVersion: GRADEBOOK_SCHEMA_VERSION })) {
			metaMap.set(key, value);
		}
		mergeRoster(doc, roster);
	});
}

/** `<student on the roster>:<column of the subject>`: the only cells a gradebook has. */
export function isGradebookCell(cell: string, frame: { students: ReadonlySet<string>; columns: ReadonlySet<string> }): boolean {
	const [student, column] = splitCellKey(cell);
	return frame.students.has(student) && frame.columns.has(column);
}

/** Scored subjects: tenths 0–100; comment subjects (TT22 Điều 7): Đ or CĐ; null clears either. */
export function isLegalMark(value: unknown, assessment: GradebookMeta['assessment']): boolean {
	if (value === null) return true;
	if (assessment === 'comment') return value === 'Đ' || value === 'CĐ';
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

/**
 * The server refuses an update with any edit it would not accept (sync-server SPEC V12): a bug in
 * the caller, so it throws a RangeError before anything is written.
 */
function checkEdits(doc: Y.Doc, edits: readonly Edit[]): void {
	const header = readHeader(doc);
	if (!header.ok) throw new RangeError(`gradebook is not writable (${header.reason})`);
	const frame = { students: new Set(header.roster.map((entry) => entry.id)), columns: new Set(header.meta.columns.map((column) => column.key)) };
	for (const edit of edits) {
		if (edit.kind === 'comment') {
			if (!frame.students.has(edit.studentId)) throw new RangeError(`comment of a student not on the roster: ${edit.studentId}`);
		} else if (!isGradebookCell(cellKey(edit.studentId, edit.columnKey), frame)) {
			throw new RangeError(`no such cell: ${cellKey(edit.studentId, edit.columnKey)}`);
		} else if (!isLegalMark(edit.value, header.meta.assessment)) {
			throw new RangeError(`invalid mark for ${cellKey(edit.studentId, edit.columnKey)}: ${String(edit.value)}`);
		}
	}
}

/**
 * Applies a batch of edits in ONE transaction (one update on the wire, one undo step). Each mark
 * is written to `cells` and appended to `history` naming the edits it replaces (the cell's current
 * heads), so a later concurrent write elsewhere is detected as a conflict. Writing a cell that is
 * in conflict replaces every head: that is how a conflict is resolved.
 */
export function applyEdits(doc: Y.Doc, edits: readonly Edit[], stamp: Stamp, kind: EditKind = 'edit', origin: unknown = null): Written[] {
	if (edits.length === 0) return [];
	checkEdits(doc, edits);
	const base = Y.getState(doc.store, doc.clientID);
	const legacy = doc.getMap<unknown>(CELLS);
	const comments = doc.getMap<unknown>(COMMENTS);
	const log = doc.getArray<unknown>(HISTORY);
	const markKeys = new Set(edits.flatMap((e) => (e.kind === 'mark' ? [cellKey(e.studentId, e.columnKey)] : [])));
	const logged = markKeys.size > 0 ? editsByCell(doc, markKeys) : new Map<string, CellEdit[]>();
	const written: Written[] = [];
	const appended: CellEdit[] = [];
	const who = { by: stamp.actor.id, byName: stamp.actor.name, at: stamp.at };
	doc.transact(() => {
		edits.forEach((edit, index) => {
			const id = `${doc.clientID}-${base}-${index}`;
			if (edit.kind === 'comment') {
				const before = readComment(comments.get(edit.studentId))?.text ?? '';
				const text = edit.text.slice(0, MAX_COMMENT_LENGTH);
				comments.set(edit.studentId, { text, ...who, id } satisfies StudentComment);
				written.push({ kind: 'comment', studentId: edit.studentId, text, before, id });
				return;
			}
			const key = cellKey(edit.studentId, edit.columnKey);
			const edits = logged.get(key) ?? [];
			const before = currentEntry(edits, legacy.get(key))?.value ?? null;
			const logEntry: CellEdit = { id, cell: key, value: edit.value, replaces: heads(edits).map((h) => h.id), ...who, offline: stamp.offline, kind };
			appended.push(logEntry);
			// A second write of the same cell in one batch replaces the first.
			logged.set(key, [...edits, logEntry]);
			written.push({ kind: 'mark', studentId: edit.studentId, columnKey: edit.columnKey, value: edit.value, before, id });
		});
		if (appended.length > 0) log.push(appended);
	}, origin);
	return written;
}

/**
 * The cells whose marks an update writes, read from the update itself: every history edit it
 * appends names its cell. `null` when that cannot be told from the update alone — it writes a
 * schema-1 `cells` entry, deletes from `history` or `cells` (looked up in `doc`, which already
 * holds the update), or is not decodable — so the caller compares every cell instead.
 * Projections use this to audit only what the sender wrote: the document may already hold other
 * instances' edits, which their own instance projects (sync-server SPEC F5).
 */
export function cellsWrittenBy(update: Uint8Array, doc: Y.Doc): Set<string> | null {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch {
		return null;
	}
	if (deletesMarks(decoded.ds, doc)) return null;
	const cells = new Set<string>();
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item)) continue;
		// A decoded item names its root type by name (a string) when it has no origins.
		if ((struct.parent as unknown) === CELLS) return null;
		const content = struct.content;
		if (!(content instanceof Y.ContentAny || content instanceof Y.ContentJSON)) continue;
		for (const value of content.getContent()) {
			if (isCellEdit(value)) cells.add(value.cell);
			else if (isCellEntry(value)) return null;
		}
	}
	return cells;
}

/**
 * The students whose comment an update writes (or overwrites), looked up in `doc`, which already
 * holds the update; null when that cannot be told (the caller then compares every comment).
 */
export function commentsWrittenBy(update: Uint8Array, doc: Y.Doc): Set<string> | null {
	return mapKeysWrittenBy(update, doc, doc.getMap<unknown>(COMMENTS));
}

/** Whether a delete set removes anything from `history` or `cells` (true when it cannot tell). */
function deletesMarks(ds: ReturnType<typeof Y.decodeUpdate>['ds'], doc: Y.Doc): boolean {
	try {
		for (const [client, ranges] of ds.clients) {
			for (const { clock, len } of ranges) {
				for (let at = clock; at < clock + len; ) {
					const item = Y.getItem(doc.store, Y.createID(client, at));
					if (item instanceof Y.Item && item.parent instanceof Y.AbstractType) {
						const root = rootName(item.parent);
						if (root === HISTORY || root === CELLS) return true;
					}
					at = item.id.clock + item.length;
				}
			}
		}
		return false;
	} catch {
		return true;
	}
}

function rootName(type: Y.AbstractType<unknown>): string {
	let top = type;
	while (top._item?.parent instanceof Y.AbstractType) top = top._item.parent;
	return Y.findRootTypeKey(top);
}

/** The entry a cell shows: its last head in log order, or its schema-1 entry if never logged. */
function currentEntry(edits: readonly CellEdit[], legacy: unknown): CellEntry | undefined {
	const current = heads(edits).at(-1);
	if (current) return { value: current.value, by: current.by, byName: current.byName, at: current.at, offline: current.offline, id: current.id };
	return isCellEntry(legacy) ? legacy : undefined;
}

export function writeCell(doc: Y.Doc, studentId: string, columnKey: string, value: CellValue, stamp: Stamp): void {
	applyEdits(doc, [{ kind: 'mark', studentId, columnKey, value }], stamp);
}

/** Several cells in one transaction (a paste, a column fill): one undo step, one network message. */
export function writeCells(doc: Y.Doc, cells: Array<{ studentId: string; columnKey: string; value: CellValue }>, stamp: Stamp): void {
	applyEdits(doc, cells.map((cell) => ({ kind: 'mark' as const, ...cell })), stamp);
}

export function readGradebook(doc: Y.Doc): GradebookRead {
	const header = readHeader(doc);
	if (!header.ok) return header;
	const { cells, history, conflicts } = readCells(doc);
	return { ok: true, meta: header.meta, roster: header.roster, cells, history, conflicts, comments: readComments(doc) };
}

export type HeaderRead = { ok: true; meta: GradebookMeta; roster: RosterEntry[] } | { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

/** The header (meta) and roster only. */
export function readHeader(doc: Y.Doc): HeaderRead {
	const metaMap = doc.getMap(META);
	if (metaMap.size === 0) return { ok: false, reason: 'empty' };
	const meta = metaMap.toJSON() as GradebookMeta;
	if (typeof meta.schemaVersion !== 'number') return { ok: false, reason: 'malformed' };
	if (meta.schemaVersion > GRADEBOOK_SCHEMA_VERSION) return { ok: false, reason: 'too-new' };
	if (!Array.isArray(meta.columns)) return { ok: false, reason: 'malformed' };
	const roster = [...doc.getMap<RosterEntry>(STUDENTS).values()].filter(isRosterEntry);
	return { ok: true, meta, roster };
}

export interface CellsRead {
	cells: Map<string, CellEntry>;
	history: Map<string, CellEdit[]>;
	conflicts: Map<string, CellEdit[]>;
}

/**
 * The marks, their edits and conflicts — of every cell, or only of the cells named (one pass over
 * the log either way), so a view can refresh just what a change touched.
 */
export function readCells(doc: Y.Doc, only?: ReadonlySet<string>): CellsRead {
	const cells = new Map<string, CellEntry>();
	const legacy = doc.getMap<unknown>(CELLS);
	if (only) {
		for (const key of only) {
			const value = legacy.get(key);
			if (isCellEntry(value)) cells.set(key, value);
		}
	} else {
		legacy.forEach((value, key) => {
			if (isCellEntry(value)) cells.set(key, value);
		});
	}
	const history = editsByCell(doc, only);
	const conflicts = new Map<string, CellEdit[]>();
	for (const [key, edits] of history) {
		const entry = currentEntry(edits, undefined);
		if (entry) cells.set(key, entry);
		const concurrent = conflictingHeads(edits);
		if (concurrent) conflicts.set(key, concurrent);
	}
	return { cells, history, conflicts };
}

export function readComments(doc: Y.Doc, only?: ReadonlySet<string>): Map<string, StudentComment> {
	const comments = new Map<string, StudentComment>();
	const map = doc.getMap<unknown>(COMMENTS);
	const read = (value: unknown, key: string) => {
		const comment = readComment(value);
		if (comment) comments.set(key, comment);
	};
	if (only) for (const key of only) read(map.get(key), key);
	else map.forEach(read);
	return comments;
}

export interface GradebookChange {
	/** Cell keys whose value or history changed. */
	cells: string[];
	/** Students whose comment changed. */
	comments: string[];
	/** The header or roster changed. */
	header: boolean;
	/** True when this device made the change. */
	local: boolean;
}

/** Calls back after every change of the gradebook, local or remote, naming what changed. */
export function observeGradebook(doc: Y.Doc, onChange: (change: GradebookChange) => void): () => void {
	const change = (transaction: Y.Transaction, part: Partial<GradebookChange>) =>
		onChange({ cells: [], comments: [], header: false, local: transaction.local, ...part });
	const headerChanged = (_event: unknown, transaction: Y.Transaction) => change(transaction, { header: true });
	const commentsChanged = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => change(transaction, { comments: [...event.keysChanged] });
	const legacyChanged = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => change(transaction, { cells: [...event.keysChanged] });
	const logChanged = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
		const cells = new Set<string>();
		for (const delta of event.changes.delta) {
			for (const inserted of (delta.insert as unknown[] | undefined) ?? []) if (isCellEdit(inserted)) cells.add(inserted.cell);
		}
		change(transaction, { cells: [...cells] });
	};
	const header = [doc.getMap(META), doc.getMap(STUDENTS)] as const;
	for (const type of header) type.observe(headerChanged);
	doc.getMap(COMMENTS).observe(commentsChanged);
	doc.getMap(CELLS).observe(legacyChanged);
	doc.getArray(HISTORY).observe(logChanged);
	return () => {
		for (const type of header) type.unobserve(headerChanged);
		doc.getMap(COMMENTS).unobserve(commentsChanged);
		doc.getMap(CELLS).unobserve(legacyChanged);
		doc.getArray(HISTORY).unobserve(logChanged);
	};
}

/**
 * Calls back with every cell edit as it arrives (each carries its cell key and stamp), and
 * whether this device made it: for tools that follow edits one by one (bench:sync's latency
 * ledger) rather than reading the resulting marks.
 */
export function observeCellEdits(doc: Y.Doc, onEdits: (edits: CellEdit[], local: boolean) => void): () => void {
	const log = doc.getArray<unknown>(HISTORY);
	const listener = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
		const edits: CellEdit[] = [];
		for (const delta of event.changes.delta) {
			for (const inserted of (delta.insert as unknown[] | undefined) ?? []) if (isCellEdit(inserted)) edits.push(inserted);
		}
		if (edits.length > 0) onEdits(edits, transaction.local);
	};
	log.observe(listener);
	return () => log.unobserve(listener);
}

const logIndexes = new WeakMap<Y.Doc, EditLogIndex>();

/**
 * Every edit of each cell (or of the cells named), in log order. The first read of a document
 * indexes its log; later reads of a few cells cost only those cells (edit-log-index.ts).
 */
function editsByCell(doc: Y.Doc, only?: ReadonlySet<string>): Map<string, CellEdit[]> {
	let index = logIndexes.get(doc);
	if (!index) {
		index = new EditLogIndex(doc.getArray<unknown>(HISTORY));
		logIndexes.set(doc, index);
	}
	return index.edits(only);
}

/** Content from peers is untrusted: a cell that is not a well-formed entry is ignored, never shown as a mark. */
function isCellEntry(value: unknown): value is CellEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return isCellValue(entry.value) && typeof entry.by === 'string' && typeof entry.at === 'number';
}

function readComment(value: unknown): StudentComment | null {
	if (typeof value !== 'object' || value === null) return null;
	const comment = value as Record<string, unknown>;
	if (typeof comment.text !== 'string' || typeof comment.by !== 'string' || typeof comment.at !== 'number') return null;
	return comment as unknown as StudentComment;
}

function isRosterEntry(value: unknown): value is RosterEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return typeof entry.id === 'string' && typeof entry.name === 'string';
}
