/**
 * Plain, sorted values of a gradebook document for the page, refreshed on every change.
 * Components read this; only src/lib/ydoc knows the document's shape.
 */
import type * as Y from 'yjs';
import { compareVietnameseNames } from '../domain/identity/vietnamese-name';
import {
	cellKey,
	observeGradebook,
	readGradebook,
	type CellEdit,
	type CellEntry,
	type GradebookMeta,
	type RosterEntry,
	type StudentComment
} from '../ydoc/gradebook';

// Maps below are replaced whole on every change (never mutated), so plain Maps in raw state are enough.
/* eslint-disable svelte/prefer-svelte-reactivity */
export class GradebookView {
	meta = $state<GradebookMeta | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	cells = $state.raw<Map<string, CellEntry>>(new Map());
	history = $state.raw<Map<string, CellEdit[]>>(new Map());
	conflicts = $state.raw<Map<string, CellEdit[]>>(new Map());
	comments = $state.raw<Map<string, StudentComment>>(new Map());
	/** Why the document cannot be shown, if it cannot. */
	unavailable = $state<'empty' | 'too-new' | 'malformed' | null>('empty');

	#stop: () => void;
	#remoteListeners = new Set<(cells: string[]) => void>();
	#scheduled = false;
	#pendingRemote: string[] = [];

	constructor(doc: Y.Doc) {
		const refresh = () => {
			this.#scheduled = false;
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
			this.history = read.history;
			this.conflicts = read.conflicts;
			this.comments = read.comments;
			const remote = this.#pendingRemote;
			this.#pendingRemote = [];
			if (remote.length > 0) for (const listener of this.#remoteListeners) listener(remote);
		};
		refresh();
		// One transaction fires one observer per shared type: read the document once, after them all.
		this.#stop = observeGradebook(doc, (change) => {
			if (!change.local) this.#pendingRemote.push(...change.cells);
			if (this.#scheduled) return;
			this.#scheduled = true;
			queueMicrotask(refresh);
		});
	}

	cell(studentId: string, columnKey: string): CellEntry | undefined {
		return this.cells.get(cellKey(studentId, columnKey));
	}

	/** Called with the keys of cells whose value another device changed. */
	onRemoteChange(listener: (cells: string[]) => void): () => void {
		this.#remoteListeners.add(listener);
		return () => this.#remoteListeners.delete(listener);
	}

	destroy(): void {
		this.#stop();
		this.#remoteListeners.clear();
	}
}
