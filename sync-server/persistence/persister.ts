/**
 * Makes one document's updates durable:
 * - group commit: the first queued update asks the process's commit clock for the end of its
 *   window (SPEC S1, S11); everything queued by then is merged into one update and goes to the
 *   database as ONE row in one `storage.append`;
 * - one write at a time per document, so batches commit in order and "durable up to here" is a
 *   single moving mark;
 * - a failed write puts its batch back at the front and retries with backoff, forever: the
 *   document stays in memory and nothing is dropped;
 * - after a write, past `compactAfterRows` rows, the rows are merged into one snapshot — beside
 *   the commits, which go on meanwhile (SPEC K5).
 */
import * as Y from 'yjs';
import { describeError, type Log } from '../log';
import type { CommitClock } from './commit-clock';
import type { DocStorage } from './doc-storage';
import { mergeHere, type MergeUpdates } from './merge-thread';

export interface PersisterOptions {
	document: string;
	storage: DocStorage;
	/** The live document's state vector: taken with each batch, it is what that batch makes durable. */
	stateVector: () => Uint8Array;
	/**
	 * Called after a batch committed, with the state vector taken when the batch was cut and the
	 * sequence number (see `enqueue`) of the last update it holds.
	 */
	onPersisted: (stateVector: Uint8Array, through: number) => void;
	/** The process's group-commit window, shared by every document (SPEC S11). */
	clock: CommitClock;
	compactAfterRows: number;
	log: Log;
	retryDelayMs?: { first: number; max: number };
	/** How compaction merges the whole document (SPEC K4): the server's merge thread; default here. */
	merge?: MergeUpdates;
}

interface Waiter {
	sequence: number;
	resolve: () => void;
}

export class Persister {
	readonly #options: PersisterOptions;
	readonly #retry: { first: number; max: number };
	#queue: Uint8Array[] = [];
	/** Sequence number of the last update queued, and of the last one known durable. */
	#queued = 0;
	#durable = 0;
	#writing = false;
	/** Only while a failed write waits out its backoff. */
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#failures = 0;
	#waiters: Waiter[] = [];
	/** Rows this document has in storage, counted here after one query, to decide on compaction. */
	#rows: number | null = null;
	/** The compaction under way, if any (K5: it does not hold up commits). */
	#compaction: Promise<void> | null = null;
	/** A flush waits: what is queued during a write follows it at once, not at the next tick. */
	#flushWaiting = false;

	constructor(options: PersisterOptions) {
		this.#options = options;
		this.#retry = options.retryDelayMs ?? { first: 100, max: 5_000 };
	}

	/** Updates queued or being written: a document is unloaded only when this is 0. */
	get pending(): number {
		return this.#queued - this.#durable;
	}

	/** Sequence number of the last update queued (0: none yet). */
	get queued(): number {
		return this.#queued;
	}

	/** Queues an update; returns its sequence number for `whenDurable`. */
	enqueue(update: Uint8Array): number {
		this.#queue.push(update);
		this.#queued += 1;
		if (!this.#writing && this.#retryTimer === undefined) this.#options.clock.schedule(this.#commit);
		return this.#queued;
	}

	/** Resolves once the update with `sequence` (default: everything queued so far) is durable. */
	whenDurable(sequence = this.#queued): Promise<void> {
		if (this.#durable >= sequence) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push({ sequence, resolve }));
	}

	/**
	 * Writes what is queued now instead of waiting out the group-commit window; resolves once it
	 * is durable and no compaction of this document is under way (the caller may close storage next).
	 */
	async flush(): Promise<void> {
		const done = this.whenDurable();
		// A retry backoff is left alone: hammering a failing database does not make it come back sooner.
		if (!this.#writing && this.#failures === 0 && this.#queue.length > 0) {
			this.#options.clock.cancel(this.#commit);
			void this.#write();
		} else if (this.#writing) {
			this.#flushWaiting = true;
		}
		await done;
		while (this.#compaction) await this.#compaction;
	}

	/** What the commit clock runs at the end of the window. */
	readonly #commit = (): void => void this.#write();

	async #write(): Promise<void> {
		this.#retryTimer = undefined;
		if (this.#writing || this.#queue.length === 0) return;
		this.#writing = true;
		// One write at a time: everything not yet durable is in this batch, so once it commits the
		// document is durable up to the state vector taken right now.
		const batch = this.#queue;
		this.#queue = [];
		const through = this.#queued;
		const stateVector = this.#options.stateVector();
		let failed = false;
		try {
			// One row per group commit (sync-server SPEC S6): rows, not bytes, are what a statement
			// and a compaction cost, and a busy document would otherwise reach the compaction
			// threshold every few hundred keystrokes.
			const rows = mergedBatch(batch);
			await this.#options.storage.append(this.#options.document, rows);
			this.#committed(through, stateVector);
			this.#startCompactionIfNeeded(rows.length);
		} catch (error) {
			failed = true;
			this.#putBack(batch, error);
		} finally {
			this.#writing = false;
		}
		if (failed) {
			this.#retryTimer = setTimeout(() => void this.#write(), this.#retryDelay());
		} else if (this.#queue.length > 0 && this.#flushWaiting) {
			void this.#write();
		} else if (this.#queue.length > 0) {
			// Queued during the write: the next group, at the clock's next tick (S11) — under a write
			// storm a document then commits once per window, not back to back.
			this.#options.clock.schedule(this.#commit);
		}
		if (this.#queue.length === 0) this.#flushWaiting = false;
	}

	#committed(through: number, stateVector: Uint8Array): void {
		if (this.#failures > 0) {
			this.#options.log('info', 'persist recovered', { document: this.#options.document, attempts: this.#failures + 1 });
		}
		this.#failures = 0;
		this.#durable = through;
		const ready = this.#waiters.filter((waiter) => waiter.sequence <= through);
		this.#waiters = this.#waiters.filter((waiter) => waiter.sequence > through);
		for (const waiter of ready) waiter.resolve();
		try {
			this.#options.onPersisted(stateVector, through);
		} catch (error) {
			this.#options.log('error', 'persisted notice failed', { document: this.#options.document, error: describeError(error) });
		}
	}

	#putBack(batch: Uint8Array[], error: unknown): void {
		this.#failures += 1;
		this.#queue = [...mergedBatch(batch), ...this.#queue];
		this.#options.log('error', 'persist failed', {
			document: this.#options.document,
			updates: batch.length,
			attempt: this.#failures,
			retryInMs: this.#retryDelay(),
			error: describeError(error)
		});
	}

	#retryDelay(): number {
		return Math.min(this.#retry.first * 2 ** Math.max(0, this.#failures - 1), this.#retry.max);
	}

	/**
	 * K5: compaction runs beside the commits, one at a time per document. Rows appended while it
	 * runs stay (K2), so a commit need not wait for it: before, a busy document's "saved" waited
	 * out every compaction (150–450 ms for a few hundred KB under a write storm).
	 */
	#startCompactionIfNeeded(appended: number): void {
		if (this.#rows !== null) this.#rows += appended;
		if (this.#compaction) return;
		this.#compaction = this.#compactIfNeeded().finally(() => (this.#compaction = null));
	}

	/** A failed compaction leaves the rows as they were: harmless, so it is logged and forgotten. */
	async #compactIfNeeded(): Promise<void> {
		const { storage, document, compactAfterRows, log } = this.#options;
		try {
			// Counted once, then kept up to date by the commits: no count(*) per write. (Other
			// instances' rows are not seen; the threshold is a heuristic, and they compact too.)
			this.#rows ??= await storage.rowCount(document);
			if (this.#rows <= compactAfterRows) return;
			const stored = await storage.load(document);
			const merged = await (this.#options.merge ?? mergeHere)(stored.updates.map((update) => new Uint8Array(update)));
			await storage.compact(document, merged, stored.lastId);
			// The rows it replaced become one; rows committed meanwhile were counted by their commits.
			// (Rows of other instances it loaded were never counted here: at least the snapshot stays.)
			this.#rows = Math.max(1, this.#rows - (stored.updates.length - 1));
			log('info', 'document compacted', { document, rows: stored.updates.length, bytes: merged.byteLength });
		} catch (error) {
			log('warn', 'compaction failed', { document, error: describeError(error) });
		}
	}
}

/**
 * One update instead of many: one row per commit, and a long outage holds one growing update,
 * not thousands of small ones. An update Yjs cannot merge (never one a client sent: those were
 * applied, hence decodable) leaves the batch as it was, stored row by row.
 */
function mergedBatch(batch: Uint8Array[]): Uint8Array[] {
	if (batch.length < 2) return batch;
	try {
		return [Y.mergeUpdates(batch)];
	} catch {
		return batch;
	}
}
