/**
 * A student who leaves keeps their marks and history, read-only (issue 14; sync-server SPEC V19,
 * exchange SPEC CX9), against the composed app on PostgreSQL and PGlite: once the student's
 * enrolment is in a leaving state and the app has told the sync server (what confirming a CSDL
 * ngành import does), the clients with the book open are told who left, and a write to that
 * student's marks or comment is refused — from a connection
 * opened before the change and from one opened after — and changes nothing: the document, the
 * projected marks and the audit stay as they were, and the class summary still shows the student
 * with the same marks. The other students' marks are still written.
 *
 * And the other way (roster RI15): a student who joins the class gets a row in the class's
 * existing gradebooks and homeroom record, written by the server into the open book a teacher
 * sees, persisted, and writable; nobody's row is removed; writing the same roster again writes
 * nothing.
 */
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { classInfo, loadClassSummary } from '../../src/lib/server/homeroom/class-summary-data';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { applyEdits, readGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { writeHomeroom } from '../../src/lib/ydoc/homeroom';
import { provisionClassDocuments } from '../../src/lib/server/roster/class-documents';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { openRawWriter, type RawWriter } from './helpers/raw-writer';
import { waitUntil, whenSynced } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const CLASS = '9a1';
const DOCUMENT = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: CLASS, subject: 'toan' });

describe.each(['postgres', 'pglite'] as const)('a student who left is read-only on %s', (backend) => {
	let running: RunningApp;
	let teacher: { id: string; name: string };
	let roster: string[];
	const writers: RawWriter[] = [];

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-left-student-');
		const db = running.app.services.db;
		const [assigned] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, CLASS), eq(t.teachingAssignments.subjectCode, 'toan')));
		teacher = assigned!;
		roster = (await db.select().from(t.enrolments).where(and(eq(t.enrolments.schoolId, SCHOOL), eq(t.enrolments.classCode, CLASS)))).map((e) => e.studentId).sort();
	}, 180_000);

	afterAll(async () => {
		for (const writer of writers) writer.close();
		await running?.stop();
	});

	const db = () => running.app.services.db;
	const rawWriter = async () => {
		const writer = await openRawWriter(running.syncUrl, DOCUMENT, teacher.id, 'write', running.ticket(DOCUMENT, teacher, 'write'));
		writers.push(writer);
		return writer;
	};
	const settled = async () => {
		await running.app.syncServer.flush();
		await expect.poll(async () => (await running.app.services.health()).body.projectionBacklog, { timeout: 10_000 }).toBe(0);
	};
	const entriesOf = async (studentId: string) =>
		(await db().select().from(t.gradeEntries).where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, studentId)))).map((r) => `${r.columnKey}=${r.value}`).sort();
	const auditRows = async () => (await db().select({ n: count() }).from(t.gradeAudit).where(eq(t.gradeAudit.document, DOCUMENT)))[0]!.n;
	const summaryOf = async (studentId: string) => {
		const summary = await loadClassSummary(db(), (await classInfo(db(), SCHOOL, YEAR, CLASS))!, 'hk1');
		return summary.students.find((s) => s.student.id === studentId);
	};

	it('V19 CX9 writes to a left student’s marks and comment are refused from open and new connections and change nothing; the class summary keeps the marks', async () => {
		await settled();
		const leaver = roster[0]!;
		const stays = roster[1]!;
		const marksBefore = await entriesOf(leaver);
		expect(marksBefore.length).toBeGreaterThan(0);
		const summaryBefore = await summaryOf(leaver);
		expect(summaryBefore).toBeDefined();

		// Opened while the student is still enrolled.
		const early = await rawWriter();
		await waitUntil(() => early.replica.getMap('students').size > 0, 'roster received');

		// The confirmed import's effect: the state on the enrolment, then the sync server told.
		await db().update(t.enrolments).set({ status: 'chuyen-di', statusDate: '2026-11-20' }).where(and(eq(t.enrolments.studentId, leaver), eq(t.enrolments.year, YEAR)));
		await running.app.services.sync.refreshClassStudents!(SCHOOL, YEAR);
		const auditBefore = await auditRows();
		// The open connection is told who has left, so its page greys the row without a reload.
		await waitUntil(() => early.leftStudents.length > 0, 'the left students sent');
		expect(early.leftStudents).toEqual([{ [leaver]: 'Đã chuyển đi 20/11/2026' }]);
		// Told again only when the list changes.
		await running.app.services.sync.refreshClassStudents!(SCHOOL, YEAR);
		expect(early.leftStudents).toHaveLength(1);

		const stamp = () => ({ actor: teacher, at: Date.now(), offline: false });
		early.sendUpdate(early.craft((doc) => applyEdits(doc, [{ kind: 'mark', studentId: leaver, columnKey: 'tx1', value: 10 }], stamp())));
		await waitUntil(() => early.closeCode !== null, 'the open connection is closed');
		expect(early.closeCode).toBe(CloseCode.refusedUpdate);
		expect(early.refusals.map((r) => r.rule)).toEqual(['V19']);

		const late = await rawWriter();
		await waitUntil(() => late.replica.getMap('students').size > 0, 'roster received');
		late.sendUpdate(late.craft((doc) => applyEdits(doc, [{ kind: 'comment', studentId: leaver, text: 'Sửa sau khi chuyển đi' }], stamp())));
		await waitUntil(() => late.closeCode !== null, 'the new connection is closed');
		expect(late.refusals.map((r) => r.rule)).toEqual(['V19']);

		// Another student of the class is still written, projected and audited.
		const client = running.connect(DOCUMENT, teacher, 'write');
		await whenSynced(client);
		writeCell(client.doc, stays, 'tx2', 85, stamp());
		await expect.poll(async () => (await entriesOf(stays)).includes('tx2=8.5'), { timeout: 10_000 }).toBe(true);
		client.destroy();
		await settled();

		expect(await entriesOf(leaver)).toEqual(marksBefore);
		expect(await auditRows()).toBe(auditBefore + 1);
		const summaryAfter = await summaryOf(leaver);
		expect(summaryAfter?.subjects).toEqual(summaryBefore?.subjects);
	}, 300_000);

	it('V19 the homeroom record of a student who left is read-only too: told at connect, a write to their conduct refused, another student’s accepted', async () => {
		const leaver = roster[0]!;
		const homeroom = formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term: 'hk1', classCode: CLASS });
		const [homeroomTeacher] = await db()
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.homeroomAssignments)
			.innerJoin(t.people, eq(t.people.id, t.homeroomAssignments.personId))
			.where(and(eq(t.homeroomAssignments.classCode, CLASS), eq(t.homeroomAssignments.year, YEAR)));
		const open = async () => {
			const writer = await openRawWriter(running.syncUrl, homeroom, homeroomTeacher!.id, 'write', running.ticket(homeroom, homeroomTeacher!, 'write'));
			writers.push(writer);
			await waitUntil(() => writer.replica.getMap('students').size > 0, 'roster received');
			return writer;
		};
		const stamp = () => ({ actor: homeroomTeacher!, at: Date.now(), offline: false });
		const first = await open();
		expect(first.leftStudents).toEqual([{ [leaver]: 'Đã chuyển đi 20/11/2026' }]);
		first.sendUpdate(first.craft((doc) => writeHomeroom(doc, [{ studentId: leaver, patch: { conduct: 'Tốt' } }], stamp())));
		await waitUntil(() => first.closeCode !== null, 'the connection is closed');
		expect(first.refusals.map((r) => r.rule)).toEqual(['V19']);
		const second = await open();
		second.sendUpdate(second.craft((doc) => writeHomeroom(doc, [{ studentId: roster[1]!, patch: { conduct: 'Khá' } }], stamp())));
		await expect.poll(async () => (await db().select().from(t.homeroomEntries).where(and(eq(t.homeroomEntries.document, homeroom), eq(t.homeroomEntries.studentId, roster[1]!)))).map((r) => r.conduct), { timeout: 10_000 }).toEqual(['Khá']);
		expect(second.closeCode).toBeNull();
	}, 120_000);

	it('RI15 a student who joins gets a row in the open gradebook and the homeroom record, writable; nobody is removed; the same roster again writes nothing', async () => {
		await settled();
		const homeroom = formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term: 'hk2', classCode: CLASS });
		const client = running.connect(DOCUMENT, teacher, 'write');
		await whenSynced(client);
		const before = client.doc.getMap('students').size;

		// The import's effect in SQL: a new person, student and enrolment in the class.
		await db().insert(t.people).values({ id: 'person-joined-9a1', fullName: 'Trịnh Gia Hân', birthDate: '2011-03-04', gender: 'female' });
		await db().insert(t.students).values({ id: 'student-joined-9a1', personId: 'person-joined-9a1', schoolId: SCHOOL, moetCode: '7999000001' });
		await db().insert(t.enrolments).values({ studentId: 'student-joined-9a1', schoolId: SCHOOL, year: YEAR, classCode: CLASS });
		const documents = await provisionClassDocuments(db(), running.app.services.sync, SCHOOL, YEAR, [CLASS]);
		expect(documents.updated).toBeGreaterThan(2);
		expect(documents.created).toBe(0);

		await waitUntil(() => client.doc.getMap('students').has('student-joined-9a1'), 'the open book shows the new row');
		const read = readGradebook(client.doc);
		expect(read.ok && read.roster.find((r) => r.id === 'student-joined-9a1')).toEqual({ id: 'student-joined-9a1', name: 'Trịnh Gia Hân', code: '7999000001' });
		// The student who left earlier keeps the row.
		expect(client.doc.getMap('students').size).toBe(before + 1);
		expect(client.doc.getMap('students').has(roster[0]!)).toBe(true);

		// The homeroom record has the row too (read through the sync server, which loads it from storage).
		let inHomeroom = false;
		await running.app.services.sync.change(homeroom, (doc) => (inHomeroom = doc.getMap('students').has('student-joined-9a1')));
		expect(inHomeroom).toBe(true);

		// The new row takes marks like any other.
		writeCell(client.doc, 'student-joined-9a1', 'tx1', 90, { actor: teacher, at: Date.now(), offline: false });
		await expect.poll(async () => (await entriesOf('student-joined-9a1')).includes('tx1=9.0'), { timeout: 10_000 }).toBe(true);
		client.destroy();
		await settled();

		// Nothing changed since: writing the same roster stores no update.
		const stored = async () => (await db().select({ n: count() }).from(t.yjsUpdates).where(like(t.yjsUpdates.document, `%/${CLASS}%`)))[0]!.n;
		const updatesBefore = await stored();
		await provisionClassDocuments(db(), running.app.services.sync, SCHOOL, YEAR, [CLASS]);
		await settled();
		expect(await stored()).toBe(updatesBefore);
	}, 300_000);

	it('V19 a student moved to another class keeps their marks in the old class’s books, read-only, labelled with the new class', async () => {
		const moved = roster[2]!;
		const writer = await rawWriter();
		await waitUntil(() => writer.replica.getMap('students').size > 0, 'roster received');
		const [other] = await db().select().from(t.classes).where(and(eq(t.classes.schoolId, SCHOOL), eq(t.classes.year, YEAR), eq(t.classes.code, '9a2')));
		await db().update(t.enrolments).set({ classCode: '9a2' }).where(and(eq(t.enrolments.studentId, moved), eq(t.enrolments.year, YEAR)));
		await running.app.services.sync.refreshClassStudents!(SCHOOL, YEAR);
		// Told at connect (the student who left), then again with the move.
		await waitUntil(() => writer.leftStudents.length > 1, 'the read-only rows sent again');
		expect(writer.leftStudents[0]).toEqual({ [roster[0]!]: 'Đã chuyển đi 20/11/2026' });
		expect(writer.leftStudents.at(-1)).toEqual({ [roster[0]!]: 'Đã chuyển đi 20/11/2026', [moved]: `Đã chuyển sang lớp ${other!.name}` });
		const stamp = { actor: teacher, at: Date.now(), offline: false };
		writer.sendUpdate(writer.craft((doc) => applyEdits(doc, [{ kind: 'mark', studentId: moved, columnKey: 'tx1', value: 55 }], stamp)));
		await waitUntil(() => writer.closeCode !== null, 'the connection is closed');
		expect(writer.refusals.map((r) => r.rule)).toEqual(['V19']);
	}, 120_000);
});
