/**
 * A student who leaves keeps their marks and history, read-only (issue 14; sync-server SPEC V19,
 * exchange SPEC CX9), against the composed app on PostgreSQL and PGlite: once the student's
 * enrolment is in a leaving state and the app has told the sync server (what confirming a CSDL
 * ngành import does), a write to that student's marks or comment is refused — from a connection
 * opened before the change and from one opened after — and changes nothing: the document, the
 * projected marks and the audit stay as they were, and the class summary still shows the student
 * with the same marks. The other students' marks are still written.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { classInfo, loadClassSummary } from '../../src/lib/server/homeroom/class-summary-data';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { applyEdits, writeCell } from '../../src/lib/ydoc/gradebook';
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
});
