import { describe, expect, it } from 'vitest';
import { CommitClock } from './persistence/commit-clock';
import { RoomRegistry } from './room-registry';
import { recordingLog, ScriptedStorage } from './testing/storage-doubles';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';

function registry(storage: ScriptedStorage) {
	const { entries, log } = recordingLog();
	const rooms = new RoomRegistry({ storage, clock: new CommitClock(1), compactAfterRows: 500, log, onUpdate: () => {}, onRefusedWrite: () => {} });
	return { rooms, logs: entries };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RoomRegistry', () => {
	it('loads a document once when many users arrive together', async () => {
		const storage = new ScriptedStorage();
		storage.loadDelayMs = 20;
		const { rooms, logs } = registry(storage);
		const loaded = await Promise.all(Array.from({ length: 25 }, () => rooms.acquire(DOCUMENT)));
		expect(storage.calls.load).toBe(1);
		expect(new Set(loaded).size).toBe(1);
		expect(logs.filter((entry) => entry.message === 'document loaded')).toHaveLength(1);
	});

	it('unloads only after the last lease is released and writes are durable (sync-server SPEC S4)', async () => {
		const storage = new ScriptedStorage();
		const { rooms } = registry(storage);
		const first = await rooms.acquire(DOCUMENT);
		await rooms.acquire(DOCUMENT);
		rooms.release(first);
		await sleep(10);
		expect(rooms.size).toBe(1);
		storage.failAppends = 2;
		first.doc.getMap('cells').set('a', 1);
		rooms.release(first);
		await sleep(30);
		// Still writing (retrying): the document stays in memory.
		expect(rooms.size).toBe(1);
		await sleep(400);
		expect(rooms.size).toBe(0);
		expect((await storage.inner.load(DOCUMENT)).updates).toHaveLength(1);
	});

	it('keeps a room that someone acquired while its last writes were flushing (sync-server SPEC S4)', async () => {
		const storage = new ScriptedStorage();
		const { rooms } = registry(storage);
		const room = await rooms.acquire(DOCUMENT);
		room.doc.getMap('cells').set('a', 1);
		rooms.release(room);
		const again = await rooms.acquire(DOCUMENT);
		await sleep(20);
		expect(again).toBe(room);
		expect(rooms.size).toBe(1);
		expect(storage.calls.load).toBe(1);
	});

	it('forgets a failed load so the next user tries again', async () => {
		const storage = new ScriptedStorage();
		const { rooms, logs } = registry(storage);
		const load = storage.load.bind(storage);
		storage.load = async () => {
			throw new Error('database down');
		};
		await expect(rooms.acquire(DOCUMENT)).rejects.toThrow('database down');
		expect(logs.some((entry) => entry.message === 'document load failed')).toBe(true);
		storage.load = load;
		await expect(rooms.acquire(DOCUMENT)).resolves.toBeDefined();
	});
});
