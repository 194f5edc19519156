/**
 * Acknowledgement coalescing (sync-server SPEC S7) on a real Room: commits that follow each other
 * within the window reach each connection as one "persisted" message carrying the newest durable
 * state vector, sent only after that state is in storage (S2, S3).
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { CommitClock } from './persistence/commit-clock';
import { RoomRegistry } from './room-registry';
import { RecordingPeer, recordingLog, ScriptedStorage } from './testing/storage-doubles';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';
/** Long enough that three forced commits surely fall inside it, even on a busy machine. */
const WINDOW_MS = 300;

function persistedVectors(peer: RecordingPeer): Map<number, number>[] {
	return peer.ofType(MessageType.persisted).map((message) => {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder);
		return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
	});
}

async function until(condition: () => boolean): Promise<void> {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 10_000) throw new Error('condition not met');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('persisted acknowledgements (sync-server SPEC S7)', () => {
	it('acknowledges the first commit at once and coalesces the commits that follow within the window into one message', async () => {
		const storage = new ScriptedStorage();
		const { log } = recordingLog();
		const rooms = new RoomRegistry({ storage, clock: new CommitClock(WINDOW_MS), compactAfterRows: 500, log, onUpdate: () => {}, onRefusedWrite: () => {} });
		const room = await rooms.acquire(DOCUMENT);
		const writer = new RecordingPeer({ personId: 'gv-1', name: 'Giáo viên 1' }, 'write');
		const reader = new RecordingPeer({ personId: 'ph-1', name: 'Phụ huynh 1' }, 'read');
		room.attach(writer);
		room.attach(reader);
		expect(persistedVectors(writer)).toHaveLength(1);

		const cells = room.doc.getMap('cells');
		const first = room.change((doc) => doc.getMap('cells').set('a', 1));
		await room.persister.flush();
		await first;
		// The first commit after a quiet spell: acknowledged as soon as it is durable.
		expect(persistedVectors(writer)).toHaveLength(2);
		const client = room.doc.clientID;
		expect(persistedVectors(writer)[1]!.get(client)).toBe(Y.getState(room.doc.store, client));

		// Three more commits, back to back, inside the window.
		for (const key of ['b', 'c', 'd']) {
			cells.set(key, 1);
			await room.persister.flush();
		}
		expect(storage.calls.append).toBe(4);
		expect(persistedVectors(writer)).toHaveLength(2);
		expect(persistedVectors(reader)).toHaveLength(2);

		// When the window ends: one message each, covering all three, and only what storage holds.
		await until(() => persistedVectors(writer).length === 3);
		for (const peer of [writer, reader]) {
			const vectors = persistedVectors(peer);
			expect(vectors).toHaveLength(3);
			expect(vectors[2]!.get(client)).toBe(Y.getState(room.doc.store, client));
		}
		const stored = new Y.Doc();
		for (const update of (await storage.inner.load(DOCUMENT)).updates) Y.applyUpdate(stored, update);
		expect(stored.getMap('cells').toJSON()).toEqual({ a: 1, b: 1, c: 1, d: 1 });

		// A newcomer gets the newest acknowledgement at once (S2).
		const late = new RecordingPeer({ personId: 'gv-2', name: 'Giáo viên 2' }, 'write');
		room.attach(late);
		expect(persistedVectors(late)).toEqual([persistedVectors(writer)[2]]);

		// Nothing more is owed: no further message after another window.
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 50));
		expect(persistedVectors(writer)).toHaveLength(3);
		room.detach(writer);
		room.detach(reader);
		room.detach(late);
		rooms.release(room);
		await rooms.unloadAll();
	});
});
