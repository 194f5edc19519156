/**
 * One simulated teacher: a stock y-websocket client in Node (ws polyfill, no BroadcastChannel:
 * y-websocket would otherwise sync same-process clients behind the server's back) on one gradebook, entering marks through the gradebook adapter and timing
 * what it sees of the others' marks. All clients share one process, hence one clock.
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { initGradebook, observeCellEdits, readGradebook, writeCell, type Actor } from '../../src/lib/ydoc/gradebook';
import { MessageType } from '../../src/lib/ydoc/wire';
import { documentName, gradebookHeader, roster, STUDENTS_PER_CLASS, type CellTarget } from './gradebook-fixture';
import type { EditLedger } from './edit-ledger';

export interface LoadTarget {
	/** The y-websocket server URLs (one per instance); client n of a document uses the n-th modulo their count and appends `/<document name>`. */
	serverUrls: string[];
	/** URL parameters of one connection: our ticket, or nothing for the reference server. */
	params(document: string, actor: Actor): Record<string, string>;
	/** Whether the server sends our "persisted" messages (wire.ts), so durable latency can be timed. */
	reportsPersisted: boolean;
	/** The server holds the gradebooks' header and roster already (ours); otherwise the first client writes them. */
	provisioned?: boolean;
}

interface Unacknowledged {
	/** The writer's Yjs clock after the edit: a persisted state vector at or past it covers the edit. */
	state: number;
	sentAt: number;
	inWindow: boolean;
}

export class BenchClient {
	readonly documentIndex: number;
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly actor: Actor;
	/** Times the connection closed (or failed to open) before the end of the run: should stay 0. */
	disconnects = 0;
	readonly #ledger: EditLedger;
	readonly #plan: CellTarget[];
	#nextCell = 0;
	#destroyed = false;
	readonly #unacknowledged: Unacknowledged[] = [];

	constructor(target: LoadTarget, documentIndex: number, client: number, plan: CellTarget[], ledger: EditLedger) {
		this.documentIndex = documentIndex;
		this.#plan = plan;
		this.#ledger = ledger;
		this.actor = { id: `bench-${documentIndex + 1}-${client + 1}`, name: `Giáo viên ${documentIndex + 1}.${client + 1}` };
		const document = documentName(documentIndex);
		this.provider = new WebsocketProvider(target.serverUrls[client % target.serverUrls.length]!, document, this.doc, {
			params: target.params(document, this.actor),
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		this.provider.messageHandlers[MessageType.persisted] = (_encoder, decoder) => {
			this.#onPersisted(decoding.readVarUint8Array(decoder));
		};
		// Our server says which access the ticket gave; nothing to do with it here.
		this.provider.messageHandlers[MessageType.access] = (_encoder, decoder) => void decoding.readVarString(decoder);
		this.provider.on('connection-close', () => {
			if (this.#destroyed) return;
			this.disconnects += 1;
			// Like the app's client: a fresh ticket before every connect (they live a minute).
			this.provider.params = target.params(document, this.actor);
		});
		this.provider.awareness.setLocalStateField('user', { id: this.actor.id, name: this.actor.name, color: '#0369a1' });
		// Marks arrive as edits in the gradebook's log (ydoc/gradebook.ts), each with its cell and stamp.
		observeCellEdits(this.doc, (edits, local) => {
			if (local) return;
			const now = performance.now();
			for (const edit of edits) this.#ledger.received(this.documentIndex, edit.cell, edit, now);
		});
	}

	/** The server's side of a new gradebook: header and roster, written once per document. */
	seedGradebook(): void {
		initGradebook(this.doc, gradebookHeader(this.documentIndex), roster(this.documentIndex));
	}

	hasRoster(): boolean {
		const gradebook = readGradebook(this.doc);
		return gradebook.ok && gradebook.roster.length === STUDENTS_PER_CLASS;
	}

	/** The next cell of the plan: focus it (awareness, as the grid does) and type a mark. */
	enterMark(tenths: number, options: { awareness: boolean; inWindow: boolean; trackDurable: boolean }): void {
		const cell = this.#plan[this.#nextCell % this.#plan.length]!;
		this.#nextCell += 1;
		if (options.awareness) this.provider.awareness.setLocalStateField('cell', cell);
		const at = Date.now();
		const sentAt = performance.now();
		this.#ledger.sent(this.documentIndex, cell, at, sentAt, options.inWindow);
		writeCell(this.doc, cell.studentId, cell.columnKey, tenths, { actor: this.actor, at, offline: false });
		if (options.trackDurable) {
			this.#unacknowledged.push({ state: Y.getState(this.doc.store, this.doc.clientID), sentAt, inWindow: options.inWindow });
		}
	}

	/** Edits still waiting for the server to say they are durable: all, or only those of measured windows. */
	notYetDurable(which: 'all' | 'measured'): number {
		return which === 'all' ? this.#unacknowledged.length : this.#unacknowledged.filter((edit) => edit.inWindow).length;
	}

	destroy(): void {
		this.#destroyed = true;
		this.provider.destroy();
		this.doc.destroy();
	}

	#onPersisted(stateVector: Uint8Array): void {
		const durable = Y.decodeStateVector(stateVector).get(this.doc.clientID) ?? 0;
		const now = performance.now();
		while (this.#unacknowledged.length > 0 && this.#unacknowledged[0]!.state <= durable) {
			const edit = this.#unacknowledged.shift()!;
			if (edit.inWindow) this.#ledger.durable(now - edit.sentAt);
		}
	}
}
