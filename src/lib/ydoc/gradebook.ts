/**
 * The gradebook document: the only code that knows its Y.Map keys (STYLE anti-pattern 1).
 * A gradebook is one class × subject × term. The server writes `meta` and `students`; teachers
 * write `cells`. Components read plain values from here and never touch Yjs directly.
 */
import * as Y from 'yjs';
import type { AssessmentColumnKind } from '../domain/curriculum/subjects';
import type { CommentMark } from '../domain/marks/mark-input';

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

export interface RosterEntry {
	id: string;
	name: string;
	code: string;
}

/** A mark: integer tenths for scored subjects, Đ/CĐ for comment subjects; null = cleared. */
export type CellValue = number | CommentMark | null;

export interface CellEntry {
	value: CellValue;
	/** Who entered it, when (ms since epoch), and whether the device was offline at the time. */
	by: string;
	byName: string;
	at: number;
	offline: boolean;
}

export interface Actor {
	id: string;
	name: string;
}

export type GradebookRead =
	| { ok: true; meta: GradebookMeta; roster: RosterEntry[]; cells: Map<string, CellEntry> }
	| { ok: false; reason: 'empty' | 'too-new' | 'malformed' };

const META = 'meta';
const STUDENTS = 'students';
const CELLS = 'cells';

export function cellKey(studentId: string, columnKey: string): string {
	return `${studentId}:${columnKey}`;
}

/** Server side: writes the header and roster of a new gradebook. */
export function initGradebook(doc: Y.Doc, meta: Omit<GradebookMeta, 'schemaVersion'>, roster: RosterEntry[]): void {
	doc.transact(() => {
		const metaMap = doc.getMap(META);
		for (const [key, value] of Object.entries({ ...meta, schemaVersion: GRADEBOOK_SCHEMA_VERSION })) {
			metaMap.set(key, value);
		}
		setRoster(doc, roster);
	});
}

/** Server side: replaces the roster (enrolment changes); marks of students who left are kept. */
export function setRoster(doc: Y.Doc, roster: RosterEntry[]): void {
	doc.transact(() => {
		const students = doc.getMap<RosterEntry>(STUDENTS);
		const keep = new Set(roster.map((entry) => entry.id));
		for (const id of [...students.keys()]) if (!keep.has(id)) students.delete(id);
		for (const entry of roster) {
			const current = students.get(entry.id);
			if (!current || current.name !== entry.name || current.code !== entry.code) students.set(entry.id, { ...entry });
		}
	});
}

export function writeCell(
	doc: Y.Doc,
	studentId: string,
	columnKey: string,
	value: CellValue,
	stamp: { actor: Actor; at: number; offline: boolean }
): void {
	const entry: CellEntry = { value, by: stamp.actor.id, byName: stamp.actor.name, at: stamp.at, offline: stamp.offline };
	doc.getMap<CellEntry>(CELLS).set(cellKey(studentId, columnKey), entry);
}

/** Several cells in one transaction (a paste, a column fill): one undo step, one network message. */
export function writeCells(
	doc: Y.Doc,
	cells: Array<{ studentId: string; columnKey: string; value: CellValue }>,
	stamp: { actor: Actor; at: number; offline: boolean }
): void {
	doc.transact(() => {
		for (const cell of cells) writeCell(doc, cell.studentId, cell.columnKey, cell.value, stamp);
	});
}

export function readGradebook(doc: Y.Doc): GradebookRead {
	const metaMap = doc.getMap(META);
	if (metaMap.size === 0) return { ok: false, reason: 'empty' };
	const meta = metaMap.toJSON() as GradebookMeta;
	if (typeof meta.schemaVersion !== 'number') return { ok: false, reason: 'malformed' };
	if (meta.schemaVersion > GRADEBOOK_SCHEMA_VERSION) return { ok: false, reason: 'too-new' };
	if (!Array.isArray(meta.columns)) return { ok: false, reason: 'malformed' };
	const roster = [...doc.getMap<RosterEntry>(STUDENTS).values()].filter(isRosterEntry);
	const cells = new Map<string, CellEntry>();
	doc.getMap<unknown>(CELLS).forEach((value, key) => {
		if (isCellEntry(value)) cells.set(key, value);
	});
	return { ok: true, meta, roster, cells };
}

/** Calls back after every change of the gradebook, local or remote. */
export function observeGradebook(doc: Y.Doc, onChange: () => void): () => void {
	const maps = [doc.getMap(META), doc.getMap(STUDENTS), doc.getMap(CELLS)];
	for (const map of maps) map.observe(onChange);
	return () => {
		for (const map of maps) map.unobserve(onChange);
	};
}

/** Content from peers is untrusted: a cell that is not a well-formed entry is ignored, never shown as a mark. */
function isCellEntry(value: unknown): value is CellEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	const v = entry.value;
	const validValue = v === null || v === 'Đ' || v === 'CĐ' || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100);
	return validValue && typeof entry.by === 'string' && typeof entry.at === 'number';
}

function isRosterEntry(value: unknown): value is RosterEntry {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	return typeof entry.id === 'string' && typeof entry.name === 'string';
}

/** The Y.Map that holds cells, for Y.UndoManager scoping in the browser. */
export function cellsType(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(CELLS);
}
