import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initHomeroom, observeHomeroom, readHomeroom, recordKey, writeHomeroom, HOMEROOM_SCHEMA_VERSION } from './homeroom';

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
