import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { gradebookSeed, marksOf, writeMark } from '../tests/integration/helpers/test-gradebook';
import { parseClientMessage } from './client-message';
import { CommitClock } from './persistence/commit-clock';
import { admits } from './read-only-gate';
import { Room } from './room';
import { recordingLog, RecordingPeer, ScriptedStorage } from './testing/storage-doubles';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/**
 * What a client with a copy of `room` would send after typing one mark as `personId`: what the
 * room lacks as sync step 2, or the edit as a live update.
 */
function clientWrite(step: 'step2' | 'update', personId: string, cell: [string, string, number], room?: Room): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, room ? Y.encodeStateAsUpdate(room.doc) : gradebookSeed(DOCUMENT));
	const before = Y.encodeStateVector(doc);
	writeMark(doc, personId, ...cell);
	return frame((encoder) => {
		encoding.writeVarUint(encoder, MessageType.sync);
		if (step === 'step2') syncProtocol.writeSyncStep2(encoder, doc, before);
		else syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
	});
}

const openRooms: Room[] = [];
afterEach(() => {
	for (const room of openRooms.splice(0)) room.destroy();
});

async function roomWithPeers() {
	const storage = new ScriptedStorage();
	await storage.inner.append(DOCUMENT, [gradebookSeed(DOCUMENT)]);
	const { entries, log } = recordingLog();
	const room = await Room.load(DOCUMENT, { storage, clock: new CommitClock(1), compactAfterRows: 500, log, onUpdate: () => {}, onRefusedWrite: () => {} });
	const reader = new RecordingPeer({ personId: 'p-reader', name: 'Giáo viên p-reader' }, 'read');
	const writer = new RecordingPeer({ personId: 'p-writer', name: 'Giáo viên p-writer' }, 'write');
	openRooms.push(room);
	room.attach(reader);
	room.attach(writer);
	return { room, storage, reader, writer, logs: entries };
}

describe('admits', () => {
	it('refuses document writes from read-only connections and nothing else (sync-server SPEC G1, G2)', () => {
		const write = parseClientMessage(clientWrite('update', 'p-writer', ['hs-01', 'tx1', 10]));
		const step2 = parseClientMessage(clientWrite('step2', 'p-writer', ['hs-01', 'tx1', 10]));
		const stateRequest = parseClientMessage(frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, new Y.Doc()))));
		expect(admits('read', write)).toBe(false);
		expect(admits('read', step2)).toBe(false);
		expect(admits('read', stateRequest)).toBe(true);
		expect(admits('read', { kind: 'awareness', update: new Uint8Array() })).toBe(true);
		expect(admits('write', write)).toBe(true);
		expect(admits('write', step2)).toBe(true);
	});
});

describe('read-only gate in the room', () => {
	it('never applies, forwards or stores a read-only sync step 2 or update (sync-server SPEC G1)', async () => {
		const { room, storage, reader, writer } = await roomWithPeers();
		const writerFramesBefore = writer.sent.length;
		room.receive(reader, clientWrite('step2', 'p-reader', ['hs-01', 'tx1', 10], room));
		room.receive(reader, clientWrite('update', 'p-reader', ['hs-02', 'tx1', 20], room));
		await room.persister.flush();
		expect(marksOf(room.doc)).toEqual({});
		expect(writer.sent.length).toBe(writerFramesBefore);
		expect(storage.calls.append).toBe(0);
		expect(reader.droppedWrites).toBe(2);
	});

	it("does not count a reader's empty sync step 2 (its answer to our step 1) as a write (sync-server SPEC G2)", async () => {
		const { room, reader } = await roomWithPeers();
		const empty = frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep2(e, new Y.Doc())));
		room.receive(reader, empty);
		expect(reader.droppedWrites).toBe(0);
	});

	it('still answers a read-only state request and sends it live updates (sync-server SPEC G2)', async () => {
		const { room, reader, writer } = await roomWithPeers();
		room.receive(writer, clientWrite('update', 'p-writer', ['hs-01', 'tx1', 55], room));
		// The reader's copy already holds the header; the live update brings the mark.
		const replica = new Y.Doc();
		Y.applyUpdate(replica, gradebookSeed(DOCUMENT));
		for (const message of reader.ofType(MessageType.sync)) {
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), replica, null);
		}
		expect(marksOf(replica)['hs-01:tx1']).toBe(55);
		// and its step 1 is answered with what it lacks
		const before = reader.sent.length;
		room.receive(reader, frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, new Y.Doc()))));
		expect(reader.sent.length).toBe(before + 1);
	});

	it('lets read-only connections share awareness (sync-server SPEC G2)', async () => {
		const { room, reader, writer } = await roomWithPeers();
		const readerDoc = new Y.Doc();
		const readerAwareness = new awarenessProtocol.Awareness(readerDoc);
		readerAwareness.setLocalState({ name: 'Reader' });
		const before = writer.ofType(MessageType.awareness).length;
		room.receive(reader, frame((e) => {
			encoding.writeVarUint(e, MessageType.awareness);
			encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(readerAwareness, [readerDoc.clientID]));
		}));
		expect(writer.ofType(MessageType.awareness).length).toBe(before + 1);
		expect(reader.awarenessClients.has(readerDoc.clientID)).toBe(true);
		room.detach(reader);
		expect(room.awareness.getStates().has(readerDoc.clientID)).toBe(false);
		readerAwareness.destroy();
	});

	it('applies from the next frame on when access changes (sync-server SPEC G3)', async () => {
		const { room, writer } = await roomWithPeers();
		room.receive(writer, clientWrite('update', 'p-writer', ['hs-01', 'tx1', 10], room));
		writer.access = 'read';
		room.announceAccess(writer);
		room.receive(writer, clientWrite('update', 'p-writer', ['hs-02', 'tx1', 20], room));
		expect(marksOf(room.doc)).toEqual({ 'hs-01:tx1': 10 });
		const lastAccess = writer.ofType(MessageType.access).at(-1)!;
		const decoder = decoding.createDecoder(lastAccess);
		decoding.readVarUint(decoder);
		expect(decoding.readVarString(decoder)).toBe('read');
	});
});
