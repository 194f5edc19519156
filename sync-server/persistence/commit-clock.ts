/**
 * The process's group-commit window (sync-server SPEC S11): one timer for every document instead
 * of one per document. The first work scheduled while the clock is idle starts a window of
 * `periodMs`; work scheduled by any document before it ends runs at the same tick. Every
 * persister of the process commits at that tick (their appends share one INSERT, S1) and every
 * room closes its acknowledgement window there (S7): under a classroom load the process wakes
 * once per window, not three times per mark (the persister's window, the storage's coalescing and
 * the acknowledgement window each had their own timer), and a wake-up that lands while a client's
 * update waits is what shows in the fan-out's tail.
 */
export class CommitClock {
	readonly periodMs: number;
	#due = new Set<() => void>();
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(periodMs: number) {
		this.periodMs = periodMs;
	}

	/** Runs `work` at the end of the current window (one is opened if none is); once, however often asked. */
	schedule(work: () => void): void {
		this.#due.add(work);
		this.#timer ??= setTimeout(this.#tick, this.periodMs);
	}

	/** `work` will not run at the next tick (it ran early, e.g. a flush). */
	cancel(work: () => void): void {
		this.#due.delete(work);
		if (this.#due.size === 0 && this.#timer !== undefined) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
	}

	#tick = (): void => {
		this.#timer = undefined;
		const due = this.#due;
		this.#due = new Set();
		let failure: { error: unknown } | null = null;
		for (const work of due) {
			// One document's failure must not keep the others from committing.
			try {
				work();
			} catch (error) {
				failure ??= { error };
			}
		}
		if (failure) throw failure.error;
	};
}
