/**
 * The gradebook's edit log grouped by cell, kept up to date from the log's own change events, so
 * a write or a view refresh reads the few cells it touches instead of scanning the whole log
 * (thousands of edits by the end of a year: a scan per keystroke was most of its script time).
 *
 * The index must always equal `groupEditsByCell(log.toArray())` (edit-log-index.test.ts checks it
 * against random concurrent histories). It is updated in place only for the common change — edits
 * appended at the end of the log, as every local write and most remote ones are. Anything else (a
 * concurrent edit that Yjs orders before edits already here, a deletion, which no honest writer
 * makes) rebuilds it from a full scan, which keeps each cell's edits in log order.
 *
 * The lists handed out are never changed afterwards: an append replaces a cell's list, so a reader
 * may keep one and compare it by identity.
 */
import type * as Y from 'yjs';
import { isCellEdit, type CellEdit } from './cell-history';

/** The reference: every well-formed edit of the log, grouped by cell, in log order. */
export function groupEditsByCell(entries: readonly unknown[], only?: ReadonlySet<string>): Map<string, CellEdit[]> {
	const byCell = new Map<string, CellEdit[]>();
	for (const raw of entries) {
		if (!isCellEdit(raw) || (only && !only.has(raw.cell))) continue;
		const edit = normalise(raw);
		const list = byCell.get(edit.cell);
		if (list) list.push(edit);
		else byCell.set(edit.cell, [edit]);
	}
	return byCell;
}

/** Edits written before `kind` existed are plain edits. */
function normalise(raw: CellEdit): CellEdit {
	return raw.kind ? raw : { ...raw, kind: 'edit' };
}

export class EditLogIndex {
	#log: Y.Array<unknown>;
	#byCell = new Map<string, readonly CellEdit[]>();
	/** How many log entries the index covers. */
	#covered = 0;
	#stop: () => void;

	constructor(log: Y.Array<unknown>) {
		this.#log = log;
		this.#rebuild();
		const listener = (event: Y.YArrayEvent<unknown>) => this.#onChange(event);
		log.observe(listener);
		this.#stop = () => log.unobserve(listener);
	}

	/** The edits of the cells named (or of every cell), in log order; cells never written are absent. */
	edits(only?: ReadonlySet<string>): Map<string, CellEdit[]> {
		// Inside a transaction that wrote to the log, its event has not fired yet: catch up by a scan.
		if (this.#log.length !== this.#covered) this.#rebuild();
		const result = new Map<string, CellEdit[]>();
		if (only) {
			for (const key of only) {
				const list = this.#byCell.get(key);
				if (list) result.set(key, list as CellEdit[]);
			}
		} else for (const [key, list] of this.#byCell) result.set(key, list as CellEdit[]);
		return result;
	}

	destroy(): void {
		this.#stop();
	}

	#onChange(event: Y.YArrayEvent<unknown>): void {
		const appended = appendedAfter(event.changes.delta, this.#covered);
		if (appended && this.#covered + appended.length === this.#log.length) {
			for (const raw of appended) {
				if (!isCellEdit(raw)) continue;
				const edit = normalise(raw);
				this.#byCell.set(edit.cell, [...(this.#byCell.get(edit.cell) ?? []), edit]);
			}
			this.#covered += appended.length;
		} else this.#rebuild();
	}

	#rebuild(): void {
		const entries = this.#log.toArray();
		this.#byCell = groupEditsByCell(entries);
		this.#covered = entries.length;
	}
}

/**
 * The entries a change added at the end of a log that held `length` entries, or null when the
 * change did anything else (inserted before the end, deleted).
 */
function appendedAfter(delta: ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>, length: number): unknown[] | null {
	let position = 0;
	const appended: unknown[] = [];
	for (const step of delta) {
		if (step.delete !== undefined) return null;
		if (step.retain !== undefined) {
			if (appended.length > 0) return null;
			position += step.retain;
		} else if (Array.isArray(step.insert)) {
			if (position !== length) return null;
			appended.push(...(step.insert as unknown[]));
		}
	}
	return appended;
}
