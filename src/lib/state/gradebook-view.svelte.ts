/**
 * Plain values of a gradebook document for the page, kept up to date incrementally: a change
 * refreshes only the cells, comments or header it touched, and each cell is its own reactive
 * entry, so typing one mark re-renders one cell and its row's averages, not the whole grid.
 * Components read this; only src/lib/ydoc knows the document's shape.
 */
import type * as Y from 'yjs';
import { SvelteMap } from 'svelte/reactivity';
import { compareVietnameseNames } from '../domain/identity/vietnamese-name';
import {
	cellKey,
	observeGradebook,
	readCells,
	readComments,
	readHeader,
	type CellEdit,
	type CellEntry,
	type GradebookChange,
	type GradebookMeta,
	type RosterEntry,
	type StudentComment
} from '../ydoc/gradebook';

// The plain Sets below are bookkeeping between a change and the next refresh, never rendered.
/* eslint-disable svelte/prefer-svelte-reactivity */
export class GradebookView {
	meta = $state.raw<GradebookMeta | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	/**
	 * Every cell of the grid has a key here, `undefined` while it holds no mark: a SvelteMap read of
	 * a missing key depends on the whole map, so each write re-ran every empty cell of the grid.
	 */
	readonly cells = new SvelteMap<string, CellEntry | undefined>();
	readonly history = new SvelteMap<string, CellEdit[]>();
	readonly conflicts = new SvelteMap<string, CellEdit[]>();
	readonly comments = new SvelteMap<string, StudentComment>();
	/** Why the document cannot be shown, if it cannot. */
	unavailable = $state<'empty' | 'too-new' | 'malformed' | null>('empty');

	#doc: Y.Doc;
	#stop: () => void;
	#remoteListeners = new Set<(cells: string[]) => void>();
	// What changed since the last refresh (one transaction fires one observer per shared type).
	#pending: { header: boolean; cells: Set<string>; comments: Set<string>; remote: Set<string> } | null = null;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#refreshHeader();
		this.#refreshCells(null);
		this.#refreshComments(null);
		this.#stop = observeGradebook(doc, (change) => this.#queue(change));
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

	#queue(change: GradebookChange): void {
		if (!this.#pending) {
			this.#pending = { header: false, cells: new Set(), comments: new Set(), remote: new Set() };
			queueMicrotask(() => this.#flush());
		}
		const pending = this.#pending;
		pending.header ||= change.header;
		for (const key of change.cells) {
			pending.cells.add(key);
			if (!change.local) pending.remote.add(key);
		}
		for (const key of change.comments) pending.comments.add(key);
	}

	#flush(): void {
		const pending = this.#pending;
		this.#pending = null;
		if (!pending) return;
		if (pending.header) this.#refreshHeader();
		if (pending.cells.size > 0) this.#refreshCells(pending.cells);
		if (pending.comments.size > 0) this.#refreshComments(pending.comments);
		if (pending.remote.size > 0) for (const listener of this.#remoteListeners) listener([...pending.remote]);
	}

	#refreshHeader(): void {
		const read = readHeader(this.#doc);
		if (!read.ok) {
			this.unavailable = read.reason;
			return;
		}
		this.unavailable = null;
		this.meta = read.meta;
		// Class lists are ordered the Vietnamese way: given name, then family and middle names.
		this.roster = read.roster.sort((a, b) => compareVietnameseNames(a.name, b.name) || a.code.localeCompare(b.code));
		for (const student of this.roster) {
			for (const column of read.meta.columns) {
				const key = cellKey(student.id, column.key);
				if (!this.cells.has(key)) this.cells.set(key, undefined);
			}
		}
	}

	/** `keys` null: every cell. */
	#refreshCells(keys: ReadonlySet<string> | null): void {
		const read = readCells(this.#doc, keys ?? undefined);
		for (const key of keys ?? read.history.keys()) {
			sync(this.history, key, read.history.get(key));
			sync(this.conflicts, key, read.conflicts.get(key));
		}
		for (const key of keys ?? read.cells.keys()) {
			const entry = read.cells.get(key);
			// A cleared cell keeps its key (see `cells`).
			if (entry !== undefined || this.cells.get(key) !== undefined) this.cells.set(key, entry);
		}
	}

	#refreshComments(keys: ReadonlySet<string> | null): void {
		const read = readComments(this.#doc, keys ?? undefined);
		for (const key of keys ?? read.keys()) sync(this.comments, key, read.get(key));
	}
}

function sync<V>(map: SvelteMap<string, V>, key: string, value: V | undefined): void {
	if (value === undefined) {
		if (map.has(key)) map.delete(key);
	} else map.set(key, value);
}
