import { describe, expect, it } from 'vitest';
import { orderedPerKey, type RetryPolicy } from './ordered-per-key';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Short delays; "unavailable" errors are the transient ones, as connection errors are in production. */
const fast: Partial<RetryPolicy> = {
	delayMs: { first: 5, max: 20 },
	attemptsOnOtherErrors: 3,
	isTransient: (error) => error instanceof Error && error.message === 'unavailable',
	onRetry: undefined
};

/** A task that fails its first `failures` runs with `message`, then records `name`. */
function flaky(order: string[], name: string, failures: number, message = 'unavailable') {
	let runs = 0;
	return async () => {
		runs += 1;
		order.push(`${name}#${runs}`);
		if (runs <= failures) throw new Error(message);
	};
}

describe('orderedPerKey', () => {
	it("runs one key's tasks in queue order, even when an earlier one is slower", async () => {
		const order: string[] = [];
		const queue = orderedPerKey(fast);
		void queue.run('a', async () => {
			await tick(20);
			order.push('a1');
		});
		void queue.run('a', async () => {
			order.push('a2');
		});
		void queue.run('b', async () => {
			order.push('b1');
		});
		await queue.idle();
		expect(order).toEqual(['b1', 'a1', 'a2']);
	});

	// sync-server SPEC D3
	it('retries a failed task before the next task of its key, without anyone queuing more', async () => {
		const order: string[] = [];
		const queue = orderedPerKey(fast);
		const first = queue.run('a', flaky(order, 'a1', 3));
		const second = queue.run('a', flaky(order, 'a2', 0));
		const other = queue.run('b', flaky(order, 'b1', 0));
		await other;
		// The other key does not wait for a's retries.
		expect(order).not.toContain('a2#1');
		await Promise.all([first, second]);
		expect(order.filter((step) => step.startsWith('a'))).toEqual(['a1#1', 'a1#2', 'a1#3', 'a1#4', 'a2#1']);
	});

	// sync-server SPEC D3
	it('keeps retrying while the database is unavailable, with growing delays up to the maximum', async () => {
		const order: string[] = [];
		const delays: number[] = [];
		const queue = orderedPerKey({ ...fast, onRetry: (_key, _error, _attempt, delayMs) => delays.push(delayMs) });
		await queue.run('a', flaky(order, 'a1', 6));
		expect(order).toHaveLength(7);
		expect(delays).toEqual([5, 10, 20, 20, 20, 20]);
	});

	// sync-server SPEC D3
	it('gives up a task failing for another reason after a few attempts; its caller sees the error, the next task runs', async () => {
		const order: string[] = [];
		const queue = orderedPerKey(fast);
		const failed = queue.run('a', flaky(order, 'a1', Infinity, 'Invalid time value'));
		const next = queue.run('a', flaky(order, 'a2', 0));
		await expect(failed).rejects.toThrow('Invalid time value');
		await next;
		expect(order).toEqual(['a1#1', 'a1#2', 'a1#3', 'a2#1']);
	});

	it('idle() waits for retries to finish, and backlog() counts queued and retrying tasks', async () => {
		const order: string[] = [];
		const queue = orderedPerKey(fast);
		expect(queue.backlog()).toBe(0);
		void queue.run('a', flaky(order, 'a1', 2));
		void queue.run('a', flaky(order, 'a2', 0));
		void queue.run('b', flaky(order, 'b1', 1, 'bad data')).catch(() => undefined);
		expect(queue.backlog()).toBe(3);
		await queue.idle();
		expect(queue.backlog()).toBe(0);
		expect(order).toContain('a2#1');
		expect(order).toContain('b1#2');
	});

	it('idle() also waits for tasks queued while it waited', async () => {
		const order: string[] = [];
		const queue = orderedPerKey(fast);
		void queue.run('a', async () => {
			await tick(10);
			order.push('a1');
			void queue.run('b', async () => {
				await tick(10);
				order.push('b1');
			});
		});
		await queue.idle();
		expect(order).toEqual(['a1', 'b1']);
	});
});

describe('the default retry policy', () => {
	it('retries for as long as the database is unavailable, as node-postgres and drizzle report it', async () => {
		const { DEFAULT_RETRY } = await import('./ordered-per-key');
		const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
		const wrapped = new Error('Failed query: insert into "grade_audit" …', { cause: terminated });
		expect(DEFAULT_RETRY.isTransient(wrapped)).toBe(true);
		expect(DEFAULT_RETRY.isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
		expect(DEFAULT_RETRY.isTransient(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
		expect(DEFAULT_RETRY.isTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
		expect(DEFAULT_RETRY.isTransient(new RangeError('Invalid time value'))).toBe(false);
		expect(DEFAULT_RETRY.isTransient(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
	});
});
