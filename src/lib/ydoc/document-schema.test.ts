/**
 * The server's update validation (sync-server SPEC V1–V11) on real Y.Docs: each attack of issue 7
 * crafted by a real replica and refused with its rule, and every operation the app performs
 * accepted.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_DOCUMENT_ENTRIES, MAX_NEW_ENTRIES_PER_UPDATE, RefusedUpdate, validateUpdate, type Writer } from './document-schema';
import { applyEdits, initGradebook, readGradebook, type CellEdit, type CellValue, type Edit, type GradebookMeta } from './gradebook';
import { HISTORY_FLOOR } from './gradebook-schema';
import { MAX_TERM_ABSENCES } from '../domain/homeroom/homeroom-input';
import { initHomeroom, readHomeroom, writeHomeroom } from './homeroom';

const NOW = Date.UTC(2026, 10, 30, 4, 0);
const LAN: Writer = { personId: 'gv-lan', name: 'Nguyễn Thị Lan' };
const MINH: Writer = { personId: 'gv-minh', name: 'Trần Văn Minh' };
const ROSTER = ['hs-1', 'hs-2', 'hs-3'].map((id, index) => ({ id, name: `Học sinh ${index + 1}`, code: `${index + 1}` }));

function header(assessment: GradebookMeta['assessment'] = 'score'): Omit<GradebookMeta, 'schemaVersion'> {
	return {
		school: 'thcs-nvb',
		year: '2025-2026',
		term: 'hk1',
		classCode: '6a1',
		className: '6A1',
		subjectCode: 'toan',
		subjectName: 'Toán',
		assessment,
		columns: [
			{ key: 'tx1', label: 'TX1', kind: 'regular' },
			{ key: 'gk', label: 'GK', kind: 'mid-term' },
			{ key: 'ck', label: 'CK', kind: 'end-of-term' }
		]
	};
}

function serverGradebook(assessment: GradebookMeta['assessment'] = 'score'): Y.Doc {
	const doc = new Y.Doc();
	initGradebook(doc, header(assessment), ROSTER);
	return doc;
}

function replicaOf(server: Y.Doc): Y.Doc {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
	return replica;
}

/** What `change` on a fresh replica of `server` sends as one live update. */
function updateFrom(server: Y.Doc, change: (replica: Y.Doc) => void, replica = replicaOf(server)): Uint8Array {
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

const stamp = (writer: Writer, at = NOW) => ({ actor: { id: writer.personId, name: writer.name }, at, offline: false });
const mark = (studentId: string, columnKey: string, value: CellValue): Edit => ({ kind: 'mark', studentId, columnKey, value });

/** The rule that refuses `update`, or null when it is accepted (then it is applied, as the server does). */
function verdict(kind: 'gradebook' | 'homeroom' | 'timetable' | 'student', server: Y.Doc, update: Uint8Array, writer: Writer = LAN, closedStudents?: ReadonlySet<string>): string | null {
	try {
		validateUpdate(kind, server, update, { writer, now: NOW, closedStudents });
	} catch (error) {
		if (error instanceof RefusedUpdate) return error.refusal.rule;
		throw error;
	}
	Y.applyUpdate(server, update);
	return null;
}

const rawEntry = (replica: Y.Doc, overrides: Partial<CellEdit>): CellEdit => ({
	id: `${replica.clientID}-0-0`,
	cell: 'hs-1:tx1',
	value: 80,
	replaces: [],
	by: LAN.personId,
	byName: LAN.name,
	at: NOW,
	offline: false,
	kind: 'edit',
	...overrides
});

describe('attacks of issue 7 are refused as a whole (sync-server SPEC V2–V11)', () => {
	it('V4: deleting entries of the append-only history', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 80)], stamp(LAN))))).toBeNull();
		const erase = updateFrom(server, (r) => r.getArray('history').delete(0, 1));
		expect(verdict('gradebook', server, erase)).toBe('V4');
		expect(readGradebook(server).ok && readGradebook(server)).toMatchObject({ cells: new Map([['hs-1:tx1', expect.objectContaining({ value: 80 })]]) });
		// pushed and deleted in one transaction: a history entry that is born deleted
		const bornDeleted = updateFrom(server, (r) => r.transact(() => {
			r.getArray('history').push([rawEntry(r, {})]);
			r.getArray('history').delete(1, 1);
		}));
		expect(verdict('gradebook', server, bornDeleted)).toBe('V4');
	});

	it('V5 / V7: an entry dated 1e20 in a cell of a student who is not on the roster', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell: 'ghost:tx1', at: 1e20 })])))).toBe('V5');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { at: 1e20 })])))).toBe('V7');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { at: NOW - 500 * 86_400_000 })])))).toBe('V7');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { at: NOW + 2 * 86_400_000 })])))).toBe('V7');
		expect(server.getArray('history').length).toBe(0);
	});

	it('V3: meta and the roster are the server\'s', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('meta').set('schemaVersion', 99)))).toBe('V3');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('students').delete('hs-1')))).toBe('V3');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('students').set('hs-9', { id: 'hs-9', name: 'X', code: '9' })))).toBe('V3');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('cells').set('hs-1:tx1', { value: 100, by: LAN.personId, at: NOW })))).toBe('V3');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('whatever').set('a', 1)))).toBe('V3');
		const read = readGradebook(server);
		expect(read.ok && read.meta.schemaVersion).toBe(1);
		expect(read.ok && read.roster.map((entry) => entry.id)).toEqual(['hs-1', 'hs-2', 'hs-3']);
	});

	it('V5: invented cell keys — students off the roster, columns not of the subject, formulas', () => {
		const server = serverGradebook();
		for (const cell of ['ghost:tx1', 'hs-1:tx9', '=1+2', '@SUM(A1:A9)', 'hs-1:=1+2', '=1+2:tx1', 'hs-1']) {
			expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell })]))), cell).toBe('V5');
		}
		expect(() => applyEdits(replicaOf(server), [mark('ghost', 'tx1', 50)], stamp(LAN))).toThrow(RangeError);
	});

	it('V5: values the subject does not allow, malformed entries, ids of another client', () => {
		const server = serverGradebook();
		const push = (overrides: Partial<CellEdit> | Record<string, unknown>) =>
			verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([{ ...rawEntry(r, {}), ...overrides }])));
		expect(push({ value: 101 })).toBe('V5');
		expect(push({ value: 8.5 })).toBe('V5');
		expect(push({ value: 'Đ' })).toBe('V5');
		expect(push({ kind: 'delete' })).toBe('V5');
		expect(push({ extra: '=HYPERLINK()' })).toBe('V5');
		expect(push({ replaces: Array.from({ length: 40 }, (_, i) => `x-${i}`) })).toBe('V5');
		expect(push({ id: '12345-0-0' })).toBe('V5');
		const comments = serverGradebook('comment');
		expect(verdict('gradebook', comments, updateFrom(comments, (r) => r.getArray('history').push([rawEntry(r, { value: 80 })])))).toBe('V5');
		expect(verdict('gradebook', comments, updateFrom(comments, (r) => applyEdits(r, [mark('hs-1', 'tx1', 'CĐ')], stamp(LAN))))).toBeNull();
	});

	it('V6: an entry or a comment in someone else\'s name', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 80)], stamp(MINH))))).toBe('V6');
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 80)], { ...stamp(LAN), actor: { id: LAN.personId, name: 'Hiệu trưởng' } })))).toBe('V6');
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [{ kind: 'comment', studentId: 'hs-1', text: 'Tốt' }], stamp(MINH))))).toBe('V6');
	});

	it('V8: comments only for roster students, replaced but never deleted', () => {
		const server = serverGradebook();
		const comment = (r: Y.Doc) => ({ text: 'x', by: LAN.personId, byName: LAN.name, at: NOW, id: `${r.clientID}-0-0` });
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('comments').set('ghost', comment(r))))).toBe('V8');
		expect(() => applyEdits(replicaOf(server), [{ kind: 'comment', studentId: 'ghost', text: 'x' }], stamp(LAN))).toThrow(RangeError);
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('comments').set('hs-1', { text: 'x'.repeat(2001), by: LAN.personId, byName: LAN.name, at: NOW, id: `${r.clientID}-0-0` })))).toBe('V8');
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [{ kind: 'comment', studentId: 'hs-1', text: 'Chăm chỉ' }], stamp(LAN))))).toBeNull();
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('comments').delete('hs-1')))).toBe('V8');
		expect(readGradebook(server).ok && [...(readGradebook(server) as { comments: Map<string, { text: string }> }).comments.values()].map((c) => c.text)).toEqual(['Chăm chỉ']);
	});

	it('V19: marks and comments of a student who has left are refused; the other students stay writable', () => {
		const server = serverGradebook();
		const judge = (update: Uint8Array) => verdict('gradebook', server, update, LAN, new Set(['hs-2']));
		expect(judge(updateFrom(server, (r) => applyEdits(r, [mark('hs-2', 'tx1', 80)], stamp(LAN))))).toBe('V19');
		expect(judge(updateFrom(server, (r) => applyEdits(r, [{ kind: 'comment', studentId: 'hs-2', text: 'Tốt' }], stamp(LAN))))).toBe('V19');
		// One update touching a left student and another is refused as a whole.
		expect(judge(updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 70), mark('hs-2', 'gk', 90)], stamp(LAN))))).toBe('V19');
		expect(judge(updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 70)], stamp(LAN))))).toBeNull();
		const read = readGradebook(server);
		expect(read.ok && [...read.cells.keys()]).toEqual(['hs-1:tx1']);
	});

	it('V19: homeroom records (conduct, absences, comment) of a student who has left are refused, written or erased; the others stay writable', () => {
		const homeroom = new Y.Doc();
		initHomeroom(homeroom, { school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1', className: '6A1' }, ROSTER);
		Y.applyUpdate(homeroom, updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-2', patch: { conduct: 'Khá' } }], stamp(LAN))));
		const judge = (update: Uint8Array) => verdict('homeroom', homeroom, update, LAN, new Set(['hs-2']));
		expect(judge(updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-2', patch: { conduct: 'Tốt' } }], stamp(LAN))))).toBe('V19');
		expect(judge(updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-2', patch: { absencesExcused: 3 } }], stamp(LAN))))).toBe('V19');
		expect(judge(updateFrom(homeroom, (r) => r.getMap('records').delete('hs-2:conduct')))).toBe('V19');
		expect(judge(updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-1', patch: { conduct: 'Tốt' } }, { studentId: 'hs-2', patch: { comment: 'x' } }], stamp(LAN))))).toBe('V19');
		expect(judge(updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-1', patch: { conduct: 'Tốt' } }], stamp(LAN))))).toBeNull();
	});

	it('V2: nested types, text, and updates whose dependencies are missing', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getMap('comments').set('hs-1', new Y.Map())))).toBe('V2');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getText('history-notes').insert(0, 'hi')))).toBe('V2');
		const replica = replicaOf(server);
		applyEdits(replica, [mark('hs-1', 'tx1', 10)], stamp(LAN));
		const afterFirst = Y.encodeStateVector(replica);
		applyEdits(replica, [mark('hs-1', 'tx1', 20)], stamp(LAN));
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(replica, afterFirst))).toBe('V2');
		expect(server.getArray('history').length).toBe(0);
	});

	it('V11: per-update and per-document limits', () => {
		const server = serverGradebook();
		const flood = updateFrom(server, (r) => r.getArray('history').push(Array.from({ length: MAX_NEW_ENTRIES_PER_UPDATE + 1 }, (_, i) => rawEntry(r, { id: `${r.clientID}-0-${i}` }))));
		expect(verdict('gradebook', server, flood)).toBe('V11');
		// The server's own writes (trusted) fill the history up to its limit; one more client edit is refused.
		const filler = new Y.Doc();
		Y.applyUpdate(filler, Y.encodeStateAsUpdate(server));
		filler.getArray('history').push(Array.from({ length: HISTORY_FLOOR }, (_, i) => rawEntry(filler, { id: `${filler.clientID}-0-${i}`, cell: 'hs-3:ck' })));
		Y.applyUpdate(server, Y.encodeStateAsUpdate(filler));
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 80)], stamp(LAN))))).toBe('V11');
	}, 30_000);

	it('V11: a document that has held 200,000 entries takes no more', () => {
		const server = serverGradebook();
		const edit = updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 80)], stamp(LAN)));
		// Trusted writes (the server's own) up to the limit.
		const total = [...server.store.clients.values()].reduce((sum, structs) => sum + structs.at(-1)!.id.clock + structs.at(-1)!.length, 0);
		server.getArray('server-padding').push(Array.from({ length: MAX_DOCUMENT_ENTRIES - total }, () => 0));
		try {
			validateUpdate('gradebook', server, edit, { writer: LAN, now: NOW });
			expect.unreachable('the edit should be refused');
		} catch (error) {
			expect(error).toBeInstanceOf(RefusedUpdate);
			expect((error as RefusedUpdate).refusal).toMatchObject({ rule: 'V11', reason: expect.stringContaining('200000 entries') });
		}
	});

	it('V10: student views take no client write (V14: nor a timetable without a header); V3/V9 guard homerooms', () => {
		const timetable = new Y.Doc();
		expect(verdict('timetable', timetable, updateFrom(timetable, (r) => r.getMap('slots').set('a', 1)))).toBe('V14');
		expect(verdict('student', timetable, updateFrom(timetable, (r) => r.getMap('marks').set('a', 1)))).toBe('V10');
		const homeroom = new Y.Doc();
		initHomeroom(homeroom, { school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1', className: '6A1' }, ROSTER);
		const record = (key: string, value: unknown, by = LAN) => ({ [key]: { value, by: by.personId, byName: by.name, at: NOW, offline: false } });
		const setRecords = (entries: Record<string, unknown>) => updateFrom(homeroom, (r) => { for (const [k, v] of Object.entries(entries)) r.getMap('records').set(k, v); });
		expect(verdict('homeroom', homeroom, setRecords(record('ghost:conduct', 'Tốt')))).toBe('V9');
		expect(verdict('homeroom', homeroom, setRecords(record('hs-1:salary', 1)))).toBe('V9');
		expect(verdict('homeroom', homeroom, setRecords(record('hs-1:conduct', 'Xuất sắc')))).toBe('V9');
		expect(verdict('homeroom', homeroom, setRecords(record('hs-1:absences', -1)))).toBe('V9');
		expect(verdict('homeroom', homeroom, setRecords(record('hs-1:conduct', 'Tốt', MINH)))).toBe('V6');
		expect(verdict('homeroom', homeroom, updateFrom(homeroom, (r) => r.getMap('meta').set('schemaVersion', 99)))).toBe('V3');
		expect(verdict('homeroom', homeroom, updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-1', patch: { conduct: 'Tốt', absencesExcused: 2, absencesUnexcused: 0 } }], stamp(LAN))))).toBeNull();
		expect(verdict('homeroom', homeroom, updateFrom(homeroom, (r) => r.getMap('records').delete('hs-1:conduct')))).toBe('V9');
		expect(() => writeHomeroom(replicaOf(homeroom), [{ studentId: 'ghost', patch: { conduct: 'Tốt' } }], stamp(LAN))).toThrow(RangeError);
		const read = readHomeroom(homeroom);
		expect(read.ok && read.records.get('hs-1')).toMatchObject({ conduct: 'Tốt', absencesExcused: 2, absencesUnexcused: 0 });
	});

	it('V13: absences có phép / không phép take only a whole number 0…MAX_TERM_ABSENCES or null; the old undivided count stays V9', () => {
		const homeroom = new Y.Doc();
		initHomeroom(homeroom, { school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: '6a1', className: '6A1' }, ROSTER);
		const record = (key: string, value: unknown) => updateFrom(homeroom, (r) => r.getMap('records').set(key, { value, by: LAN.personId, byName: LAN.name, at: NOW, offline: false }));
		for (const field of ['absencesExcused', 'absencesUnexcused']) {
			for (const hostile of [-1, 2.5, MAX_TERM_ABSENCES + 1, Number.MAX_SAFE_INTEGER + 2, '3', true, { n: 3 }, [3], 1e21]) {
				expect(verdict('homeroom', homeroom, record(`hs-1:${field}`, hostile)), `${field} = ${JSON.stringify(hostile)}`).toBe('V13');
			}
			expect(verdict('homeroom', homeroom, record(`ghost:${field}`, 1))).toBe('V9');
			expect(verdict('homeroom', homeroom, record(`hs-2:${field}`, MAX_TERM_ABSENCES))).toBeNull();
			expect(verdict('homeroom', homeroom, record(`hs-2:${field}`, null))).toBeNull();
		}
		// An older app still writes the undivided count under its old key: accepted, with the V9 limits.
		expect(verdict('homeroom', homeroom, record('hs-3:absences', 4))).toBeNull();
		expect(verdict('homeroom', homeroom, record('hs-3:absences', -4))).toBe('V9');
		// Clearing it while both kinds are entered (H4) is one accepted update.
		const settle = updateFrom(homeroom, (r) => writeHomeroom(r, [{ studentId: 'hs-3', patch: { absencesExcused: 1, absencesUnexcused: 3 } }], stamp(LAN)));
		expect(verdict('homeroom', homeroom, settle)).toBeNull();
		const read = readHomeroom(homeroom);
		expect(read.ok && read.records.get('hs-3')).toMatchObject({ absencesExcused: 1, absencesUnexcused: 3, absencesUnclassified: null });
	});
});

describe('everything the app writes is accepted', () => {
	it('marks, a paste, an undo, comments and their overwrites', () => {
		const server = serverGradebook();
		const replica = replicaOf(server);
		const send = (change: () => void) => verdict('gradebook', server, updateFrom(server, change, replica));
		expect(send(() => applyEdits(replica, [mark('hs-1', 'tx1', 80)], stamp(LAN)))).toBeNull();
		const paste = ROSTER.flatMap((s) => ['tx1', 'gk', 'ck'].map((c) => mark(s.id, c, 55)));
		expect(send(() => applyEdits(replica, paste, stamp(LAN), 'paste'))).toBeNull();
		expect(send(() => applyEdits(replica, [mark('hs-1', 'tx1', 80)], stamp(LAN), 'undo'))).toBeNull();
		expect(send(() => applyEdits(replica, [mark('hs-1', 'tx1', null)], stamp(LAN), 'redo'))).toBeNull();
		expect(send(() => applyEdits(replica, [{ kind: 'comment', studentId: 'hs-2', text: 'Tiến bộ' }], stamp(LAN)))).toBeNull();
		expect(send(() => applyEdits(replica, [{ kind: 'comment', studentId: 'hs-2', text: 'Tiến bộ rõ' }], stamp(LAN)))).toBeNull();
		// A device clock hours ahead (wrong time zone), an edit made offline days ago.
		expect(send(() => applyEdits(replica, [mark('hs-3', 'ck', 90)], stamp(LAN, NOW + 7 * 3_600_000)))).toBeNull();
		expect(send(() => applyEdits(replica, [mark('hs-3', 'gk', 70)], { ...stamp(LAN, NOW - 7 * 86_400_000), offline: true }))).toBeNull();
		expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(replica));
	});

	it('two teachers offline: their sync steps 2 (with overwritten comments) are accepted, the conflict is resolved', () => {
		const server = serverGradebook();
		const lan = replicaOf(server);
		const minh = replicaOf(server);
		const serverVector = Y.encodeStateVector(server);
		applyEdits(lan, [mark('hs-1', 'tx1', 70), { kind: 'comment', studentId: 'hs-1', text: 'a' }], { ...stamp(LAN), offline: true });
		applyEdits(lan, [{ kind: 'comment', studentId: 'hs-1', text: 'b' }], { ...stamp(LAN), offline: true });
		applyEdits(minh, [mark('hs-1', 'tx1', 90), { kind: 'comment', studentId: 'hs-1', text: 'c' }], { ...stamp(MINH), offline: true });
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(lan, serverVector), LAN)).toBeNull();
		// Step 2 carries the whole delete set, including what the server already has: harmless.
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(minh, serverVector), MINH)).toBeNull();
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(lan), LAN)).toBeNull();
		const read = readGradebook(server);
		expect(read.ok && read.conflicts.has('hs-1:tx1')).toBe(true);
		Y.applyUpdate(lan, Y.encodeStateAsUpdate(server));
		expect(verdict('gradebook', server, updateFrom(server, (r) => applyEdits(r, [mark('hs-1', 'tx1', 90)], stamp(LAN), 'resolve'), lan))).toBeNull();
		const resolved = readGradebook(server);
		expect(resolved.ok && resolved.conflicts.size).toBe(0);
		expect(resolved.ok && resolved.cells.get('hs-1:tx1')?.value).toBe(90);
	});

	it('an update holding what the server already has, and an empty one, change nothing', () => {
		const server = serverGradebook();
		const replica = replicaOf(server);
		expect(verdict('gradebook', server, updateFrom(server, () => applyEdits(replica, [mark('hs-2', 'gk', 65)], stamp(LAN)), replica))).toBeNull();
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(replica), MINH)).toBeNull();
		expect(verdict('gradebook', server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(replica)), MINH)).toBeNull();
	});
});

describe('the header the check relies on follows server changes', () => {
	it('a student enrolled or a column added later by the server can be written at once; a removed one no longer', () => {
		const server = serverGradebook();
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell: 'hs-4:tx1' })])))).toBe('V5');
		server.getMap('students').set('hs-4', { id: 'hs-4', name: 'Học sinh 4', code: '4' });
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell: 'hs-4:tx1' })])))).toBeNull();
		server.getMap('meta').set('columns', [...header().columns, { key: 'tx2', label: 'TX2', kind: 'regular' }]);
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell: 'hs-4:tx2' })])))).toBeNull();
		server.getMap('students').delete('hs-4');
		expect(verdict('gradebook', server, updateFrom(server, (r) => r.getArray('history').push([rawEntry(r, { cell: 'hs-4:gk' })])))).toBe('V5');
	});
});
