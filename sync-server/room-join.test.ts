/**
 * Joining a loaded document: the greeting (sync step 1) and the whole-document answer are framed
 * once per version of the document and shared by every newcomer, and they never go stale.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { CommitClock } from './persistence/commit-clock';
import { RoomRegistry } from './room-registry';
import { RecordingPeer, recordingLog, ScriptedStorage } from './testing/storage-doubles';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';

function stateRequest(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

/** The documents the peer was sent as sync step 2, applied to fresh docs. */
function receivedDocuments(peer: RecordingPeer): Y.Doc[] {
	return peer.ofType(MessageType.sync).flatMap((message) => {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder);
		if (decoding.readVarUint(decoder) !== 1) return [];
		const doc = new Y.Doc();
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
		return [doc];
	});
}

describe('joining a loaded document', () => {
	it('newcomers with nothing share one framed answer, and an update makes the next one fresh', async () => {
		const storage = new ScriptedStorage();
		const rooms = new RoomRegistry({ storage, clock: new CommitClock(1), compactAfterRows: 500, log: recordingLog().log, onUpdate: () => {}, onRefusedWrite: () => {} });
		const room = await rooms.acquire(DOCUMENT);
		await room.change((doc) => doc.getMap('cells').set('a', 1));
		const empty = Y.encodeStateVector(new Y.Doc());

		const first = new RecordingPeer({ personId: 'gv-1', name: 'Giáo viên 1' }, 'write');
		const second = new RecordingPeer({ personId: 'gv-2', name: 'Giáo viên 2' }, 'write');
		for (const peer of [first, second]) {
			room.attach(peer);
			room.receive(peer, stateRequest(empty));
		}
		// The same bytes, not merely equal ones: encoded once.
		expect(second.ofType(MessageType.sync)[0]).toBe(first.ofType(MessageType.sync)[0]);
		expect(second.ofType(MessageType.sync)[1]).toBe(first.ofType(MessageType.sync)[1]);
		expect(receivedDocuments(second)[0]!.getMap('cells').toJSON()).toEqual({ a: 1 });

		await room.change((doc) => doc.getMap('cells').set('b', 2));
		const third = new RecordingPeer({ personId: 'gv-3', name: 'Giáo viên 3' }, 'write');
		room.attach(third);
		room.receive(third, stateRequest(empty));
		expect(receivedDocuments(third)[0]!.getMap('cells').toJSON()).toEqual({ a: 1, b: 2 });
		const greeting = decoding.createDecoder(third.ofType(MessageType.sync)[0]!);
		decoding.readVarUint(greeting);
		decoding.readVarUint(greeting);
		expect(Y.decodeStateVector(decoding.readVarUint8Array(greeting))).toEqual(Y.decodeStateVector(Y.encodeStateVector(room.doc)));

		// A client that already holds part of the document gets only what it lacks.
		const partial = new Y.Doc();
		Y.applyUpdate(partial, Y.encodeStateAsUpdate(receivedDocuments(first)[0]!));
		const fourth = new RecordingPeer({ personId: 'gv-4', name: 'Giáo viên 4' }, 'write');
		room.attach(fourth);
		room.receive(fourth, stateRequest(Y.encodeStateVector(partial)));
		const [answer] = fourth.ofType(MessageType.sync).slice(1);
		const decoder = decoding.createDecoder(answer!);
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		Y.applyUpdate(partial, decoding.readVarUint8Array(decoder));
		expect(partial.getMap('cells').toJSON()).toEqual({ a: 1, b: 2 });

		for (const peer of [first, second, third, fourth]) room.detach(peer);
		rooms.release(room);
		await rooms.unloadAll();
	});
});
