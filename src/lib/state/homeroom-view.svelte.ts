/**
 * Plain, sorted values of a homeroom document for the page, refreshed on every change.
 * Components read this; only src/lib/ydoc knows the document's shape.
 */
import type * as Y from 'yjs';
import { compareVietnameseNames } from '../domain/identity/vietnamese-name';
import { emptyValues, observeHomeroom, readHomeroom, type HomeroomMeta, type HomeroomValues, type RosterEntry } from '../ydoc/homeroom';

export class HomeroomView {
	meta = $state<HomeroomMeta | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	// Replaced whole on every change (never mutated), so a plain Map in raw state is enough.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	records = $state.raw<Map<string, HomeroomValues>>(new Map());
	/** Why the document cannot be shown, if it cannot. */
	unavailable = $state<'empty' | 'too-new' | 'malformed' | null>('empty');

	#stop: () => void;

	constructor(doc: Y.Doc) {
		const refresh = () => {
			const read = readHomeroom(doc);
			if (!read.ok) {
				this.unavailable = read.reason;
				return;
			}
			this.unavailable = null;
			this.meta = read.meta;
			// Class lists are ordered the Vietnamese way: given name, then family and middle names.
			this.roster = read.roster.sort((a, b) => compareVietnameseNames(a.name, b.name) || a.code.localeCompare(b.code));
			this.records = read.records;
		};
		refresh();
		this.#stop = observeHomeroom(doc, refresh);
	}

	values(studentId: string): HomeroomValues {
		return this.records.get(studentId) ?? emptyValues();
	}

	destroy(): void {
		this.#stop();
	}
}
