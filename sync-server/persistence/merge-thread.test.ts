/**
 * SPEC K4: whole-document merges run in a worker thread and give the bytes Y.mergeUpdates gives
 * on this thread; small ones stay here; a bad update is an error, not a dead thread; the thread
 * ends when idle and on close, after answering what it holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MergeThread } from './merge-thread';

/** `count` updates of one document, the first holding `filler` bytes of text. */
function updatesOf(count: number, filler: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.getText('notes').insert(0, 'x'.repeat(filler));
	for (let i = 0; i < count - 1; i++) doc.getMap('cells').set(`c${i % 40}`, { value: i, by: 'Nguyễn Thị Lan' });
	return updates;
}

const threads: MergeThread[] = [];
function thread(options: ConstructorParameters<typeof MergeThread>[0] = {}): MergeThread {
	const created = new MergeThread(options);
	threads.push(created);
	return created;
}

afterEach(async () => {
	await Promise.all(threads.splice(0).map((t) => t.close()));
});

describe('MergeThread (sync-server SPEC K4)', () => {
	it('K4 merges a big document in the worker thread, byte for byte what Y.mergeUpdates gives here', async () => {
		const merges = thread();
		const updates = updatesOf(300, 64 * 1024);
		const pending = merges.merge(updates);
		expect(merges.running).toBe(true);
		expect(await pending).toEqual(Y.mergeUpdates(updates));
		// The caller's arrays were copied, not taken.
		expect(updates[0]!.byteLength).toBeGreaterThan(64 * 1024);
	});

	it('K4 merges a small input on this thread without starting one', async () => {
		const merges = thread();
		const updates = updatesOf(20, 10);
		expect(await merges.merge(updates)).toEqual(Y.mergeUpdates(updates));
		expect(merges.running).toBe(false);
	});

	it('K4 a malformed update fails that merge only; the thread serves the next one', async () => {
		const merges = thread({ thresholdBytes: 0 });
		await expect(merges.merge([new Uint8Array([255, 255, 255, 1, 2, 3]), new Uint8Array([9, 9, 9])])).rejects.toThrow();
		const updates = updatesOf(50, 100);
		expect(await merges.merge(updates)).toEqual(Y.mergeUpdates(updates));
	});

	it('K4 ends the thread after a quiet spell and starts it again when needed', async () => {
		const merges = thread({ thresholdBytes: 0, idleMs: 20 });
		await merges.merge(updatesOf(10, 10));
		expect(merges.running).toBe(true);
		await expect.poll(() => merges.running, { timeout: 5_000 }).toBe(false);
		const updates = updatesOf(10, 10);
		expect(await merges.merge(updates)).toEqual(Y.mergeUpdates(updates));
	});

	it('K4 close answers the merges in flight, then ends the thread; later merges run here', async () => {
		const merges = thread({ thresholdBytes: 0 });
		const updates = updatesOf(200, 32 * 1024);
		const inFlight = merges.merge(updates);
		await merges.close();
		expect(await inFlight).toEqual(Y.mergeUpdates(updates));
		expect(merges.running).toBe(false);
		expect(await merges.merge(updates)).toEqual(Y.mergeUpdates(updates));
		expect(merges.running).toBe(false);
	});
});
