/**
 * Accountability (issue #4 §3), end to end through the real sync server and database:
 * every mark change is audited with the authenticated person; a term lock downgrades live
 * writers at once; edits that arrive after the lock become a correction request that the
 * principal approves (marks written and audited) or rejects (reason kept).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { correctionRequestsOf, decideCorrection, pendingCorrectionCells } from '../../src/lib/server/grades/corrections';
import { isClassLocked, lockTerm } from '../../src/lib/server/grades/term-locks';
import { projectedDocuments, reconcileProjections } from '../../src/lib/server/integrity/reconcile';
import { cellKey, readGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';

const DOCUMENT = 'gradebook/thcs-nvb/2025-2026/hk1/9a1/khtn';
const TERM = { school: 'thcs-nvb', year: '2025-2026', term: 'hk1' as const };

describe.each(['postgres', 'pglite'] as const)('grade audit, term lock and corrections on %s', (backend) => {
	let running: RunningApp;
	let app: RunningApp['app'];
	const clients: SyncClient[] = [];
	let teacher: { id: string; name: string };
	let principal: { id: string; name: string };
	let studentId: string;
	/** What the demo seed recorded in the cells these tests edit (the demo school has term I marks). */
	const seeded: { tx1: string | null; gk: string | null } = { tx1: null, gk: null };

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-audit-');
		app = running.app;
		const db = app.services.db;
		const [assignment] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, '9a1'), eq(t.teachingAssignments.subjectCode, 'khtn')));
		teacher = assignment!;
		const [leader] = await db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.staffRoles)
			.innerJoin(t.people, eq(t.people.id, t.staffRoles.personId))
			.where(eq(t.staffRoles.role, 'principal'));
		principal = leader!;
		const [enrolled] = await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, '9a1'));
		studentId = enrolled!.studentId;
		for (const column of ['tx1', 'gk'] as const) {
			const [row] = await db
				.select()
				.from(t.gradeEntries)
				.where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, studentId), eq(t.gradeEntries.columnKey, column)));
			seeded[column] = row?.value ?? null;
		}
		// The edits below must change these cells, or there would be nothing to audit.
		expect(seeded.tx1).not.toBe('7.5');
		expect(seeded.gk).not.toBe('6.0');
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	function connect(person: { id: string; name: string }, access: 'read' | 'write'): SyncClient {
		const client = running.connect(DOCUMENT, person, access);
		clients.push(client);
		return client;
	}

	const stamp = () => ({ actor: teacher, at: Date.now(), offline: false });
	const entry = async () =>
		(
			await app.services.db
				.select()
				.from(t.gradeEntries)
				.where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, studentId), eq(t.gradeEntries.columnKey, 'tx1')))
		)[0]?.value;
	const audit = () => app.services.db.select().from(t.gradeAudit).where(eq(t.gradeAudit.document, DOCUMENT)).orderBy(t.gradeAudit.id);

	it('audits every mark change with the authenticated person, old → new', async () => {
		const client = connect(teacher, 'write');
		await whenSynced(client);
		writeCell(client.doc, studentId, 'tx1', 75, stamp());
		await expect.poll(entry, { timeout: 10_000 }).toBe('7.5');
		writeCell(client.doc, studentId, 'tx1', 80, { ...stamp(), offline: true });
		await expect.poll(entry, { timeout: 10_000 }).toBe('8.0');
		const rows = await audit();
		expect(rows.map((r) => [r.studentId, r.columnKey, r.oldValue, r.newValue, r.personId, r.offline])).toEqual([
			[studentId, 'tx1', seeded.tx1, '7.5', teacher.id, false],
			[studentId, 'tx1', '7.5', '8.0', teacher.id, true]
		]);
		expect(rows[0]!.personName).toBe(teacher.name);
	});

	it('a term lock downgrades the live writer at once, and caps a stale write ticket', async () => {
		const live = clients[0]!;
		await lockTerm(app.services.db, app.syncServer, TERM, { scope: 'class', classCode: '9a1' }, principal.id);
		await waitUntil(() => live.accessMessages.at(-1) === 'read', 'the live teacher is downgraded');
		expect(await isClassLocked(app.services.db, { ...TERM, classCode: '9a1' })).toBe(true);
		expect(await isClassLocked(app.services.db, { ...TERM, classCode: '9a2' })).toBe(false);
		const stale = connect(teacher, 'write');
		await whenSynced(stale);
		expect(stale.accessMessages.at(-1)).toBe('read');
	});

	it('edits that arrive after the lock become a correction request; nothing reaches the marks', async () => {
		const live = clients[0]!;
		writeCell(live.doc, studentId, 'tx1', 95, stamp());
		writeCell(live.doc, studentId, 'gk', 60, stamp());
		await expect
			.poll(async () => (await correctionRequestsOf(app.services.db, { documents: [DOCUMENT], status: 'pending' })).flatMap((r) => r.cells).length, {
				timeout: 10_000
			})
			.toBe(2);
		const [request] = await correctionRequestsOf(app.services.db, { documents: [DOCUMENT], status: 'pending' });
		expect(request).toMatchObject({ personId: teacher.id, personName: teacher.name });
		expect(request!.cells.map((c) => [c.columnKey, c.oldValue, c.newValue]).sort()).toEqual([
			['gk', seeded.gk, '6.0'],
			['tx1', '8.0', '9.5']
		]);
		expect(await entry()).toBe('8.0');
		// What the teacher's device marks as waiting (sync SPEC O5): theirs only.
		expect((await pendingCorrectionCells(app.services.db, DOCUMENT, teacher.id)).sort((a, b) => a.columnKey.localeCompare(b.columnKey))).toEqual([
			{ studentId, columnKey: 'gk', asked: '6.0' },
			{ studentId, columnKey: 'tx1', asked: '9.5' }
		]);
		expect(await pendingCorrectionCells(app.services.db, DOCUMENT, 'someone-else')).toEqual([]);
		expect(app.syncServer.stats().documents).toBeGreaterThan(0);
	});

	it('the principal approves: the marks are written, audited with the principal, and reach the teacher', async () => {
		const [request] = await correctionRequestsOf(app.services.db, { documents: [DOCUMENT], status: 'pending' });
		const by = { personId: principal.id, name: principal.name };
		expect(await decideCorrection(app.services.db, app.syncServer, { requestId: request!.id, approve: true, by, now: new Date() })).toEqual({ ok: true });
		await expect.poll(entry, { timeout: 10_000 }).toBe('9.5');
		const approved = (await audit()).slice(-2).map((r) => [r.columnKey, r.personId, r.oldValue, r.newValue]);
		expect(approved.sort()).toEqual([
			['gk', principal.id, seeded.gk, '6.0'],
			['tx1', principal.id, '8.0', '9.5']
		]);
		expect(await decideCorrection(app.services.db, app.syncServer, { requestId: request!.id, approve: false, reason: 'x', by, now: new Date() })).toEqual({
			ok: false,
			reason: 'already-decided'
		});
		const reader = connect(principal, 'read');
		await whenSynced(reader);
		// Read through the adapter: a mark's value comes from the document's edit log (ydoc/gradebook.ts).
		const read = readGradebook(reader.doc);
		expect(read.ok && read.cells.get(cellKey(studentId, 'tx1'))?.value).toBe(95);
	});

	it('a rejection needs a reason, which is kept for the teacher', async () => {
		const live = clients[0]!;
		writeCell(live.doc, studentId, 'ck', 40, stamp());
		await expect.poll(async () => (await correctionRequestsOf(app.services.db, { documents: [DOCUMENT], status: 'pending' })).length, { timeout: 10_000 }).toBe(1);
		const [request] = await correctionRequestsOf(app.services.db, { documents: [DOCUMENT], status: 'pending' });
		const by = { personId: principal.id, name: principal.name };
		expect(await decideCorrection(app.services.db, app.syncServer, { requestId: request!.id, approve: false, by, now: new Date() })).toEqual({
			ok: false,
			reason: 'reason-required'
		});
		expect(
			await decideCorrection(app.services.db, app.syncServer, { requestId: request!.id, approve: false, reason: 'Điểm kiểm tra cuối kì chưa chấm lại', by, now: new Date() })
		).toEqual({ ok: true });
		const [decided] = await correctionRequestsOf(app.services.db, { personId: teacher.id, status: 'rejected' });
		expect(decided?.reason).toBe('Điểm kiểm tra cuối kì chưa chấm lại');
		expect(decided?.cells.map((c) => c.newValue)).toEqual(['4.0']);
	});

	// Projections SPEC P6: after the whole session above, every projection agrees with its document.
	it('reconciliation finds no drift between the projections and the documents', async () => {
		const report = await reconcileProjections(app.services.db, await projectedDocuments(app.services.db, TERM.school), {
			settle: () => new Promise((resolve) => setTimeout(resolve, 300))
		});
		expect(report.documents).toBeGreaterThan(300);
		expect(report.drifted).toEqual([]);
		expect(report.problems).toBe(0);
	}, 180_000);
});
