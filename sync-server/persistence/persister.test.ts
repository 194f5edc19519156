import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deferred, recordingLog, ScriptedStorage } from '../testing/storage-doubles';
import { CommitClock } from './commit-clock';
import type { MergeUpdates } from './merge-thread';
import { Persister } from './persister';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';

/** A live document wired to a persister the way Room wires them. */
function setup(storage: ScriptedStorage, options: { compactAfterRows?: number; flushDelayMs?: number; merge?: MergeUpdates } = {}) {
	const doc = new Y.Doc();
	const { entries, log } = recordingLog();
	const persisted: Uint8Array[] = [];
	const persister = new Persister({
		document: DOCUMENT,
		storage,
		stateVector: () => Y.encodeStateVector(doc),
		onPersisted: (stateVector) => persisted.push(stateVector),
		clock: new CommitClock(options.flushDelayMs ?? 5),
		compactAfterRows: options.compactAfterRows ?? 500,
		log,
		retryDelayMs: { first: 5, max: 20 },
		merge: options.merge
	});
	doc.on('update', (update: Uint8Array) => persister.enqueue(update));
	return { doc, persister, persisted, logs: entries };
}

async function storedContent(storage: ScriptedStorage): Promise<Record<string, unknown>> {
	const stored = await storage.inner.load(DOCUMENT);
	const doc = new Y.Doc();
	for (const update of stored.updates) Y.applyUpdate(doc, update);
	return doc.getMap('cells').toJSON();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Persister', () => {
	it('group commit: a burst of updates is written with one append (sync-server SPEC S1)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister } = setup(storage, { flushDelayMs: 20 });
		for (let i = 0; i < 50; i++) doc.getMap('cells').set(`r${i}`, i);
		expect(persister.pending).toBe(50);
		expect(storage.calls.append).toBe(0);
		await persister.whenDurable();
		expect(storage.calls.append).toBe(1);
		expect(persister.pending).toBe(0);
	});

	it('a group commit is one row holding every update of the batch (sync-server SPEC S6)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister } = setup(storage, { flushDelayMs: 20 });
		for (let i = 0; i < 50; i++) doc.getMap('cells').set(`r${i}`, i);
		await persister.whenDurable();
		expect(storage.appended).toHaveLength(1);
		expect(storage.appended[0]).toHaveLength(1);
		expect(await storage.inner.rowCount(DOCUMENT)).toBe(1);
		expect(await storedContent(storage)).toEqual(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`r${i}`, i])));
		for (let i = 0; i < 5; i++) doc.getMap('cells').set(`s${i}`, i);
		await persister.whenDurable();
		expect(await storage.inner.rowCount(DOCUMENT)).toBe(2);
		expect(Object.keys(await storedContent(storage))).toHaveLength(55);
	});

	it('writes one batch at a time and groups what arrived during a write (sync-server SPEC S1)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister } = setup(storage);
		const hold = deferred();
		storage.gate = hold.promise;
		doc.getMap('cells').set('a', 1);
		await sleep(15);
		expect(storage.calls.append).toBe(1);
		for (let i = 0; i < 10; i++) doc.getMap('cells').set(`b${i}`, i);
		await sleep(15);
		expect(storage.calls.append).toBe(1);
		storage.gate = null;
		hold.resolve();
		await persister.whenDurable();
		expect(storage.maxAppendsInFlight).toBe(1);
		// The ten that arrived during the first write went out together, merged into one row (S6).
		expect(storage.calls.append).toBe(2);
		expect(storage.appended.map((batch) => batch.length)).toEqual([1, 1]);
		expect(Object.keys(await storedContent(storage))).toHaveLength(11);
	});

	it('announces a state vector only after its batch committed (sync-server SPEC S2)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, persisted } = setup(storage);
		const hold = deferred();
		storage.gate = hold.promise;
		doc.getMap('cells').set('a', 1);
		await sleep(15);
		expect(storage.appendsInFlight).toBe(1);
		expect(persisted).toHaveLength(0);
		hold.resolve();
		await persister.whenDurable();
		expect(persisted).toHaveLength(1);
		expect(Y.decodeStateVector(persisted[0]!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
	});

	it('flush() writes now instead of waiting out the window (sync-server SPEC S1)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister } = setup(storage, { flushDelayMs: 10_000 });
		doc.getMap('cells').set('a', 1);
		const started = Date.now();
		await persister.flush();
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(storage.calls.append).toBe(1);
	});

	// sync-server SPEC D2
	it('a failing database keeps every update and retries until it comes back (sync-server SPEC S3, D2)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, logs } = setup(storage);
		storage.failAppends = 3;
		doc.getMap('cells').set('a', 1);
		await sleep(10);
		doc.getMap('cells').set('b', 2);
		doc.getMap('cells').set('c', 3);
		expect(persister.pending).toBe(3);
		await persister.whenDurable();
		expect(persister.pending).toBe(0);
		expect(logs.filter((entry) => entry.message === 'persist failed')).toHaveLength(3);
		expect(logs.some((entry) => entry.message === 'persist recovered')).toBe(true);
		expect(await storedContent(storage)).toEqual({ a: 1, b: 2, c: 3 });
	});

	// sync-server SPEC D2
	it('acknowledges nothing while writes fail; the first announcement after recovery covers every update (sync-server SPEC S2, S3, D2)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, persisted } = setup(storage);
		storage.failAppends = Infinity;
		doc.getMap('cells').set('a', 1);
		while (storage.calls.append < 1) await sleep(2);
		doc.getMap('cells').set('b', 2);
		while (storage.calls.append < 3) await sleep(2);
		expect(persisted).toHaveLength(0);
		storage.failAppends = 0;
		await persister.whenDurable();
		expect(persisted.length).toBeGreaterThan(0);
		for (const stateVector of persisted) {
			// Every announced state vector is one the stored rows reach.
			const stored = new Y.Doc();
			for (const update of (await storage.inner.load(DOCUMENT)).updates) Y.applyUpdate(stored, update);
			for (const [client, clock] of Y.decodeStateVector(stateVector)) expect(Y.decodeStateVector(Y.encodeStateVector(stored)).get(client) ?? 0).toBeGreaterThanOrEqual(clock);
		}
		expect(Y.decodeStateVector(persisted.at(-1)!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
	});

	it('backs off between retries, up to the maximum (sync-server SPEC D2)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, logs } = setup(storage);
		storage.failAppends = 5;
		doc.getMap('cells').set('a', 1);
		await persister.whenDurable();
		const delays = logs.filter((entry) => entry.message === 'persist failed').map((entry) => entry.fields?.retryInMs);
		expect(delays).toEqual([5, 10, 20, 20, 20]);
	});

	it('compacts past the threshold and keeps the content (sync-server SPEC K1)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, logs } = setup(storage, { compactAfterRows: 3 });
		for (let i = 0; i < 8; i++) {
			doc.getMap('cells').set(`r${i}`, i);
			await persister.flush();
		}
		expect(storage.calls.compact).toBeGreaterThan(0);
		expect(await storage.inner.rowCount(DOCUMENT)).toBeLessThanOrEqual(4);
		expect(logs.some((entry) => entry.message === 'document compacted')).toBe(true);
		expect(await storedContent(storage)).toEqual(doc.getMap('cells').toJSON());
	});

	it('compaction merges with the merge it is given — the server’s merge thread (sync-server SPEC K4)', async () => {
		const storage = new ScriptedStorage();
		const merged: number[] = [];
		const merge: MergeUpdates = async (updates) => {
			merged.push(updates.length);
			return Y.mergeUpdates(updates);
		};
		const { doc, persister } = setup(storage, { compactAfterRows: 3, merge });
		for (let i = 0; i < 5; i++) {
			doc.getMap('cells').set(`r${i}`, i);
			await persister.flush();
		}
		expect(storage.calls.compact).toBeGreaterThan(0);
		expect(merged.length).toBe(storage.calls.compact);
		expect(merged[0]).toBe(4);
		expect(await storedContent(storage)).toEqual(doc.getMap('cells').toJSON());
	});

	it('a failed compaction is logged and harmless (sync-server SPEC K3)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, logs } = setup(storage, { compactAfterRows: 1 });
		storage.failCompactions = 100;
		for (let i = 0; i < 4; i++) {
			doc.getMap('cells').set(`r${i}`, i);
			await persister.flush();
		}
		expect(logs.filter((entry) => entry.message === 'compaction failed').length).toBeGreaterThan(0);
		expect(persister.pending).toBe(0);
		expect(await storedContent(storage)).toEqual({ r0: 0, r1: 1, r2: 2, r3: 3 });
	});

	it('what arrives during a write is committed at the next tick, not back to back; a waiting flush takes it at once (sync-server SPEC S1, S11)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister } = setup(storage, { flushDelayMs: 300 });
		const cells = doc.getMap('cells');
		const hold = deferred();
		storage.gate = hold.promise;
		cells.set('a', 1);
		const first = persister.flush();
		cells.set('b', 2);
		storage.gate = null;
		hold.resolve();
		await first;
		await sleep(50);
		// 'b' waits for the window: one statement per document and tick under a write storm.
		expect(storage.calls.append).toBe(1);
		await persister.whenDurable();
		expect(storage.calls.append).toBe(2);

		const again = deferred();
		storage.gate = again.promise;
		cells.set('c', 3);
		const third = persister.flush();
		cells.set('d', 4);
		const fourth = persister.flush();
		storage.gate = null;
		again.resolve();
		await third;
		const started = Date.now();
		await fourth;
		expect(Date.now() - started).toBeLessThan(200);
		expect(storage.calls.append).toBe(4);
		expect(await storedContent(storage)).toEqual({ a: 1, b: 2, c: 3, d: 4 });
	});

	it('commits go on while a compaction runs, and nothing is lost (sync-server SPEC K5, K2)', async () => {
		const storage = new ScriptedStorage();
		const { doc, persister, persisted } = setup(storage, { compactAfterRows: 2 });
		const cells = doc.getMap('cells');
		const hold = deferred();
		storage.compactGate = hold.promise;
		for (let i = 0; i < 3; i++) {
			cells.set(`r${i}`, i);
			await persister.whenDurable();
		}
		while (storage.calls.compact < 1) await sleep(2);
		// The compaction holds its transaction open; a mark typed now is still committed and acknowledged.
		const acknowledged = persisted.length;
		cells.set('during', 1);
		const committed = await Promise.race([persister.whenDurable().then(() => true), sleep(1_000).then(() => false)]);
		expect(committed).toBe(true);
		expect(persisted.length).toBe(acknowledged + 1);
		hold.resolve();
		storage.compactGate = null;
		// flush() also waits for the compaction, so that storage can be closed after it.
		await persister.flush();
		expect(await storedContent(storage)).toEqual({ r0: 0, r1: 1, r2: 2, during: 1 });
		// The snapshot of the three rows it loaded, and the row committed meanwhile.
		expect(await storage.inner.rowCount(DOCUMENT)).toBe(2);
	});
});
