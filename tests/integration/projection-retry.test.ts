/**
 * A projection that fails for a reason other than a lost connection (sync-server SPEC D3), on
 * PGlite and PostgreSQL, through the composed app and a real socket: the audit table is renamed
 * away, so the projection's statement fails the same way each time. The task is retried a few
 * times, given up (the backlog empties, nothing is left blocking the document), and the next
 * update's projection brings grade_entries and grade_audit back in line with the document.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { writeCell } from '../../src/lib/ydoc/gradebook';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced, type SyncClient } from './helpers/sync-clients';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/9a1/khtn';

describe.each(['pglite', 'postgres'] as const)('a projection that keeps failing on %s', (backend) => {
	let running: RunningApp;
	let client: SyncClient;
	let teacher: { id: string; name: string };
	let studentId: string;

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-projection-retry-');
		const db = running.app.services.db;
		const [assignment] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, '9a1'), eq(t.teachingAssignments.subjectCode, 'khtn')));
		teacher = assignment!;
		const [enrolled] = await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, '9a1'));
		studentId = enrolled!.studentId;
		client = running.connect(DOCUMENT, teacher, 'write');
		await whenSynced(client);
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	const stamp = () => ({ actor: teacher, at: Date.now(), offline: false });
	const entry = async (columnKey: string) =>
		(
			await running.app.services.db
				.select({ value: t.gradeEntries.value })
				.from(t.gradeEntries)
				.where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, studentId), eq(t.gradeEntries.columnKey, columnKey)))
		)[0]?.value;
	const backlog = async () => (await running.app.services.health()).body.projectionBacklog;

	// sync-server SPEC D3
	it('is given up after a few attempts, and the next update catches the projection up', async () => {
		const db = running.app.services.db;
		await db.execute(sql`alter table grade_audit rename to grade_audit_away`);
		try {
			writeCell(client.doc, studentId, 'tx1', 35, stamp());
			await expect.poll(backlog, { timeout: 10_000 }).toBeGreaterThan(0);
			// Given up: nothing is left waiting, and nothing was written.
			await expect.poll(backlog, { timeout: 10_000 }).toBe(0);
			expect(await entry('tx1')).not.toBe('3.5');
		} finally {
			await db.execute(sql`alter table grade_audit_away rename to grade_audit`);
		}
		writeCell(client.doc, studentId, 'tx2', 45, stamp());
		await expect.poll(() => entry('tx2'), { timeout: 10_000 }).toBe('4.5');
		expect(await entry('tx1')).toBe('3.5');
		const audit = await db
			.select()
			.from(t.gradeAudit)
			.where(and(eq(t.gradeAudit.document, DOCUMENT), eq(t.gradeAudit.studentId, studentId)))
			.orderBy(asc(t.gradeAudit.id));
		expect(audit.map((row) => [row.columnKey, row.newValue, row.personId])).toEqual([
			['tx1', '3.5', teacher.id],
			['tx2', '4.5', teacher.id]
		]);
	});
});
