/**
 * This person's correction requests for one gradebook that still wait for a decision (sync SPEC
 * O5), asked from the server and kept in localStorage for a reload offline. Polled while any
 * waits, since a rejection does not change the document; an approval does, and `refresh()` on a
 * remote change shows it at once.
 */
import { parseStoredPending, pendingByCell, serializePending, type PendingCorrections } from './pending-corrections';

const POLL_MS = 5_000;
/** After a refusal the server records the request a moment later: keep asking this long. */
const EXPECT_MS = 30_000;
const KEY_PREFIX = 'sodiem:corrections:';

export class CorrectionWatch {
	cells = $state.raw<PendingCorrections>(pendingByCell(null));

	#document: string;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#expectUntil = 0;
	#asked = 0;
	#stopped = false;

	constructor(document: string) {
		this.#document = document;
		this.cells = parseStoredPending(readStorage(KEY_PREFIX + document));
		addEventListener('online', this.#onOnline);
		void this.refresh();
	}

	/** Edits were just refused: a request should appear on the server shortly. */
	expect(): void {
		this.#expectUntil = Date.now() + EXPECT_MS;
		void this.refresh();
	}

	/** The document changed under a waiting request (an approval writes it): ask soon, once. */
	refreshSoon(): void {
		if (this.cells.size === 0 || this.#stopped) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.refresh(), 300);
	}

	async refresh(): Promise<void> {
		if (this.#stopped) return;
		clearTimeout(this.#timer);
		const asked = ++this.#asked;
		try {
			const response = await fetch(`/api/correction-requests?document=${encodeURIComponent(this.#document)}`);
			// Only the newest answer counts: an older one may arrive last.
			if (response.ok && asked === this.#asked && !this.#stopped) {
				this.cells = pendingByCell(await response.json());
				writeStorage(KEY_PREFIX + this.#document, serializePending(this.cells));
			}
		} catch {
			// Offline: keep what is known; the next poll or the 'online' event asks again.
		}
		if (asked !== this.#asked || this.#stopped) return;
		if (this.cells.size > 0 || Date.now() < this.#expectUntil) this.#timer = setTimeout(() => void this.refresh(), POLL_MS);
	}

	destroy(): void {
		this.#stopped = true;
		clearTimeout(this.#timer);
		removeEventListener('online', this.#onOnline);
	}

	#onOnline = () => void this.refresh();
}

function readStorage(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function writeStorage(key: string, value: string): void {
	try {
		localStorage.setItem(key, value);
	} catch {
		// Storage full or blocked: the markers then need the network after a reload.
	}
}
