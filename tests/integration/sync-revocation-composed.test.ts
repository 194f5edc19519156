/**
 * Revocation that revokes (sync-server SPEC R1, R4), through the app's composition root with the
 * demo school on PostgreSQL and PGlite, real WebSockets and tickets minted as the app mints them:
 * the defect as it was reported — a teacher disabled minutes earlier opens a socket with a ticket
 * minted before and writes a mark — and a revoked guardianship, which has no page yet and is
 * revoked here through the function its page will call.
 */
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { revokeGuardianship } from '../../src/lib/server/guardianship-revocation';
import { setDisabled } from '../../src/lib/server/staff';
import { recordConsent } from '../../src/lib/server/privacy/consent';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { writeCell } from '../../src/lib/ydoc/gradebook';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { connectClient, tryUpgrade, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
/** Co-taught by two teachers in the demo school: one is disabled, the other keeps writing. */
const DOCUMENT = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: '9a1', subject: 'khtn' });

type Person = { id: string; name: string };

describe.each(['postgres', 'pglite'] as const)('revocation through the composed app on %s', (backend) => {
	let running: RunningApp;
	const clients: SyncClient[] = [];

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-revocation-');
	}, 120_000);
	afterAll(async () => {
		for (const client of clients) client.destroy();
		await running?.stop();
	});

	const db = () => running.app.services.db;
	const track = (client: SyncClient) => (clients.push(client), client);
	const upgradeUrl = (document: string, ticket: string) => `${running.syncUrl}/${document}?ticket=${encodeURIComponent(ticket)}`;

	it('a teacher disabled after her ticket was minted cannot open a socket with it; a mark she tries is neither stored nor audited', async () => {
		const teachers: Person[] = await db()
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, '9a1'), eq(t.teachingAssignments.subjectCode, 'khtn')));
		expect(teachers).toHaveLength(2);
		const [leaving, staying] = teachers as [Person, Person];
		const [principal] = await db().select({ id: t.staffRoles.personId }).from(t.staffRoles).where(and(eq(t.staffRoles.organisationId, SCHOOL), eq(t.staffRoles.role, 'principal')));
		const [enrolled] = await db().select().from(t.enrolments).where(eq(t.enrolments.classCode, '9a1'));
		const student = enrolled!.studentId;
		const auditBy = async (personId: string) =>
			(await db().select().from(t.gradeAudit).where(and(eq(t.gradeAudit.document, DOCUMENT), eq(t.gradeAudit.personId, personId)))).length;
		const mark = async (column: string) =>
			(
				await db()
					.select({ value: t.gradeEntries.value })
					.from(t.gradeEntries)
					.where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, student), eq(t.gradeEntries.columnKey, column)))
			)[0]?.value ?? null;
		const seededGk = await mark('gk');
		expect(seededGk).not.toBe('6.0');
		const audited = { leaving: await auditBy(leaving.id), staying: await auditBy(staying.id) };

		const spare = running.ticket(DOCUMENT, leaving, 'write');
		const another = running.ticket(DOCUMENT, leaving, 'write');
		const live = track(running.connect(DOCUMENT, leaving, 'write'));
		const colleague = track(running.connect(DOCUMENT, staying, 'write'));
		await Promise.all([whenSynced(live), whenSynced(colleague)]);
		// The control: while she may, her marks are stored and audited under her name.
		writeCell(live.doc, student, 'tx1', 75, { actor: leaving, at: Date.now(), offline: false });
		await expect.poll(() => mark('tx1'), { timeout: 10_000 }).toBe('7.5');
		expect(await auditBy(leaving.id)).toBe(audited.leaving + 1);

		const result = await setDisabled(db(), running.app.syncServer, { schoolId: SCHOOL, personId: leaving.id, actorId: principal!.id, disabled: true, now: new Date() });
		expect(result.ok).toBe(true);
		await waitUntil(() => live.closeCodes.includes(CloseCode.forbidden), 'her live socket is closed as forbidden');

		expect(await tryUpgrade(upgradeUrl(DOCUMENT, spare))).toEqual({ opened: false, status: 403 });
		// As the reported device did: a stock client with a ticket from before and the gradebook on
		// the device (as IndexedDB keeps it), writing a mark at once.
		const onDevice = new Y.Doc();
		Y.applyUpdate(onDevice, Y.encodeStateAsUpdate(live.doc));
		const late = track(connectClient(running.syncUrl, DOCUMENT, another, onDevice));
		writeCell(late.doc, student, 'gk', 60, { actor: leaving, at: Date.now(), offline: false });
		// The colleague's mark, written after hers, is stored and audited: by then hers would have been too.
		writeCell(colleague.doc, student, 'tx1', 80, { actor: staying, at: Date.now(), offline: false });
		await expect.poll(() => mark('tx1'), { timeout: 10_000 }).toBe('8.0');
		await running.app.syncServer.flush();
		expect(await auditBy(staying.id)).toBe(audited.staying + 1);
		expect(await auditBy(leaving.id)).toBe(audited.leaving + 1);
		expect(await mark('gk')).toBe(seededGk);
		expect(late.provider.synced).toBe(false);
	});

	it("a revoked guardianship closes the child's view on the guardian's live socket, and refuses a ticket minted before", async () => {
		const [link] = await db()
			.select({ guardianId: t.guardianships.guardianId, studentId: t.guardianships.studentId, name: t.people.fullName })
			.from(t.guardianships)
			.innerJoin(t.people, eq(t.people.id, t.guardianships.guardianId))
			.where(eq(t.guardianships.state, 'school_checked'))
			.limit(1);
		const guardian: Person = { id: link!.guardianId, name: link!.name };
		await running.signIn(guardian.id, 'guardian');
		// Privacy PR14: a guardian's socket opens only after the purpose notice is accepted.
		await recordConsent(db(), guardian.id, new Date());
		const view = formatDocumentName({ kind: 'student', student: link!.studentId, year: YEAR });
		const spare = running.ticket(view, guardian, 'read');
		const live = running.connect(view, guardian, 'read');
		await whenSynced(live);
		expect(live.accessMessages).toEqual(['read']);

		expect(await revokeGuardianship(db(), running.app.syncServer, { guardianId: guardian.id, studentId: link!.studentId })).toBe(true);
		// Re-decided before the call returned: the close frame is already on its way.
		await waitUntil(() => live.closeCodes.includes(CloseCode.forbidden), "the child's view is closed as forbidden");
		expect(await tryUpgrade(upgradeUrl(view, spare))).toEqual({ opened: false, status: 403 });
		const [row] = await db()
			.select({ state: t.guardianships.state })
			.from(t.guardianships)
			.where(and(eq(t.guardianships.guardianId, guardian.id), eq(t.guardianships.studentId, link!.studentId)));
		expect(row?.state).toBe('revoked');
		expect(await revokeGuardianship(db(), running.app.syncServer, { guardianId: guardian.id, studentId: 'no-such-student' })).toBe(false);
	});
});
