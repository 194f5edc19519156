/**
 * Timetable versions and the timetable document's validation against the composed app on
 * PostgreSQL (timetable SPEC TT1–TT4, sync-server SPEC V14–V18): the demo's version 1 is listed,
 * a copy applies from a later date and leaves version 1 as it was, and a scheduler's raw
 * connection with a real write ticket has each bad update refused (4422, the rule named, nothing
 * stored) while a teacher's read-only connection cannot write at all.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { copyVersion, createFirstVersion, listVersions, timetableName, timetableSchoolOf, VersionError } from '../../src/lib/server/timetable/versions';
import { loadGrants } from '../../src/lib/server/grants';
import { loadStoredDocument } from '../../src/lib/server/integrity/reconcile';
import { readTimetable, writeLessons } from '../../src/lib/ydoc/timetable';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { openRawWriter, type RawWriter } from './helpers/raw-writer';
import { waitUntil } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const V1 = timetableName(SCHOOL, YEAR, 'v1');
type Person = { id: string; name: string };

describe('timetables against the composed app on postgres', () => {
	let running: RunningApp;
	let scheduler: Person;
	let teacher: Person;
	const writers: RawWriter[] = [];

	const as = (p: Person) => ({ personId: p.id, name: p.name });

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-timetable-');
		const db = running.app.services.db;
		const person = { id: t.people.id, name: t.people.fullName };
		const staff = async (role: 'vice_principal' | 'teacher') => db.select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(eq(t.staffRoles.role, role));
		scheduler = (await staff('vice_principal'))[0]!;
		const leaders = new Set([(await staff('vice_principal')).map((p) => p.id), (await db.select({ id: t.staffRoles.personId }).from(t.staffRoles).where(eq(t.staffRoles.role, 'principal'))).map((p) => p.id)].flat());
		teacher = (await staff('teacher')).find((p) => !leaders.has(p.id))!;
	}, 180_000);

	afterAll(async () => {
		for (const writer of writers) writer.close();
		await running?.stop();
	});

	const stored = async (name: string) => {
		const doc = await loadStoredDocument(running.app.services.db, name);
		const read = readTimetable(doc);
		if (!read.ok) throw new Error(`unreadable ${name}: ${read.reason}`);
		return read;
	};
	const filled = (read: Awaited<ReturnType<typeof stored>>) => [...read.lessons].filter(([, l]) => l.subject !== null).map(([k, l]) => [k, l.subject, l.teacher]);
	const raw = async (person: Person, access: 'read' | 'write', name = V1) => {
		const writer = await openRawWriter(running.syncUrl, name, person.id, access, running.ticket(name, person, access));
		writers.push(writer);
		return writer;
	};

	it('TT1: the vice-principal who schedules writes the school\'s timetables, a teacher reads them', async () => {
		const db = running.app.services.db;
		expect(await timetableSchoolOf(db, await loadGrants(db, scheduler.id))).toEqual({ school: SCHOOL, year: YEAR, access: 'write' });
		expect(await timetableSchoolOf(db, await loadGrants(db, teacher.id))).toEqual({ school: SCHOOL, year: YEAR, access: 'read' });
	});

	it('TT2–TT4: the demo has version 1 filled; a copy applies from a later date, version 1 stays as it was', async () => {
		const { db, sync } = running.app.services;
		const [v1] = await listVersions(db, SCHOOL, YEAR);
		expect(v1).toMatchObject({ version: 'v1', number: 1, label: 'Thời khóa biểu số 1', effectiveFrom: '2025-09-08', copiedFrom: null });
		const before = await stored(V1);
		expect(before.roster.classes).toHaveLength(12);
		// A filled week: every class has about 29 lessons, chào cờ first on Monday.
		expect(filled(before).length).toBeGreaterThan(12 * 25);
		expect(before.lessons.get('8a1|2-sang-1')?.subject).toBe('chao-co');

		await expect(createFirstVersion(db, sync, SCHOOL, YEAR, '2025-09-08', as(scheduler))).rejects.toThrow(VersionError);
		await expect(copyVersion(db, sync, SCHOOL, YEAR, 'v1', '2025-09-01', as(scheduler))).rejects.toThrow(/phải sau ngày áp dụng/);
		await expect(copyVersion(db, sync, SCHOOL, YEAR, 'v7', '2026-01-19', as(scheduler))).rejects.toThrow(VersionError);

		const name = await copyVersion(db, sync, SCHOOL, YEAR, 'v1', '2026-01-19', { personId: scheduler.id, name: scheduler.name });
		expect(name).toBe(timetableName(SCHOOL, YEAR, 'v2'));
		const copy = await stored(name);
		expect(copy.meta).toMatchObject({ version: 'v2', label: 'Thời khóa biểu số 2', effectiveFrom: '2026-01-19', copiedFrom: 'v1' });
		expect(filled(copy)).toEqual(filled(before));
		expect((await listVersions(db, SCHOOL, YEAR)).map((v) => [v.version, v.effectiveFrom])).toEqual([
			['v1', '2025-09-08'],
			['v2', '2026-01-19']
		]);
		const [row] = await db.select().from(t.yjsDocuments).where(and(eq(t.yjsDocuments.name, name)));
		expect(row).toMatchObject({ kind: 'timetable', school: SCHOOL, year: YEAR });

		// Editing the copy leaves version 1 alone.
		const writer = await raw(scheduler, 'write', name);
		writer.sendUpdate(writer.craft((doc) => writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-2', lesson: { subject: 'toan', teacher: null, room: null } }], { actor: scheduler, at: Date.now() })));
		await running.app.syncServer.flush();
		await expect.poll(async () => (await stored(name)).lessons.get('6a1|2-sang-2')?.subject, { timeout: 10_000 }).toBe('toan');
		expect(writer.closeCode).toBeNull();
		expect((await stored(V1)).lessons.get('6a1|2-sang-2')).toBeUndefined();
	});

	it('TT2, TK43: each class carries its homeroom teacher from homeroom_assignments, a teacher of the roster; the demo\'s chào cờ and sinh hoạt lớp are fixed', async () => {
		const db = running.app.services.db;
		const rows = await db.select().from(t.homeroomAssignments).where(and(eq(t.homeroomAssignments.schoolId, SCHOOL), eq(t.homeroomAssignments.year, YEAR)));
		expect(rows.length).toBeGreaterThan(0);
		const read = await stored(V1);
		const teachers = new Set(read.roster.teachers.map((x) => x.id));
		for (const klass of read.roster.classes) {
			const expected = rows.find((r) => r.classCode === klass.code)?.personId ?? null;
			expect(klass.homeroom, klass.code).toBe(expected);
			if (expected) expect(teachers.has(expected), klass.code).toBe(true);
		}
		const meeting = [...read.lessons].find(([key, l]) => key.startsWith('8a1|') && l.subject === 'sinh-hoat-lop')![1];
		expect(meeting).toMatchObject({ teacher: read.roster.classes.find((c) => c.code === '8a1')!.homeroom, fixed: true });
		expect(read.lessons.get('8a1|2-sang-1')).toMatchObject({ subject: 'chao-co', fixed: true });
	});

	it('V15–V17, V6: a scheduler\'s bad updates are refused whole with 4422; a good one is stored', async () => {
		const attacks: Array<{ name: string; rule: string; change: Parameters<RawWriter['craft']>[0] }> = [
			{ name: 'rewrites the header', rule: 'V15', change: (doc) => doc.getMap('meta').set('effectiveFrom', '2020-01-01') },
			{ name: 'adds a teacher', rule: 'V15', change: (doc) => doc.getMap('teachers').set('x', { id: 'x', name: 'X', subjects: [], weeklyNorm: null }) },
			{ name: 'a class that does not exist', rule: 'V16', change: (doc) => doc.getMap('lessons').set('9a9|2-sang-2', { subject: 'toan', teacher: null, room: null, by: scheduler.id, byName: scheduler.name, at: Date.now() }) },
			{ name: 'a slot outside the grid', rule: 'V16', change: (doc) => doc.getMap('lessons').set('6a1|2-sang-9', { subject: 'toan', teacher: null, room: null, by: scheduler.id, byName: scheduler.name, at: Date.now() }) },
			{ name: 'a fixed programme subject', rule: 'V17', change: (doc) => doc.getMap('lessons').set('6a1|2-sang-2', { subject: 'toan', teacher: null, room: null, fixed: true, by: scheduler.id, byName: scheduler.name, at: Date.now() }) },
			{ name: 'an unknown subject', rule: 'V17', change: (doc) => doc.getMap('lessons').set('6a1|2-sang-2', { subject: '=1+2', teacher: null, room: null, by: scheduler.id, byName: scheduler.name, at: Date.now() }) },
			{ name: 'a forged author', rule: 'V6', change: (doc) => doc.getMap('lessons').set('6a1|2-sang-2', { subject: 'toan', teacher: null, room: null, by: teacher.id, byName: teacher.name, at: Date.now() }) }
		];
		for (const attack of attacks) {
			const writer = await raw(scheduler, 'write');
			writer.sendUpdate(writer.craft(attack.change));
			await waitUntil(() => writer.closeCode !== null, `${attack.name}: closed`);
			expect(writer.closeCode, attack.name).toBe(CloseCode.refusedUpdate);
			expect(writer.refusals.map((r) => r.rule), attack.name).toEqual([attack.rule]);
		}
		await running.app.syncServer.flush();
		const after = await stored(V1);
		expect(after.meta.effectiveFrom).toBe('2025-09-08');
		expect(after.roster.teachers.some((t) => t.id === 'x')).toBe(false);
		expect(after.lessons.has('9a9|2-sang-2')).toBe(false);
		expect(after.lessons.get('6a1|2-sang-2')).toBeUndefined();

		// A fixed activity, as "Xếp tiết cố định" writes it, is stored with its mark.
		const writer = await raw(scheduler, 'write');
		writer.sendUpdate(writer.craft((doc) => writeLessons(doc, [{ classCode: '6a1', slot: '2-sang-1', lesson: { subject: 'chao-co', teacher: null, room: null, fixed: true } }], { actor: scheduler, at: Date.now() })));
		await running.app.syncServer.flush();
		await expect.poll(async () => (await stored(V1)).lessons.get('6a1|2-sang-1')?.fixed, { timeout: 10_000 }).toBe(true);
		expect(writer.closeCode).toBeNull();
	});

	it('a teacher\'s read-only connection cannot write the timetable', async () => {
		const reader = await raw(teacher, 'read');
		reader.sendUpdate(reader.craft((doc) => writeLessons(doc, [{ classCode: '6a1', slot: '3-sang-3', lesson: { subject: 'toan', teacher: null, room: null } }], { actor: teacher, at: Date.now() })));
		// A scheduler's connection opened after it sees no such lesson, and neither does the database.
		await running.app.syncServer.flush();
		const check = await raw(scheduler, 'read');
		expect(check.replica.getMap('lessons').get('6a1|3-sang-3')).toBeUndefined();
		expect((await stored(V1)).lessons.get('6a1|3-sang-3')).toBeUndefined();
		// And the server never minted him a write ticket: the policy says read.
		const grants = await loadGrants(running.app.services.db, teacher.id);
		expect((await timetableSchoolOf(running.app.services.db, grants))?.access).toBe('read');
	});
});
