import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fieldsWrittenBy, initHomeroom, observeHomeroom, readHomeroom, recordKey, writeHomeroom, HOMEROOM_SCHEMA_VERSION } from './homeroom';
import { mergeRoster } from './roster';

const meta = { school: 'thcs-nvb', year: '2025-2026', term: 'hk1' as const, classCode: '6a1', className: '6A1' };
const roster = [
	{ id: 's1', name: 'Nguyễn Văn An', code: '7900000001' },
	{ id: 's2', name: 'Trần Thị Bình', code: '7900000002' }
];
const stamp = { actor: { id: 'gvcn', name: 'Cô Lan' }, at: 1_700_000_000_000, offline: false };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('homeroom document adapter', () => {
	it('reads what was initialised and written, as plain values', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		writeHomeroom(doc, [{ studentId: 's1', patch: { conduct: 'Tốt', absencesExcused: 2, absencesUnexcused: 1, comment: 'Chăm chỉ' } }], stamp);
		const read = readHomeroom(doc);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.meta).toEqual({ ...meta, schemaVersion: HOMEROOM_SCHEMA_VERSION });
		expect(read.roster.map((r) => r.id).sort()).toEqual(['s1', 's2']);
		expect(read.records.get('s1')).toEqual({ conduct: 'Tốt', conductComment: '', absencesExcused: 2, absencesUnexcused: 1, absencesUnclassified: null, comment: 'Chăm chỉ' });
		expect([...doc.getMap('records').keys()].sort()).toEqual(['s1:absencesExcused', 's1:absencesUnexcused', 's1:comment', 's1:conduct']);
		expect(read.records.has('s2')).toBe(false);
		expect(read.entries.get(recordKey('s1', 'conduct'))).toMatchObject({ by: 'gvcn', byName: 'Cô Lan', offline: false });
	});

	it('two devices changing different fields of one student offline both keep their change', () => {
		const a = new Y.Doc();
		initHomeroom(a, meta, roster);
		const b = new Y.Doc();
		sync(a, b);
		writeHomeroom(a, [{ studentId: 's1', patch: { conduct: 'Khá' } }], stamp);
		writeHomeroom(b, [{ studentId: 's1', patch: { absencesUnexcused: 5 } }], { ...stamp, offline: true });
		sync(a, b);
		for (const doc of [a, b]) {
			const read = readHomeroom(doc);
			expect(read.ok && read.records.get('s1')).toMatchObject({ conduct: 'Khá', absencesUnexcused: 5 });
		}
	});

	it('refuses invalid values from the caller', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		expect(() => writeHomeroom(doc, [{ studentId: 's1', patch: { absencesExcused: -1 } }], stamp)).toThrow(RangeError);
		expect(() => writeHomeroom(doc, [{ studentId: 's1', patch: { absencesUnexcused: 2.5 } }], stamp)).toThrow(RangeError);
		expect(() => writeHomeroom(doc, [{ studentId: 's1', patch: { absencesUnexcused: 201 } }], stamp)).toThrow(RangeError);
		expect(() => writeHomeroom(doc, [{ studentId: 's1', patch: { conduct: 'Giỏi' as never } }], stamp)).toThrow(RangeError);
	});

	it('ignores malformed entries from peers instead of showing them', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		const records = doc.getMap('records');
		records.set('s1:conduct', { value: 'Giỏi', by: 'x', byName: 'x', at: 1, offline: false });
		records.set('s1:absences', { value: -3, by: 'x', byName: 'x', at: 1, offline: false });
		records.set('s2:unknown', { value: 1, by: 'x', byName: 'x', at: 1, offline: false });
		records.set('s2:absencesExcused', { value: '4', by: 'x', byName: 'x', at: 1, offline: false });
		records.set('s2:absencesUnexcused', { value: 4, by: 'x', byName: 'x', at: 1, offline: false });
		const read = readHomeroom(doc);
		expect(read.ok && read.records.has('s1')).toBe(false);
		expect(read.ok && read.records.get('s2')).toMatchObject({ absencesExcused: null, absencesUnexcused: 4 });
	});

	it('H3 a document from before the split: its one number per student reads as unclassified, not as không phép', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		// Exactly what the app wrote before the split: the key `absences`.
		doc.getMap('records').set('s1:absences', { value: 7, by: 'gvcn', byName: 'Cô Lan', at: 1, offline: false });
		const read = readHomeroom(doc);
		expect(read.ok && read.records.get('s1')).toMatchObject({ absencesExcused: null, absencesUnexcused: null, absencesUnclassified: 7 });
		expect(recordKey('s1', 'absencesUnclassified')).toBe('s1:absences');
	});

	it('H4 entering both kinds clears the old undivided number in the same write; one kind alone keeps it', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		doc.getMap('records').set('s1:absences', { value: 7, by: 'gvcn', byName: 'Cô Lan', at: 1, offline: false });
		writeHomeroom(doc, [{ studentId: 's1', patch: { absencesExcused: 5 } }], stamp);
		let read = readHomeroom(doc);
		expect(read.ok && read.records.get('s1')).toMatchObject({ absencesExcused: 5, absencesUnexcused: null, absencesUnclassified: 7 });
		let updates = 0;
		doc.on('update', () => updates++);
		writeHomeroom(doc, [{ studentId: 's1', patch: { absencesUnexcused: 2 } }], stamp);
		read = readHomeroom(doc);
		expect(read.ok && read.records.get('s1')).toMatchObject({ absencesExcused: 5, absencesUnexcused: 2, absencesUnclassified: null });
		expect(read.ok && read.entries.get('s1:absences')).toMatchObject({ value: null, by: 'gvcn' });
		expect(updates).toBe(1);
	});

	it('empty, too new and malformed documents are reported, not read', () => {
		expect(readHomeroom(new Y.Doc())).toEqual({ ok: false, reason: 'empty' });
		const newer = new Y.Doc();
		newer.getMap('meta').set('schemaVersion', HOMEROOM_SCHEMA_VERSION + 1);
		expect(readHomeroom(newer)).toEqual({ ok: false, reason: 'too-new' });
		const odd = new Y.Doc();
		odd.getMap('meta').set('schemaVersion', 1);
		expect(readHomeroom(odd)).toEqual({ ok: false, reason: 'malformed' });
	});

	it('observers hear local and remote changes', () => {
		const doc = new Y.Doc();
		initHomeroom(doc, meta, roster);
		let calls = 0;
		const stop = observeHomeroom(doc, () => calls++);
		writeHomeroom(doc, [{ studentId: 's2', patch: { conduct: 'Đạt' } }], stamp);
		stop();
		writeHomeroom(doc, [{ studentId: 's2', patch: { conduct: 'Tốt' } }], stamp);
		expect(calls).toBe(1);
	});
});

describe('fieldsWrittenBy: the fields an update writes, from the update (sync-server SPEC F5, F7)', () => {
	/** What `doc` emits while `change` runs: the update a sync server's hooks receive. */
	function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
		const captured: Uint8Array[] = [];
		const listener = (update: Uint8Array) => void captured.push(update);
		doc.on('update', listener);
		change();
		doc.off('update', listener);
		return Y.mergeUpdates(captured);
	}
	function replicas(count: number): Y.Doc[] {
		const server = new Y.Doc();
		initHomeroom(server, meta, roster);
		const seed = Y.encodeStateAsUpdate(server);
		return [
			server,
			...Array.from({ length: count }, () => {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, seed);
				return doc;
			})
		];
	}
	/** The server applies a client's update and hands its hooks what that applied. */
	function receive(server: Y.Doc, sent: Uint8Array): Uint8Array {
		return updateOf(server, () => Y.applyUpdate(server, sent));
	}

	it('names only the fields the sender wrote, not those already in the document from another instance', () => {
		const [server, onA, onB] = replicas(2) as [Y.Doc, Y.Doc, Y.Doc];
		const fromA = updateOf(onA, () => writeHomeroom(onA, [{ studentId: 's1', patch: { conduct: 'Khá' } }], stamp));
		expect(fieldsWrittenBy(receive(server, fromA), server)).toEqual(new Set([recordKey('s1', 'conduct')]));
		// B's client writes after A's edit reached it: only B's own field is named.
		Y.applyUpdate(onB, fromA);
		const fromB = updateOf(onB, () => writeHomeroom(onB, [{ studentId: 's2', patch: { comment: 'Ngoan', absencesExcused: 1 } }], stamp));
		expect(fieldsWrittenBy(receive(server, fromB), server)).toEqual(new Set([recordKey('s2', 'comment'), recordKey('s2', 'absencesExcused')]));
	});

	it('an overwrite of a field is named too (the update carries no key for it, only the entry it replaces)', () => {
		const [server, client] = replicas(1) as [Y.Doc, Y.Doc];
		receive(server, updateOf(client, () => writeHomeroom(client, [{ studentId: 's1', patch: { conduct: 'Khá', comment: 'Một' } }], stamp)));
		const again = updateOf(client, () => writeHomeroom(client, [{ studentId: 's1', patch: { conduct: 'Tốt' } }], stamp));
		expect(fieldsWrittenBy(receive(server, again), server)).toEqual(new Set([recordKey('s1', 'conduct')]));
	});

	it('a week offline merged into one update names each field once, the old undivided count included (H4)', () => {
		const [server, client] = replicas(1) as [Y.Doc, Y.Doc];
		receive(server, updateOf(client, () => client.getMap('records').set('s1:absences', { value: 4, by: 'gvcn', byName: 'Cô Lan', at: stamp.at, offline: false })));
		const offline = updateOf(client, () => {
			writeHomeroom(client, [{ studentId: 's1', patch: { absencesExcused: 1 } }], { ...stamp, offline: true });
			writeHomeroom(client, [{ studentId: 's1', patch: { absencesExcused: 2 } }], { ...stamp, offline: true });
			writeHomeroom(client, [{ studentId: 's1', patch: { absencesUnexcused: 3 } }], { ...stamp, offline: true });
		});
		expect(fieldsWrittenBy(receive(server, offline), server)).toEqual(
			new Set([recordKey('s1', 'absencesExcused'), recordKey('s1', 'absencesUnexcused'), recordKey('s1', 'absencesUnclassified')])
		);
	});

	it('a field erased without a new entry is named (projections SPEC P1); roster changes and malformed keys name no field', () => {
		const [server] = replicas(0) as [Y.Doc];
		writeHomeroom(server, [{ studentId: 's1', patch: { conduct: 'Đạt' } }], stamp);
		const erased = updateOf(server, () => server.getMap('records').delete(recordKey('s1', 'conduct')));
		expect(fieldsWrittenBy(erased, server)).toEqual(new Set([recordKey('s1', 'conduct')]));
		const roster2 = updateOf(server, () => mergeRoster(server, [roster[0]!, { id: 's3', name: 'Lê Văn Cường', code: '7900000003' }]));
		expect(fieldsWrittenBy(roster2, server)).toEqual(new Set());
		const odd = updateOf(server, () => server.getMap('records').set('s1:hanh-kiem', { value: 'Tốt', by: 'x', byName: 'x', at: 1, offline: false }));
		expect(fieldsWrittenBy(odd, server)).toEqual(new Set());
	});

	it('an update that does not decode, or that the document does not hold, cannot be told: null', () => {
		const [server, client] = replicas(1) as [Y.Doc, Y.Doc];
		expect(fieldsWrittenBy(new Uint8Array([1, 2, 3, 250]), server)).toBeNull();
		const unseen = updateOf(client, () => writeHomeroom(client, [{ studentId: 's1', patch: { conduct: 'Tốt' } }], stamp));
		expect(fieldsWrittenBy(unseen, server)).toBeNull();
	});
});
