/**
 * A real Room holding a small gradebook for the room-level tests: a teacher writing to it, a
 * reader watching it, and the teacher's device (a Y.Doc holding what the room held when it was
 * made), with the updates its edits make and what the reader was sent since it joined.
 */
import * as Y from 'yjs';
import { applyEdits, initGradebook } from '../../src/lib/ydoc/gradebook';
import { MessageType } from '../../src/lib/ydoc/wire';
import { CommitClock } from '../persistence/commit-clock';
import { RoomRegistry } from '../room-registry';
import { RecordingPeer, recordingLog, ScriptedStorage } from './storage-doubles';

export const GRADEBOOK = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';
export const NOW = Date.UTC(2026, 10, 30, 4, 0);
export const LAN = { personId: 'gv-lan', name: 'Nguyễn Thị Lan' };
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
	columns: [
		{ key: 'tx1', label: 'TX1', kind: 'regular' as const },
		{ key: 'gk', label: 'GK', kind: 'mid-term' as const }
	]
};

/** `windowMs`: the commit clock's period (S11), long for tests that act inside one window. */
export async function gradebookRoom({ windowMs = 5 }: { windowMs?: number } = {}) {
	const storage = new ScriptedStorage();
	const rooms = new RoomRegistry({ storage, clock: new CommitClock(windowMs), compactAfterRows: 500, log: recordingLog().log, onUpdate: () => {}, onRefusedWrite: () => {}, now: () => NOW });
	const room = await rooms.acquire(GRADEBOOK);
	await room.change((doc) => initGradebook(doc, HEADER, ROSTER));
	const writer = new RecordingPeer(LAN, 'write');
	const reader = new RecordingPeer({ personId: 'gv-minh', name: 'Trần Văn Minh' }, 'read');
	room.attach(writer);
	room.attach(reader);
	const device = new Y.Doc();
	Y.applyUpdate(device, Y.encodeStateAsUpdate(room.doc));
	/** The update one mark in column tx1 on the device makes. */
	const edit = (studentId: string, value: number): Uint8Array => {
		const before = Y.encodeStateVector(device);
		applyEdits(device, [{ kind: 'mark', studentId, columnKey: 'tx1', value }], { actor: { id: LAN.personId, name: LAN.name }, at: NOW, offline: false });
		return Y.encodeStateAsUpdate(device, before);
	};
	// The updates broadcast to the reader since it joined (its greeting left out).
	const greeted = reader.ofType(MessageType.sync).length;
	const broadcasts = () => reader.ofType(MessageType.sync).slice(greeted);
	return { storage, rooms, room, writer, reader, device, edit, broadcasts };
}
