/**
 * What a run has started and must undo: child servers, a temp directory, a database. Undone in
 * reverse order at the end, on an error, on Ctrl-C and on the watchdog; the synchronous part
 * (SIGKILL to the process groups) also runs at process exit, so no server outlives the bench.
 */
export class Teardown {
	readonly #steps: Array<{ undo: () => Promise<void>; killNow?: () => void }> = [];

	/** Registers an undo step; returns a function that runs it early (and only once). */
	add(undo: () => Promise<void>, killNow?: () => void): () => Promise<void> {
		let done: Promise<void> | undefined;
		const step = { undo: () => (done ??= undo()), killNow };
		this.#steps.push(step);
		return async () => {
			await step.undo();
			this.#steps.splice(this.#steps.indexOf(step), 1);
		};
	}

	/** Runs every remaining step, newest first; a failing step does not stop the others. */
	async runAll(): Promise<void> {
		while (this.#steps.length > 0) {
			const step = this.#steps.pop()!;
			try {
				await step.undo();
			} catch (error) {
				console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}

	killAllNow(): void {
		for (const step of this.#steps) step.killNow?.();
	}
}
