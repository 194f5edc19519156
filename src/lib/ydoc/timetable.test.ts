/**
 * The timetable document: the adapter (timetable.ts) and what the server lets a scheduler write
 * (timetable-schema.ts, sync-server SPEC V14–V18), each attack crafted by a real replica.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusedUpdate, validateUpdate, type Writer } from './document-schema';
import { initTimetable, lessonAt, lessonKey, readTimetable, splitLessonKey, writeLessons, TIMETABLE_SCHEMA_VERSION, observeTimetable, defaultBells, setTeacherUnavailable, setTimetableRoster, setTimetableRooms, unavailableOf } from './timetable';
import { timetableHeader, timetableRoster } from './testing/timetable-fixture';
import { DEFAULT_GRID } from '../domain/timetable/period-grid';
import { planMove } from '../domain/timetable/lesson-move';

const NOW = Date.UTC(2026, 10, 30, 4, 0);
const LAN: Writer = { personId: 'gv-lan', name: 'Nguyễn Thị Lan' };
const SCHEDULER: Writer = { personId: 'pht', name: 'Phạm Thu Hà' };
const stamp = (writer: Writer = SCHEDULER, at = NOW) => ({ actor: { id: writer.personId, name: writer.name }, at });

function serverTimetable(): Y.Doc {
	const doc = new Y.Doc();
	initTimetable(doc, timetableHeader(), timetableRoster());
	return doc;
}

function replicaOf(server: Y.Doc): Y.Doc {
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
	return replica;
}

function updateFrom(server: Y.Doc, change: (replica: Y.Doc) => void, replica = replicaOf(server)): Uint8Array {
	const before = Y.encodeStateVector(replica);
	change(replica);
	return Y.encodeStateAsUpdate(replica, before);
}

function verdict(server: Y.Doc, update: Uint8Array, writer: Writer = SCHEDULER): string | null {
	try {
		validateUpdate('timetable', server, update, { writer, now: NOW });
	} catch (error) {
		if (error instanceof RefusedUpdate) return error.refusal.rule;
		throw error;
	}
	Y.applyUpdate(server, update);
	return null;
}

const raw = (overrides: Record<string, unknown> = {}, writer = SCHEDULER) => ({ subject: 'toan', teacher: 'gv-lan', room: null, by: writer.personId, byName: writer.name, at: NOW, ...overrides });
const setRaw = (server: Y.Doc, key: string, value: unknown) => updateFrom(server, (r) => r.getMap('lessons').set(key, value));

describe('timetable document adapter', () => {
	it('reads the header, roster and lessons written, and a cleared slot as an entry without subject', () => {
		const doc = serverTimetable();
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-2', lesson: { subject: 'toan', teacher: 'gv-lan', room: null } }], stamp());
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-3', lesson: { subject: 'tin-hoc', teacher: 'gv-hoa', room: 'phong-may' } }], stamp());
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-3', lesson: null }], stamp());
		const read = readTimetable(doc);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.meta).toMatchObject({ schemaVersion: TIMETABLE_SCHEMA_VERSION, version: 'v1', effectiveFrom: '2025-09-08', grid: DEFAULT_GRID });
		expect(read.roster.classes.map((c) => c.code)).toEqual(['6a1', '6a2']);
		expect(read.lessons.get('6a1|2-sang-2')).toMatchObject({ subject: 'toan', teacher: 'gv-lan', by: 'pht', byName: 'Phạm Thu Hà' });
		expect(read.lessons.get('6a1|2-sang-3')).toMatchObject({ subject: null, teacher: null, room: null });
	});

	it('TK35 TK36: unavailable slots and rooms set on the settings page survive the roster written again from SQL; older entries have none', () => {
		const doc = serverTimetable();
		const read = () => {
			const r = readTimetable(doc);
			if (!r.ok) throw new Error(r.reason);
			return r.roster;
		};
		expect(unavailableOf(read()).size).toBe(0);
		setTeacherUnavailable(doc, 'gv-lan', ['7-sang-1', '7-sang-2']);
		setTimetableRooms(doc, [...read().rooms, { id: 'phong-lab-2', name: 'Phòng thí nghiệm 2' }]);
		expect(() => setTeacherUnavailable(doc, 'gv-khong-co', ['2-sang-1'])).toThrow(RangeError);
		// A refresh from SQL: the SQL roster knows neither.
		setTimetableRoster(doc, timetableRoster());
		expect(unavailableOf(read())).toEqual(new Map([['gv-lan', new Set(['7-sang-1', '7-sang-2'])]]));
		expect(read().rooms.map((r) => r.id)).toContain('phong-lab-2');
		// A malformed field from an old or odd document reads as none.
		doc.getMap('teachers').set('gv-lan', { ...read().teachers.find((t) => t.id === 'gv-lan'), unavailable: 'all' });
		expect(unavailableOf(read()).size).toBe(0);
	});

	it('keys lessons as <class>|<slot> and parses them back; bells follow the grid', () => {
		expect(lessonKey('6a1', { day: 3, session: 'chieu', period: 4 })).toBe('6a1|3-chieu-4');
		expect(splitLessonKey('6a1|3-chieu-4')).toEqual({ classCode: '6a1', slot: '3-chieu-4' });
		expect(splitLessonKey('6a1|8-sang-1')).toBeNull();
		expect(splitLessonKey('|2-sang-1')).toBeNull();
		const bells = defaultBells(DEFAULT_GRID);
		expect(bells).toHaveLength(10);
		expect(bells[0]).toEqual({ session: 'sang', period: 1, start: '07:00', end: '07:45' });
		expect(bells[2]).toEqual({ session: 'sang', period: 3, start: '08:55', end: '09:40' });
	});

	it('refuses, before writing, what the server would refuse (V12 for timetables)', () => {
		const doc = serverTimetable();
		const write = (classCode: string, slot: string, lesson: { subject: string; teacher: string | null; room: string | null }) => () => writeLessons(doc, [{ classCode, slot, lesson }], stamp());
		expect(write('9a9', '2-sang-1', { subject: 'toan', teacher: null, room: null })).toThrow(RangeError);
		expect(write('6a1', '2-sang-6', { subject: 'toan', teacher: null, room: null })).toThrow(RangeError);
		expect(write('6a1', '2-sang-1', { subject: 'hoa-hoc', teacher: null, room: null })).toThrow(RangeError);
		expect(write('6a1', '2-sang-1', { subject: 'toan', teacher: 'gv-ghost', room: null })).toThrow(RangeError);
		expect(write('6a1', '2-sang-1', { subject: 'toan', teacher: null, room: 'ho-boi' })).toThrow(RangeError);
		expect(doc.getMap('lessons').size).toBe(0);
	});

	it('writes a fixed activity with the mark and reads entries without it as not fixed; refuses a fixed programme subject (V12, V17)', () => {
		const doc = serverTimetable();
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-1', lesson: { subject: 'chao-co', teacher: null, room: null, fixed: true } }], stamp());
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-2', lesson: { subject: 'toan', teacher: 'gv-lan', room: null, fixed: false } }], stamp());
		const lessons = doc.getMap<Record<string, unknown>>('lessons');
		expect(lessons.get('6a1|2-sang-1')?.fixed).toBe(true);
		// An unfixed lesson keeps the entry format written before the mark existed.
		expect(Object.keys(lessons.get('6a1|2-sang-2')!).sort()).toEqual(['at', 'by', 'byName', 'room', 'subject', 'teacher']);
		const read = readTimetable(doc);
		expect(read.ok && read.lessons.get('6a1|2-sang-1')?.fixed).toBe(true);
		expect(read.ok && read.lessons.get('6a1|2-sang-2')?.fixed).toBeUndefined();
		expect(() => writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-3', lesson: { subject: 'toan', teacher: null, room: null, fixed: true } }], stamp())).toThrow(RangeError);
		expect(lessons.has('6a1|2-sang-3')).toBe(false);
	});

	it('TK40: a swap written through writeLessons is one update and one observed change', () => {
		const doc = serverTimetable();
		writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-2', lesson: { subject: 'toan', teacher: 'gv-lan', room: null } }, { classCode: '6a1', slot: '2-sang-3', lesson: { subject: 'ngu-van', teacher: 'gv-minh', room: null } }], stamp());
		let updates = 0;
		const seen: string[][] = [];
		doc.on('update', () => updates++);
		const stop = observeTimetable(doc, (keys) => seen.push([...(keys ?? [])].sort()));
		const plan = planMove('6a1', '2-sang-2', '2-sang-3', (slot) => {
			const entry = lessonAt(doc, lessonKey('6a1', slot));
			return entry?.subject ? { subject: entry.subject, teacher: entry.teacher, room: entry.room } : undefined;
		});
		if (!plan.ok) throw new Error(plan.reason);
		writeLessons(doc, plan.changes, stamp());
		stop();
		expect(updates).toBe(1);
		expect(seen).toEqual([['6a1|2-sang-2', '6a1|2-sang-3']]);
		const read = readTimetable(doc);
		expect(read.ok && [read.lessons.get('6a1|2-sang-2')?.subject, read.lessons.get('6a1|2-sang-3')?.subject]).toEqual(['ngu-van', 'toan']);
	});

	it('tells observers which lessons changed, and null for a roster change', () => {
		const doc = serverTimetable();
		const seen: Array<string[] | null> = [];
		const stop = observeTimetable(doc, (keys) => seen.push(keys ? [...keys] : null));
		writeLessons(doc, [{ classCode: '6a2', slot: '4-chieu-1', lesson: { subject: 'ngu-van', teacher: 'gv-minh', room: null } }], stamp());
		doc.getMap('rooms').set('nha-da-nang', { id: 'nha-da-nang', name: 'Nhà đa năng' });
		stop();
		expect(seen).toEqual([['6a2|4-chieu-1'], null]);
	});
});

describe('timetable schema (sync-server SPEC V14–V18)', () => {
	it('accepts what the editor writes: a lesson, a change of teacher and room, a cleared slot', () => {
		const server = serverTimetable();
		const replica = replicaOf(server);
		const send = (change: (r: Y.Doc) => void) => verdict(server, updateFrom(server, change, replica));
		expect(send((r) => writeLessons(r, [{ classCode: '6a1', slot: '2-sang-1', lesson: { subject: 'chao-co', teacher: null, room: null } }], stamp()))).toBeNull();
		expect(send((r) => writeLessons(r, [{ classCode: '6a1', slot: '3-sang-1', lesson: { subject: 'tin-hoc', teacher: 'gv-hoa', room: 'phong-may' } }], stamp()))).toBeNull();
		expect(send((r) => writeLessons(r, [{ classCode: '6a1', slot: '3-sang-1', lesson: { subject: 'tin-hoc', teacher: 'gv-lan', room: null } }], stamp()))).toBeNull();
		expect(send((r) => writeLessons(r, [{ classCode: '6a1', slot: '3-sang-1', lesson: null }], stamp()))).toBeNull();
		const read = readTimetable(server);
		expect(read.ok && read.lessons.get('6a1|3-sang-1')?.subject).toBeNull();
	});

	it('V14: a document without a usable header takes no client write', () => {
		const empty = new Y.Doc();
		expect(verdict(empty, setRaw(empty, '6a1|2-sang-1', raw()))).toBe('V14');
		const newer = serverTimetable();
		newer.getMap('meta').set('schemaVersion', TIMETABLE_SCHEMA_VERSION + 1);
		expect(verdict(newer, setRaw(newer, '6a1|2-sang-1', raw()))).toBe('V14');
	});

	it('V15: meta, classes, teachers, rooms and subjects are the server\'s; unknown roots are refused', () => {
		const server = serverTimetable();
		expect(verdict(server, updateFrom(server, (r) => r.getMap('meta').set('effectiveFrom', '2020-01-01')))).toBe('V15');
		expect(verdict(server, updateFrom(server, (r) => r.getMap('teachers').set('gv-x', { id: 'gv-x', name: 'X', subjects: [], weeklyNorm: null })))).toBe('V15');
		expect(verdict(server, updateFrom(server, (r) => r.getMap('rooms').delete('phong-may')))).toBe('V15');
		expect(verdict(server, updateFrom(server, (r) => r.getMap('subjects').set('hoa-hoc', { code: 'hoa-hoc', name: 'Hóa', shortName: 'Hóa' })))).toBe('V15');
		expect(verdict(server, updateFrom(server, (r) => r.getMap('classes').delete('6a2')))).toBe('V15');
		expect(verdict(server, updateFrom(server, (r) => r.getMap('notes').set('a', 1)))).toBe('V15');
	});

	it('V16: only known classes and slots inside the grid', () => {
		const server = serverTimetable();
		expect(verdict(server, setRaw(server, '9a9|2-sang-1', raw()))).toBe('V16');
		expect(verdict(server, setRaw(server, '6a1|2-sang-6', raw()))).toBe('V16');
		expect(verdict(server, setRaw(server, '6a1|8-sang-1', raw()))).toBe('V16');
		expect(verdict(server, setRaw(server, '6a1', raw()))).toBe('V16');
		expect(verdict(server, updateFrom(server, (r) => r.getArray('lessons').push([raw()])))).not.toBeNull();
	});

	it('V17: well-formed entries naming known subjects, teachers and rooms', () => {
		const server = serverTimetable();
		const key = '6a1|2-sang-1';
		expect(verdict(server, setRaw(server, key, raw({ subject: 'hoa-hoc' })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ teacher: 'gv-ghost' })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ room: 'ho-boi' })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ subject: 7 })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ subject: null, teacher: 'gv-lan' })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, { ...raw(), salary: 1 }))).toBe('V17');
		expect(verdict(server, setRaw(server, key, 'toan'))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ by: LAN.personId, byName: LAN.name })))).toBe('V6');
		expect(verdict(server, setRaw(server, key, raw({ at: 1e20 })))).toBe('V7');
		expect(server.getMap('lessons').size).toBe(0);
	});

	it('V17: chào cờ and sinh hoạt lớp may be marked fixed, nothing else; entries without the mark stay legal', () => {
		const server = serverTimetable();
		const key = '6a1|2-sang-1';
		expect(verdict(server, setRaw(server, key, raw({ subject: 'toan', fixed: true })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ subject: 'chao-co', teacher: null, fixed: false })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ subject: 'chao-co', teacher: null, fixed: 'yes' })))).toBe('V17');
		expect(verdict(server, setRaw(server, key, raw({ subject: null, teacher: null, fixed: true })))).toBe('V17');
		expect(server.getMap('lessons').size).toBe(0);
		expect(verdict(server, setRaw(server, key, raw({ subject: 'chao-co', teacher: null, fixed: true })))).toBeNull();
		expect(verdict(server, setRaw(server, '6a1|7-sang-5', raw({ subject: 'sinh-hoat-lop', teacher: 'gv-minh', fixed: true })))).toBeNull();
		expect(verdict(server, setRaw(server, '6a1|2-sang-2', raw()))).toBeNull();
		const read = readTimetable(server);
		expect(read.ok && [read.lessons.get(key)?.fixed, read.lessons.get('6a1|2-sang-2')?.fixed]).toEqual([true, undefined]);
	});

	it('V18: a lesson is cleared by an overwrite, never deleted', () => {
		const server = serverTimetable();
		const replica = replicaOf(server);
		expect(verdict(server, updateFrom(server, (r) => writeLessons(r, [{ classCode: '6a1', slot: '2-sang-2', lesson: { subject: 'toan', teacher: 'gv-lan', room: null } }], stamp()), replica))).toBeNull();
		expect(verdict(server, updateFrom(server, (r) => r.getMap('lessons').delete('6a1|2-sang-2'), replica))).toBe('V18');
		expect(readTimetable(server).ok && server.getMap('lessons').has('6a1|2-sang-2')).toBe(true);
	});
});
