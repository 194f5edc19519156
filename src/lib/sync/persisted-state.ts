/**
 * What this device knows of a document's changes, kept in localStorage so that, reloaded offline,
 * the page can still say how many changes exist only on this device (sync SPEC N1–N3):
 * - the state vector of the server's last "persisted" message: what its database holds;
 * - the Yjs client ids this device wrote with (one per page load that edited the document):
 *   changes of other clients came from the server and are never this device's to save.
 */
import * as Y from 'yjs';

const PERSISTED_PREFIX = 'sodiem:persisted:';
const OWN_CLIENTS_PREFIX = 'sodiem:own-clients:';

export function loadPersistedVector(document: string): Map<number, number> {
	try {
		const stored = localStorage.getItem(PERSISTED_PREFIX + document);
		if (!stored) return new Map();
		return Y.decodeStateVector(Uint8Array.from(atob(stored), (c) => c.charCodeAt(0)));
	} catch {
		return new Map();
	}
}

export function savePersistedVector(document: string, encoded: Uint8Array): void {
	try {
		localStorage.setItem(PERSISTED_PREFIX + document, btoa(String.fromCharCode(...encoded)));
	} catch {
		// Storage full or disabled: the count is then only correct while the page stays open.
	}
}

/** The client ids this device wrote the document with; null when none were ever recorded (N3). */
export function loadOwnClients(document: string): Set<number> | null {
	try {
		const stored = localStorage.getItem(OWN_CLIENTS_PREFIX + document);
		if (stored === null) return null;
		const ids: unknown = JSON.parse(stored);
		return new Set(Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : []);
	} catch {
		return null;
	}
}

function saveOwnClients(document: string, clients: Iterable<number>): void {
	try {
		localStorage.setItem(OWN_CLIENTS_PREFIX + document, JSON.stringify([...clients]));
	} catch {
		// As for the persisted vector.
	}
}

/**
 * N2: records `clients` among the device's writers of `document`. The stored list is read again
 * first, and only changed as asked: another tab of the device may have changed it meanwhile.
 */
export function rememberOwnClients(document: string, clients: Iterable<number>): void {
	const recorded = loadOwnClients(document);
	const stored = new Set(recorded);
	for (const client of clients) stored.add(client);
	if (recorded === null || stored.size !== recorded.size) saveOwnClients(document, stored);
}

/** N3: takes `clients`, whose changes are all durable, off the device's list of `document`. */
export function forgetOwnClients(document: string, clients: Iterable<number>): void {
	const stored = loadOwnClients(document);
	if (!stored) return;
	const before = stored.size;
	for (const client of clients) stored.delete(client);
	if (stored.size !== before) saveOwnClients(document, stored);
}

/**
 * N1: the number of changes (Yjs items) of the clients `among` (this device's, N2; default every
 * client) in `local` that `persisted` does not cover.
 */
export function changesNotPersisted(local: Map<number, number>, persisted: Map<number, number>, among: Iterable<number> = local.keys()): number {
	let count = 0;
	for (const client of among) count += Math.max(0, (local.get(client) ?? 0) - (persisted.get(client) ?? 0));
	return count;
}

/** `clients` and `client`. */
export function withClient(clients: ReadonlySet<number> | null, client: number): ReadonlySet<number> {
	return new Set([...(clients ?? []), client]);
}

/**
 * N3: of the device's recorded clients, those with changes the server has not confirmed, and
 * `current` (this page's). With no record (an app from before protocol 2): every client with
 * changes not confirmed, as that app counted.
 */
export function stillUnsaved(
	recorded: ReadonlySet<number> | null,
	local: Map<number, number>,
	persisted: Map<number, number>,
	current: number
): ReadonlySet<number> {
	const unsaved = (client: number) => (local.get(client) ?? 0) > (persisted.get(client) ?? 0);
	if (recorded === null) return new Set([...local.keys()].filter(unsaved));
	return new Set([...recorded].filter((client) => client === current || unsaved(client)));
}
