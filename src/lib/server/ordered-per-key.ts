/**
 * Runs async tasks one at a time per key (a document), in the order they were queued, so the
 * SQL projections of a document are written in the order its updates were applied. A failed task
 * does not block the ones after it; its error still reaches the caller (the sync server logs it).
 */
export interface OrderedPerKey {
	run(key: string, task: () => Promise<void>): Promise<void>;
	/** Resolves when every queued task has settled (tests, shutdown). */
	idle(): Promise<void>;
}

export function orderedPerKey(): OrderedPerKey {
	const queues = new Map<string, Promise<void>>();
	return {
		run(key, task) {
			const run = (queues.get(key) ?? Promise.resolve()).then(task);
			queues.set(key, run.catch(() => undefined));
			return run;
		},
		async idle() {
			await Promise.all(queues.values());
		}
	};
}
