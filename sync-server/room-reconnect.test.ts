/**
 * SPEC V20 on a real Room: a client that comes back with edits the server has not seen sends what
 * it types at once, before the server's sync step 1 reaches it. Those live updates build on edits
 * the server lacks; they are set aside (not applied, not shared, not refused) until the client's
 * step 2 brings everything, which is validated like any write. After step 2 a missing dependency
 * is refused (V2), and content the schema refuses is refused before step 2 too.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdits, initGradebook, readGradebook, type Edit } from '../src/lib/ydoc/gradebook';
import { RefusedUpdate } from '../src/lib/ydoc/document-schema';
import { MessageType } from '../src/lib/ydoc/wire';
import { RoomRegistry } from './room-registry';
import { syncStep2, syncUpdate } from './server-messages';
import { RecordingPeer, recordingLog, ScriptedStorage } from './testing/storage-doubles';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';
const NOW = Date.UTC(2026, 10, 30, 4, 0);
const LAN = { personId: 'gv-lan', name: 'Nguyễn Thị Lan' };
const ROSTER = ['hs-1', 'hs-2', 'hs-3'].map((id, index) => ({ id, name: `Học sinh ${index + 1}`, code: `${index + 1}` }));
const HEADER = {
	school: 'thcs-nvb',
	year: '2025-2026',
	term: 'hk1' as const,
	classCode: '6a1',
	className: '6A1',
	subjectCode: 'toan',
	subjectName: 'Toán',
	assessment: 'score' as const,
	columns: [{ key: 'tx1', label: 'TX1', kind: 'regular' as const }]
};
const mark = (studentId: string, value: number): Edit => ({ kind: 'mark', studentId, columnKey: 'tx1', value });

async function setUp() {
	const storage = new ScriptedStorage();
	const rooms = new RoomRegistry({ storage, flushDelayMs: 5, compactAfterRows: 500, log: recordingLog().log, onUpdate: () => {}, onRefusedWrite: () => {}, now: () => NOW });
	const room = await rooms.acquire(DOCUMENT);
	await room.change((doc) => initGradebook(doc, HEADER, ROSTER));
	// The teacher's device holds the book, then enters marks the server never got (offline).
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(room.doc));
	const edit = (studentId: string, value: number): Uint8Array => {
		const before = Y.encodeStateVector(device);
		applyEdits(device, [mark(studentId, value)], { actor: { id: LAN.personId, name: LAN.name }, at: NOW, offline: false });
		return Y.encodeStateAsUpdate(device, before);
	};
	edit('hs-1', 70);
	const writer = new RecordingPeer(LAN, 'write');
	const reader = new RecordingPeer({ personId: 'gv-minh', name: 'Trần Văn Minh' }, 'read');
	room.attach(writer);
	room.attach(reader);
	const greeted = reader.ofType(MessageType.sync).length;
	const marks = () => {
		const read = readGradebook(room.doc);
		return read.ok ? Object.fromEntries([...read.cells].map(([cell, entry]) => [cell, entry.value])) : null;
	};
	return { room, device, edit, writer, reader, marks, broadcasts: () => reader.ofType(MessageType.sync).slice(greeted) };
}

describe('a reconnecting client’s live updates wait for its sync step 2 (sync-server SPEC V20)', () => {
	it('V20 a live update that builds on edits the server lacks is set aside before step 2; step 2 brings both', async () => {
		const { room, device, edit, writer, marks, broadcasts } = await setUp();
		// Typed right after reconnecting: it builds on the offline mark the server has not seen.
		const typed = edit('hs-2', 85);
		expect(() => room.receive(writer, syncUpdate(typed))).not.toThrow();
		expect(marks()).toEqual({});
		expect(broadcasts()).toEqual([]);

		// The client's answer to the server's step 1.
		room.receive(writer, syncStep2(device, Y.encodeStateVector(room.doc)));
		expect(marks()).toEqual({ 'hs-1:tx1': 70, 'hs-2:tx1': 85 });
		expect(broadcasts()).toHaveLength(1);
	});

	it('V20 V2 after step 2, an update with a missing dependency is refused', async () => {
		const { room, device, edit, writer } = await setUp();
		room.receive(writer, syncStep2(device, Y.encodeStateVector(room.doc)));
		edit('hs-2', 60);
		const skipped = edit('hs-3', 65);
		expect(() => room.receive(writer, syncUpdate(skipped))).toThrow(RefusedUpdate);
	});

	it('V20 before step 2, content the schema refuses is still refused', async () => {
		const { room, writer, marks } = await setUp();
		// A device with nothing unsent rewrites the server-owned header: refused (V3), not set aside.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
		const before = Y.encodeStateVector(other);
		other.getMap('meta').set('className', '6A9');
		expect(() => room.receive(writer, syncUpdate(Y.encodeStateAsUpdate(other, before)))).toThrow(RefusedUpdate);
		expect(room.doc.getMap('meta').get('className')).toBe('6A1');
		expect(marks()).toEqual({});
	});
});
