/**
 * What this device knows the server has committed, per document: the state vector of the last
 * "persisted" message. Kept in localStorage so that, reloaded offline, the page can still say
 * how many changes exist only on this device.
 */
import * as Y from 'yjs';

const KEY_PREFIX = 'sodiem:persisted:';

export function loadPersistedVector(document: string): Map<number, number> {
	try {
		const stored = localStorage.getItem(KEY_PREFIX + document);
		if (!stored) return new Map();
		return Y.decodeStateVector(Uint8Array.from(atob(stored), (c) => c.charCodeAt(0)));
	} catch {
		return new Map();
	}
}

export function savePersistedVector(document: string, encoded: Uint8Array): void {
	try {
		localStorage.setItem(KEY_PREFIX + document, btoa(String.fromCharCode(...encoded)));
	} catch {
		// Storage full or disabled: the count is then only correct while the page stays open.
	}
}

/** Number of changes (Yjs items) in `local` that the server has not confirmed as durable. */
export function changesNotPersisted(local: Map<number, number>, persisted: Map<number, number>): number {
	let count = 0;
	for (const [client, clock] of local) count += Math.max(0, clock - (persisted.get(client) ?? 0));
	return count;
}
