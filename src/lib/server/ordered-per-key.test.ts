import { describe, expect, it } from 'vitest';
import { orderedPerKey } from './ordered-per-key';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('orderedPerKey', () => {
	it('runs one key\'s tasks in queue order, even when an earlier one is slower', async () => {
		const order: string[] = [];
		const queue = orderedPerKey();
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

	it('a failed task rejects for its caller and does not block the next', async () => {
		const queue = orderedPerKey();
		const failed = queue.run('a', async () => {
			throw new Error('database down');
		});
		let ran = false;
		const next = queue.run('a', async () => {
			ran = true;
		});
		await expect(failed).rejects.toThrow('database down');
		await next;
		expect(ran).toBe(true);
	});
});
