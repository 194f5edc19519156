/**
 * Per-cell edit history of a gradebook, as plain values, and how concurrent edits are detected.
 *
 * Every write of a cell appends one `CellEdit` to the document's append-only log. An edit records
 * the ids of the edits of that cell its writer had seen as current (`replaces`). Two edits that
 * neither replaced — directly or through later edits — are concurrent: both teachers typed into the
 * cell without seeing the other's value (typically both offline). The cell's shown value is the one
 * Yjs settles on in the `cells` map; the log keeps every value, so nothing is lost silently.
 *
 * Pure: no Yjs here, so the rules can be tested on plain arrays.
 */

/** A mark: integer tenths for scored subjects, Đ/CĐ for comment subjects; null = cleared. */
export type CellValue = number | 'Đ' | 'CĐ' | null;

/** Why an edit was made, for the history view. */
export const EDIT_KINDS = ['edit', 'paste', 'undo', 'redo', 'resolve'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export interface CellEdit {
	/** Unique across replicas: `${clientID}-${clock}-${index}`. */
	id: string;
	/** The cell, as `cellKey(studentId, columnKey)`. */
	cell: string;
	value: CellValue;
	/** Ids of the edits of this cell that were current for the writer (its "heads"). */
	replaces: string[];
	by: string;
	byName: string;
	at: number;
	offline: boolean;
	kind: EditKind;
}

/** The edits of one cell that no other edit of it replaced: one normally, more after concurrent writes. */
export function heads(edits: readonly CellEdit[]): CellEdit[] {
	const replaced = new Set<string>();
	for (const edit of edits) for (const id of edit.replaces) replaced.add(id);
	return edits.filter((edit) => !replaced.has(edit.id));
}

/**
 * The concurrent values of a cell, when there is a real conflict: two or more heads holding
 * different values. Concurrent edits that agree (both typed 8) lose nothing and are not flagged.
 * Sorted by time, then id, so every replica lists them in the same order.
 */
export function conflictingHeads(edits: readonly CellEdit[]): CellEdit[] | null {
	const current = heads(edits);
	if (current.length < 2) return null;
	const values = new Set(current.map((edit) => edit.value));
	if (values.size < 2) return null;
	return [...current].sort(byTime);
}

export interface HistoryItem {
	edit: CellEdit;
	/** The values this edit replaced (two or more when it resolved a conflict); [] for the first. */
	previous: CellValue[];
	/** True when another edit of the cell was made without seeing this one, or the other way round. */
	concurrent: boolean;
}

/** The cell's history, oldest first, each edit with the value(s) it replaced. */
export function cellHistory(edits: readonly CellEdit[]): HistoryItem[] {
	const byId = new Map(edits.map((edit) => [edit.id, edit]));
	const ancestors = ancestorSets(edits, byId);
	const sorted = [...edits].sort(byTime);
	return sorted.map((edit) => ({
		edit,
		previous: edit.replaces.flatMap((id) => {
			const replaced = byId.get(id);
			return replaced ? [replaced.value] : [];
		}),
		concurrent: sorted.some(
			(other) => other !== edit && !ancestors.get(edit.id)!.has(other.id) && !ancestors.get(other.id)!.has(edit.id)
		)
	}));
}

/** For each edit, the ids of every edit it (transitively) replaced. */
function ancestorSets(edits: readonly CellEdit[], byId: Map<string, CellEdit>): Map<string, Set<string>> {
	const result = new Map<string, Set<string>>();
	const visit = (edit: CellEdit): Set<string> => {
		const known = result.get(edit.id);
		if (known) return known;
		const set = new Set<string>();
		result.set(edit.id, set);
		for (const id of edit.replaces) {
			set.add(id);
			const parent = byId.get(id);
			if (parent) for (const ancestor of visit(parent)) set.add(ancestor);
		}
		return set;
	};
	for (const edit of edits) visit(edit);
	return result;
}

function byTime(a: CellEdit, b: CellEdit): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Content from peers is untrusted: anything that is not a well-formed edit is ignored. */
export function isCellEdit(value: unknown): value is CellEdit {
	if (typeof value !== 'object' || value === null) return false;
	const edit = value as Record<string, unknown>;
	return (
		typeof edit.id === 'string' &&
		typeof edit.cell === 'string' &&
		isCellValue(edit.value) &&
		Array.isArray(edit.replaces) &&
		edit.replaces.every((id) => typeof id === 'string') &&
		typeof edit.by === 'string' &&
		typeof edit.byName === 'string' &&
		typeof edit.at === 'number' &&
		typeof edit.offline === 'boolean'
	);
}

export function isCellValue(v: unknown): v is CellValue {
	return v === null || v === 'Đ' || v === 'CĐ' || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100);
}
