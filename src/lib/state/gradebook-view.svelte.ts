/**
 * Plain, sorted values of a gradebook document for the page, refreshed on every change.
 * Components read this; only src/lib/ydoc knows the document's shape.
 */
import type * as Y from 'yjs';
import { compareVietnameseNames } from '../domain/identity/vietnamese-name';
import { cellKey, observeGradebook, readGradebook, type CellEntry, type GradebookMeta, type RosterEntry } from '../ydoc/gradebook';

export class GradebookView {
	meta = $state<GradebookMeta | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	// Replaced whole on every change (never mutated), so a plain Map in raw state is enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	cells = $state.raw<Map<string, CellEntry>>(new Map());
	/** Why the document cannot be shown, if it cannot. */
	unavailable = $state<'empty' | 'too-new' | 'malformed' | null>('empty');

	#stop: () => void;

	constructor(doc: Y.Doc) {
		const refresh = () => {
			const read = readGradebook(doc);
			if (!read.ok) {
				this.unavailable = read.reason;
				return;
			}
			this.unavailable = null;
			this.meta = read.meta;
			// Class lists are ordered the Vietnamese way: given name, then family and middle names.
			this.roster = read.roster.sort((a, b) => compareVietnameseNames(a.name, b.name) || a.code.localeCompare(b.code));
			this.cells = read.cells;
		};
		refresh();
		this.#stop = observeGradebook(doc, refresh);
	}

	cell(studentId: string, columnKey: string): CellEntry | undefined {
		return this.cells.get(cellKey(studentId, columnKey));
	}

	destroy(): void {
		this.#stop();
	}
}
