/**
 * Every mark sent and who has seen it. A mark is identified by document, cell and its `at`
 * stamp: each cell has one writer (gradebook-fixture.ts cellPlan), who never writes the same cell
 * twice in one millisecond. Precise times come from performance.now(), kept here, not in the
 * document, so the entries look exactly like real grade entry.
 */
import type { CellTarget } from './gradebook-fixture';
import { cellKey } from '../../src/lib/ydoc/gradebook';

interface Pending {
	sentAt: number;
	/** Receivers (the document's other clients) that have not seen it yet. */
	remaining: number;
	inWindow: boolean;
}

export class EditLedger {
	readonly #receiversPerEdit: number;
	readonly #pending = new Map<string, Pending>();
	#windowOpen = false;
	/** Send → receive at another client of the same document, ms, for marks sent in a window. */
	readonly fanOut: number[] = [];
	/** Send → the server's "persisted" covering it, ms, for marks sent in a window. */
	readonly durableLatencies: number[] = [];
	sentInWindow = 0;
	/** Remote marks applied by any client while a window was open (whenever they were sent). */
	appliedInWindow = 0;

	constructor(clientsPerDocument: number) {
		this.#receiversPerEdit = clientsPerDocument - 1;
	}

	openWindow(): void {
		this.#windowOpen = true;
	}

	closeWindow(): void {
		this.#windowOpen = false;
	}

	sent(documentIndex: number, cell: CellTarget, at: number, sentAt: number, inWindow: boolean): void {
		if (inWindow) this.sentInWindow += 1;
		this.#pending.set(this.#id(documentIndex, cellKey(cell.studentId, cell.columnKey), at), {
			sentAt,
			remaining: this.#receiversPerEdit,
			inWindow
		});
	}

	/** A client saw `key` change to `entry` from elsewhere. */
	received(documentIndex: number, key: string, entry: unknown, now: number): void {
		if (this.#windowOpen) this.appliedInWindow += 1;
		const at = stampOf(entry);
		if (at === null) return;
		const id = this.#id(documentIndex, key, at);
		const pending = this.#pending.get(id);
		if (!pending) return;
		if (pending.inWindow) this.fanOut.push(now - pending.sentAt);
		pending.remaining -= 1;
		if (pending.remaining === 0) this.#pending.delete(id);
	}

	durable(latency: number): void {
		this.durableLatencies.push(latency);
	}

	/** Deliveries still missing, of every mark or only of marks sent in a window: 0 once everything has fanned out. */
	undelivered(which: 'all' | 'measured'): number {
		let missing = 0;
		for (const pending of this.#pending.values()) if (which === 'all' || pending.inWindow) missing += pending.remaining;
		return missing;
	}

	#id(documentIndex: number, key: string, at: number): string {
		return `${documentIndex}|${key}|${at}`;
	}
}

function stampOf(entry: unknown): number | null {
	if (typeof entry !== 'object' || entry === null) return null;
	const at = (entry as { at?: unknown }).at;
	return typeof at === 'number' ? at : null;
}
