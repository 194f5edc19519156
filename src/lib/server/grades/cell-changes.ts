/** Which marks differ between two readings of a gradebook: the unit of audit and corrections. */
import { splitCellKey, type CellEntry } from '../../ydoc/gradebook';
import { markToText } from '../../domain/marks/cell-text';

export interface CellChange {
	studentId: string;
	columnKey: string;
	oldValue: string | null;
	newValue: string | null;
	entry: CellEntry | undefined;
}

/** Marks as canonical text by cell key (`student:column`). */
export function marksByCell(cells: Map<string, CellEntry>): Map<string, string | null> {
	const marks = new Map<string, string | null>();
	for (const [key, entry] of cells) marks.set(key, markToText(entry.value));
	return marks;
}

/**
 * Every cell whose mark differs: over the cells of both readings, so a cell whose entries were
 * deleted from the document (the history is meant to be append-only) is a change to null with no
 * entry, audited and cleared like any other (projections SPEC P1).
 */
export function cellChanges(before: ReadonlyMap<string, string | null>, after: ReadonlyMap<string, CellEntry>): CellChange[] {
	const changes: CellChange[] = [];
	for (const key of new Set([...before.keys(), ...after.keys()])) {
		const entry = after.get(key);
		const oldValue = before.get(key) ?? null;
		const newValue = entry ? markToText(entry.value) : null;
		if (oldValue === newValue) continue;
		const [studentId, columnKey] = splitCellKey(key);
		changes.push({ studentId, columnKey, oldValue, newValue, entry });
	}
	return changes;
}
