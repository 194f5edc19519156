/**
 * Runs async tasks one at a time per key (a document), in the order they were queued, so the
 * SQL projections of a document are written in the order its updates were applied.
 *
 * A failed task is retried with backoff before the key's next task starts (sync-server SPEC D3):
 * projections catch up once the database is back, even if no further update arrives, and never
 * out of order. While the error says the database is unavailable the task is retried for as long
 * as that lasts; any other error gets a few attempts, then the task is given up (its promise
 * rejects, so the caller logs it) and the key's next task runs.
 */
import { isDatabaseUnavailable } from '../../../drizzle/connection-errors';

export interface OrderedPerKey {
	/** Resolves when the task has succeeded (after retries); rejects only when it was given up. */
	run(key: string, task: () => Promise<void>): Promise<void>;
	/** Resolves when every task queued so far has succeeded or been given up (tests, shutdown). */
	idle(): Promise<void>;
	/** Tasks queued, running or waiting to retry, over every key (/healthz). */
	backlog(): number;
}

export interface RetryPolicy {
	/** Backoff: `first`, doubling per failed attempt, at most `max`. */
	delayMs: { first: number; max: number };
	/** Attempts of a task whose error does not say the database is unavailable. */
	attemptsOnOtherErrors: number;
	/** Errors retried for as long as they last. */
	isTransient: (error: unknown) => boolean;
	/** Told about every failed attempt that will be retried. */
	onRetry?: (key: string, error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryPolicy = {
	delayMs: { first: 100, max: 5_000 },
	attemptsOnOtherErrors: 3,
	isTransient: isDatabaseUnavailable,
	onRetry: (key, error, attempt, delayMs) =>
		console.error(`[projection] ${key}: attempt ${attempt} failed (${error instanceof Error ? error.message : String(error)}); retrying in ${delayMs} ms`)
};

export function orderedPerKey(policy: Partial<RetryPolicy> = {}): OrderedPerKey {
	const retry: RetryPolicy = { ...DEFAULT_RETRY, ...policy };
	const queues = new Map<string, Promise<void>>();
	let backlog = 0;

	async function withRetries(key: string, task: () => Promise<void>): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await task();
			} catch (error) {
				if (!retry.isTransient(error) && attempt >= retry.attemptsOnOtherErrors) throw error;
				const delayMs = Math.min(retry.delayMs.first * 2 ** (attempt - 1), retry.delayMs.max);
				retry.onRetry?.(key, error, attempt, delayMs);
				await new Promise((resolve) => setTimeout(resolve, delayMs));
			}
		}
	}

	return {
		run(key, task) {
			backlog += 1;
			const run = (queues.get(key) ?? Promise.resolve()).then(() => withRetries(key, task)).finally(() => {
				backlog -= 1;
			});
			const settled = run.catch(() => undefined);
			queues.set(key, settled);
			// A key whose queue ran dry is forgotten, so documents opened once do not pile up here.
			void settled.then(() => {
				if (queues.get(key) === settled) queues.delete(key);
			});
			return run;
		},
		async idle() {
			while (queues.size > 0) await Promise.all(queues.values());
		},
		backlog: () => backlog
	};
}
