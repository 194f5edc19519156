import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readSyncMessage, writeSyncStep1, writeUpdate } from 'y-protocols/sync';
import { applyEdits, initGradebook, readGradebook, cellKey, writeCell } from '../ydoc/gradebook';
import { MessageType } from '../ydoc/wire';
import { holdsRefusedContent, mayHoldRefusedContent, peekSyncMessage, refusedItemCount, wholeStateRequest } from './settle';
import { testGradebookMeta } from '../ydoc/testing/gradebook-meta';

const meta = testGradebookMeta(['tx1', 'ck']);
const roster = [
	{ id: 'hs1', name: 'Nguyễn Văn An', code: 'HS001' },
	{ id: 'hs2', name: 'Trần Thị Ánh', code: 'HS002' }
];
const teacher = { actor: { id: 'gv1', name: 'Lê Thị Hoa' }, at: 1_700_000_000_000, offline: true };
const leader = { actor: { id: 'bgh', name: 'Phạm Văn Minh' }, at: 1_700_000_100_000, offline: false };

/** A server document and a device that synced with it, then went offline. */
function serverAndDevice() {
	const server = new Y.Doc();
	initGradebook(server, meta, roster);
	writeCell(server, 'hs1', 'tx1', 70, leader);
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
	return { server, device };
}

/** What the device holds after the server answered the whole-state request (O3): both merged. */
function afterAnswer(device: Y.Doc, server: Y.Doc): Uint8Array {
	const official = Y.encodeStateAsUpdate(server);
	Y.applyUpdate(device, official);
	return official;
}

describe('refused offline edits settle (sync SPEC O1–O3)', () => {
	it('O1/O2: an offline mark the server never took is found, and counted', () => {
		const { server, device } = serverAndDevice();
		applyEdits(device, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 95 }], teacher);
		expect(mayHoldRefusedContent(device, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe(true);
		const official = afterAnswer(device, server);
		expect(holdsRefusedContent(device, official)).toBe(true);
		expect(refusedItemCount(device, official)).toBeGreaterThan(0);
	});

	it('O1/O2: a device holding only what the server holds (plus what others wrote meanwhile) has nothing refused', () => {
		const { server, device } = serverAndDevice();
		writeCell(server, 'hs2', 'ck', 80, leader);
		expect(mayHoldRefusedContent(device, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe(false);
		const official = afterAnswer(device, server);
		expect(holdsRefusedContent(device, official)).toBe(false);
		expect(refusedItemCount(device, official)).toBe(0);
	});

	it('O2: a deletion alone, which no state vector shows, is still found', () => {
		const { server, device } = serverAndDevice();
		applyEdits(server, [{ kind: 'comment', studentId: 'hs1', text: 'Chăm chỉ' }], leader);
		Y.applyUpdate(device, Y.encodeStateAsUpdate(server));
		device.getMap('comments').delete('hs1');
		expect(mayHoldRefusedContent(device, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe(false);
		expect(holdsRefusedContent(device, afterAnswer(device, server))).toBe(true);
	});

	it('O2: the server state alone shows the official mark, whatever the device wrote on top', () => {
		const { server, device } = serverAndDevice();
		applyEdits(device, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 95 }], teacher);
		const official = afterAnswer(device, server);
		const settled = new Y.Doc();
		Y.applyUpdate(settled, official);
		const read = readGradebook(settled);
		expect(read.ok && read.cells.get(cellKey('hs1', 'tx1'))?.value).toBe(70);
	});

	it('O3: the whole-state request is answered with the whole document, which the peek reads', () => {
		const { server } = serverAndDevice();
		const request = decoding.createDecoder(wholeStateRequest());
		expect(decoding.readVarUint(request)).toBe(MessageType.sync);
		const answer = encoding.createEncoder();
		encoding.writeVarUint(answer, MessageType.sync);
		readSyncMessage(request, answer, server, null);
		const reply = decoding.createDecoder(encoding.toUint8Array(answer));
		decoding.readVarUint(reply);
		const peeked = peekSyncMessage(reply);
		expect(peeked.kind).toBe('step2');
		if (peeked.kind !== 'step2') return;
		const copy = new Y.Doc();
		Y.applyUpdate(copy, peeked.update);
		expect(Y.equalSnapshots(Y.snapshot(copy), Y.snapshot(server))).toBe(true);
		// Peeking leaves the message for the provider to read.
		expect(decoding.readVarUint(reply)).toBe(1);
	});

	it('peeks step 1 state vectors and tells updates apart', () => {
		const { server } = serverAndDevice();
		const step1 = encoding.createEncoder();
		writeSyncStep1(step1, server);
		expect(peekSyncMessage(decoding.createDecoder(encoding.toUint8Array(step1)))).toEqual({
			kind: 'step1',
			stateVector: Y.decodeStateVector(Y.encodeStateVector(server))
		});
		const update = encoding.createEncoder();
		writeUpdate(update, Y.encodeStateAsUpdate(server));
		expect(peekSyncMessage(decoding.createDecoder(encoding.toUint8Array(update)))).toEqual({ kind: 'update' });
	});
});
