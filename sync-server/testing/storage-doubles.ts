/**
 * Test doubles for unit tests of the sync server: a DocStorage wrapper that counts calls, can
 * fail on demand and can hold writes open; and a Peer that records what the room sends it.
 * They wrap the real MemoryDocStorage, so contract behaviour stays real.
 */
import * as decoding from 'lib0/decoding';
import { SYNC_PROTOCOL_VERSION, type Access } from '../../src/lib/ydoc/wire';
import type { DocStorage, StoredDocument } from '../persistence/doc-storage';
import { MemoryDocStorage } from '../persistence/memory-doc-storage';
import type { Peer } from '../room';
import type { SyncActor } from '../sync-events';

export class ScriptedStorage implements DocStorage {
	readonly inner = new MemoryDocStorage();
	readonly calls = { load: 0, append: 0, compact: 0, rowCount: 0 };
	readonly appended: Uint8Array[][] = [];
	/** How many of the next appends / compactions throw. */
	failAppends = 0;
	failCompactions = 0;
	loadDelayMs = 0;
	/** While set, appends wait for it: a test can hold a write "in flight". */
	gate: Promise<void> | null = null;
	/** While set, compactions wait for it (after their load and merge). */
	compactGate: Promise<void> | null = null;
	appendsInFlight = 0;
	maxAppendsInFlight = 0;

	async load(document: string): Promise<StoredDocument> {
		this.calls.load += 1;
		if (this.loadDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.loadDelayMs));
		return this.inner.load(document);
	}

	async append(document: string, updates: Uint8Array[]): Promise<number> {
		this.calls.append += 1;
		this.appendsInFlight += 1;
		this.maxAppendsInFlight = Math.max(this.maxAppendsInFlight, this.appendsInFlight);
		try {
			if (this.gate) await this.gate;
			if (this.failAppends > 0) {
				this.failAppends -= 1;
				throw new Error('database unavailable');
			}
			this.appended.push(updates);
			return await this.inner.append(document, updates);
		} finally {
			this.appendsInFlight -= 1;
		}
	}

	async compact(document: string, merged: Uint8Array, throughId: number): Promise<void> {
		this.calls.compact += 1;
		if (this.compactGate) await this.compactGate;
		if (this.failCompactions > 0) {
			this.failCompactions -= 1;
			throw new Error('compaction refused');
		}
		return this.inner.compact(document, merged, throughId);
	}

	async rowCount(document: string): Promise<number> {
		this.calls.rowCount += 1;
		return this.inner.rowCount(document);
	}
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

/** A peer that keeps every frame the room sent it, split by message type. */
export class RecordingPeer implements Peer {
	readonly awarenessClients = new Set<number>();
	droppedWrites = 0;
	readonly sent: Uint8Array[] = [];

	constructor(
		readonly actor: SyncActor,
		public access: Access,
		readonly protocol = SYNC_PROTOCOL_VERSION
	) {}

	send(message: Uint8Array): void {
		this.sent.push(message);
	}

	ofType(type: number): Uint8Array[] {
		return this.sent.filter((message) => decoding.readVarUint(decoding.createDecoder(message)) === type);
	}
}

export type LogEntry = { level: string; message: string; fields?: Record<string, unknown> };

export function recordingLog(): { entries: LogEntry[]; log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void } {
	const entries: LogEntry[] = [];
	return { entries, log: (level, message, fields) => entries.push({ level, message, fields }) };
}
