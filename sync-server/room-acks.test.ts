/**
 * "persisted" acknowledgements on a real Room (sync-server SPEC S2, S7, P4): sent only once the
 * state they carry is in storage, coalesced per commit window, and — for clients of protocol 2 —
 * only to the connections whose writes they cover, plus one to every connection as it arrives.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { syncUpdate } from './server-messages';
import { deferred, RecordingPeer } from './testing/storage-doubles';
import { GRADEBOOK, gradebookRoom, LAN } from './testing/gradebook-room';

/** Long enough that several forced commits surely fall inside it, even on a busy machine. */
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

/** A gradebook room where the writer's first mark is being committed, held in storage until `release()`. */
async function markBeingCommitted() {
	const setup = await gradebookRoom();
	const held = deferred();
	setup.storage.gate = held.promise;
	setup.room.receive(setup.writer, syncUpdate(setup.edit('hs-1', 80)));
	await until(() => setup.storage.appendsInFlight === 1);
	const release = () => {
		setup.storage.gate = null;
		held.resolve();
	};
	return { ...setup, release };
}

const colleague = () => new RecordingPeer({ personId: 'gv-hoa', name: 'Lê Thị Hoa' }, 'write');

describe('persisted acknowledgements (sync-server SPEC S2, S7, P4)', () => {
	it('S7 acknowledges the first commit at once and coalesces the commits that follow within the window into one message', async () => {
		const { storage, rooms, room, writer, device, edit } = await gradebookRoom({ windowMs: WINDOW_MS });
		expect(persistedVectors(writer)).toHaveLength(1);
		const mine = device.clientID;
		// The gradebook's set-up was a commit too: let its window pass.
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 50));

		room.receive(writer, syncUpdate(edit('hs-1', 80)));
		await room.persister.flush();
		// The first commit after a quiet spell: acknowledged as soon as it is durable.
		expect(persistedVectors(writer)).toHaveLength(2);
		expect(persistedVectors(writer)[1]!.get(mine)).toBe(Y.getState(device.store, mine));

		// Three more commits, back to back, inside the window.
		for (const [student, value] of [['hs-2', 70], ['hs-3', 65], ['hs-1', 90]] as const) {
			room.receive(writer, syncUpdate(edit(student, value)));
			await room.persister.flush();
		}
		expect(persistedVectors(writer)).toHaveLength(2);

		// When the window ends: one message, covering all three, and only what storage holds.
		await until(() => persistedVectors(writer).length === 3);
		expect(persistedVectors(writer)[2]!.get(mine)).toBe(Y.getState(device.store, mine));
		const stored = new Y.Doc();
		for (const update of (await storage.inner.load(GRADEBOOK)).updates) Y.applyUpdate(stored, update);
		expect(Y.getState(stored.store, mine)).toBe(Y.getState(device.store, mine));

		// A newcomer gets the newest acknowledgement at once (S2).
		const late = colleague();
		room.attach(late);
		expect(persistedVectors(late)).toEqual([persistedVectors(writer)[2]]);

		// Nothing more is owed: no further message after another window.
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 50));
		expect(persistedVectors(writer)).toHaveLength(3);
		await rooms.unloadAll();
	});

	it('P4 a colleague who only watches, and a reader, are not acknowledged a write of someone else; a protocol 1 client is', async () => {
		const { rooms, room, writer, reader, device, edit } = await gradebookRoom();
		const watching = colleague();
		const legacy = new RecordingPeer({ personId: 'gv-cu', name: 'Ứng dụng cũ' }, 'write', 1);
		room.attach(watching);
		room.attach(legacy);
		for (const peer of [writer, reader, watching, legacy]) expect(persistedVectors(peer)).toHaveLength(1);

		room.receive(writer, syncUpdate(edit('hs-1', 80)));
		await room.persister.flush();
		await until(() => persistedVectors(writer).length === 2);
		expect(persistedVectors(writer)[1]!.get(device.clientID)).toBe(Y.getState(device.store, device.clientID));
		expect(persistedVectors(legacy)).toEqual(persistedVectors(writer));
		// Both saw the mark (a sync update) but count no change of their own: no message for them.
		expect(watching.ofType(MessageType.sync).length).toBeGreaterThan(1);
		expect(persistedVectors(watching)).toHaveLength(1);
		expect(persistedVectors(reader)).toHaveLength(1);

		// A server-side change (a correction applied by a leader) is nobody's connection's write.
		await room.change((doc) => doc.getMap('note').set('x', 1), { personId: 'bgh-1', name: 'Hiệu trưởng' });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(persistedVectors(writer)).toHaveLength(2);
		expect(persistedVectors(legacy)).toHaveLength(3);
		await rooms.unloadAll();
	});

	it('S7 a write that arrives while its commit is being cut is acknowledged by the commit after', async () => {
		const { rooms, room, writer, device, edit, release } = await markBeingCommitted();
		const first = Y.getState(device.store, device.clientID);
		room.receive(writer, syncUpdate(edit('hs-2', 70)));
		release();
		await room.persister.flush();
		await until(() => persistedVectors(writer).length === 3);
		const vectors = persistedVectors(writer).map((vector) => vector.get(device.clientID));
		expect(vectors.slice(1)).toEqual([first, Y.getState(device.store, device.clientID)]);
		await rooms.unloadAll();
	});

	it('S7 a client that comes back while its edits are still queued is acknowledged when they commit', async () => {
		const { rooms, room, writer, device, release } = await markBeingCommitted();
		// The connection drops before the acknowledgement; the device reconnects with the same edits.
		room.detach(writer);
		const back = new RecordingPeer(LAN, 'write');
		room.attach(back);
		expect(persistedVectors(back)[0]!.get(device.clientID) ?? 0).toBe(0);
		// Its sync step 2 carries what the server already has: nothing new, so no write of its own.
		room.receive(back, syncStep2Frame(Y.encodeStateAsUpdate(device)));
		release();
		await until(() => persistedVectors(back).length === 2);
		expect(persistedVectors(back)[1]!.get(device.clientID)).toBe(Y.getState(device.store, device.clientID));
		await rooms.unloadAll();
	});
});

/** A client's sync step 2 frame: message type sync (0), step 2 (1), the update. */
function syncStep2Frame(update: Uint8Array): Uint8Array {
	const frame = syncUpdate(update);
	frame[1] = 1;
	return frame;
}
