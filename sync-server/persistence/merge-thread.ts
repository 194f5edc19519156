/**
 * Where `Y.mergeUpdates` runs (sync-server SPEC K4). Merging a whole document — compaction (K1),
 * the anti-entropy reload (F4) — takes tens of milliseconds for a busy
 * gradebook (about 17 ms at 500 rows, 100 ms at 1.5 MB), and on the event loop that would stall
 * every socket of the process for that long. Big merges go to one worker thread, started when
 * first needed and ended after a quiet minute; small ones, where the round trip would cost more
 * than the merge, stay here. The result is the same bytes either way.
 */
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';

export type MergeUpdates = (updates: Uint8Array[]) => Promise<Uint8Array>;

/** Below this many bytes in all, merging here is cheaper than a trip to the thread. */
export const MERGE_IN_THREAD_BYTES = 32 * 1024;
const IDLE_MS = 60_000;
/** The thread holds a document's updates and their merge: a small young generation is enough. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Merges on the calling thread: unit tests, and inputs too small to send elsewhere. */
export const mergeHere: MergeUpdates = async (updates) => Y.mergeUpdates(updates);

interface Job {
	resolve: (merged: Uint8Array) => void;
	reject: (error: Error) => void;
}

export class MergeThread {
	#worker: Worker | null = null;
	#jobs = new Map<number, Job>();
	#nextId = 1;
	#idleTimer: ReturnType<typeof setTimeout> | undefined;
	#closed = false;
	/** Set by close() while jobs are out: called when the last one is answered. */
	#drained: (() => void) | null = null;
	readonly #idleMs: number;
	readonly #thresholdBytes: number;

	constructor(options: { idleMs?: number; thresholdBytes?: number } = {}) {
		this.#idleMs = options.idleMs ?? IDLE_MS;
		this.#thresholdBytes = options.thresholdBytes ?? MERGE_IN_THREAD_BYTES;
	}

	/** Whether the worker thread is running now (for tests). */
	get running(): boolean {
		return this.#worker !== null;
	}

	readonly merge: MergeUpdates = (updates) => {
		const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
		if (this.#closed || bytes < this.#thresholdBytes) return mergeHere(updates);
		clearTimeout(this.#idleTimer);
		this.#idleTimer = undefined;
		const worker = (this.#worker ??= this.#start());
		// Kept alive while it holds work: a caller awaiting a merge must get its answer.
		worker.ref();
		const id = this.#nextId++;
		return new Promise<Uint8Array>((resolve, reject) => {
			this.#jobs.set(id, { resolve, reject });
			// Copied, not transferred: the caller's arrays (rows just read, a live document's
			// updates) stay usable.
			worker.postMessage({ id, updates });
		});
	};

	/** Ends the thread once the merges it holds are answered; later merges run here. */
	async close(): Promise<void> {
		this.#closed = true;
		clearTimeout(this.#idleTimer);
		if (this.#jobs.size > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
		await this.#stop();
	}

	#start(): Worker {
		const worker = new Worker(new URL('./merge-worker.js', import.meta.url), { resourceLimits: LIMITS });
		worker.on('message', (message: { id: number; merged?: Uint8Array; error?: string }) => {
			const job = this.#jobs.get(message.id);
			if (!job) return;
			this.#jobs.delete(message.id);
			if (message.merged) job.resolve(message.merged);
			else job.reject(new Error(message.error ?? 'merge failed'));
			this.#whenEmpty();
		});
		// A thread that dies (out of memory, a crash) fails what it held; the next merge starts a new one.
		const fail = (error: Error) => {
			if (this.#worker !== worker) return;
			this.#worker = null;
			for (const job of this.#jobs.values()) job.reject(error);
			this.#jobs.clear();
			this.#whenEmpty();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`merge thread exited (code ${code})`)));
		return worker;
	}

	#whenEmpty(): void {
		if (this.#jobs.size > 0) return;
		// An idle thread never keeps the process alive, nor does its idle timer.
		this.#worker?.unref();
		if (this.#drained) {
			this.#drained();
			this.#drained = null;
		} else if (!this.#closed && this.#worker) this.#idleTimer = setTimeout(() => void this.#stop(), this.#idleMs).unref();
	}

	async #stop(): Promise<void> {
		this.#idleTimer = undefined;
		const worker = this.#worker;
		if (!worker || this.#jobs.size > 0) return;
		this.#worker = null;
		await worker.terminate();
	}
}
