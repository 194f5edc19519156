/**
 * Issue 7's document attacks, replayed against the composed app (sync server + projections +
 * audit, as `npm start` runs them) on PostgreSQL and PGlite, by a raw writer connection that
 * holds a real write ticket of the teacher assigned to a demo gradebook. Each attack is refused
 * as a whole (sync-server SPEC V1: a `refused` message naming the rule, close code 4422), and
 * afterwards the document, the SQL projection and the audit still agree: the reconciliation
 * (projections SPEC P6) finds no drift, `grade_audit` gained no row, `grade_entries` is
 * unchanged, and the teacher's ordinary client still writes a mark that is projected and audited.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as t from '../../drizzle/schema';
import { reconcileProjections } from '../../src/lib/server/integrity/reconcile';
import { applyEdits, readGradebook, writeCell, type CellEdit } from '../../src/lib/ydoc/gradebook';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { openRawWriter, type RawWriter } from './helpers/raw-writer';
import { waitUntil, whenSynced } from './helpers/sync-clients';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';

const CLASS = '9a1';
const DOCUMENT = formatDocumentName({ kind: 'gradebook', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: CLASS, subject: 'toan' });

type Person = { id: string; name: string };

describe.each(['postgres', 'pglite'] as const)('hostile writer against the composed app on %s', (backend) => {
	let running: RunningApp;
	let app: RunningApp['app'];
	let teacher: Person;
	let otherTeacher: Person;
	let roster: string[];
	const writers: RawWriter[] = [];

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-hostile-app-');
		app = running.app;
		const db = app.services.db;
		const person = { id: t.people.id, name: t.people.fullName };
		const assigned = await db
			.select(person)
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, CLASS), eq(t.teachingAssignments.subjectCode, 'toan')));
		teacher = assigned[0]!;
		const staff = await db.select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId));
		otherTeacher = staff.find((p) => p.id !== teacher.id)!;
		roster = (await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, CLASS))).map((e) => e.studentId).sort();
		expect(roster.length).toBeGreaterThan(10);
	}, 180_000);

	afterAll(async () => {
		for (const writer of writers) writer.close();
		await running?.stop();
	});

	const db = () => app.services.db;
	/** A raw connection with a ticket the app minted for `person`'s session (sync-server SPEC R1–R3). */
	const rawWriter = async (person: Person, access: 'read' | 'write' = 'write') => {
		const writer = await openRawWriter(running.syncUrl, DOCUMENT, person.id, access, running.ticket(DOCUMENT, person, access));
		writers.push(writer);
		return writer;
	};
	const auditRows = async () => (await db().select({ n: count() }).from(t.gradeAudit).where(eq(t.gradeAudit.document, DOCUMENT)))[0]!.n;
	const entries = async () =>
		(await db().select().from(t.gradeEntries).where(eq(t.gradeEntries.document, DOCUMENT)))
			.map((row) => [row.studentId, row.columnKey, row.value, row.updatedBy] as const)
			.sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`));
	const markOf = async (studentId: string, column: string) =>
		(
			await db()
				.select()
				.from(t.gradeEntries)
				.where(and(eq(t.gradeEntries.document, DOCUMENT), eq(t.gradeEntries.studentId, studentId), eq(t.gradeEntries.columnKey, column)))
		)[0]?.value;
	/** Every write is durable and every projection written (sync-server SPEC D3/D4 backlog). */
	async function settled() {
		await app.syncServer.flush();
		await expect.poll(async () => (await app.services.health()).body.projectionBacklog, { timeout: 10_000 }).toBe(0);
	}
	const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 300));

	/** A well-formed history entry of the teacher, as the attacker's copy `doc` would append it. */
	const entry = (doc: Y.Doc, overrides: Partial<CellEdit> = {}): CellEdit => ({
		id: `${doc.clientID}-${Y.getState(doc.store, doc.clientID)}-0`,
		cell: `${roster[0]}:tx1`,
		value: 80,
		replaces: [],
		by: teacher.id,
		byName: teacher.name,
		at: Date.now(),
		offline: false,
		kind: 'edit',
		...overrides
	});

	const attacks: Array<{ name: string; rule: string; change: (doc: Y.Doc) => void }> = [
		// sync-server SPEC V4 (projections SPEC P1 would audit it as an erasure had it got in).
		{ name: 'deletes history entries', rule: 'V4', change: (doc) => doc.getArray('history').delete(0, 2) },
		// V5 (and V7): a student not on the roster, at an absurd time (P2, P4 downstream).
		{
			name: 'an entry dated 1e20 for a student not on the roster',
			rule: 'V5',
			change: (doc) => doc.getArray('history').push([entry(doc, { cell: 'hs-khong-co-that:tx1', at: 1e20 })])
		},
		// V7 on its own: a roster student, a real column, an absurd time.
		{ name: 'an entry dated 1e20', rule: 'V7', change: (doc) => doc.getArray('history').push([entry(doc, { at: 1e20 })]) },
		// V3: meta is server-owned.
		{ name: 'sets meta.schemaVersion to 99', rule: 'V3', change: (doc) => doc.getMap('meta').set('schemaVersion', 99) },
		// V3: the roster is server-owned.
		{ name: 'deletes the roster', rule: 'V3', change: (doc) => doc.getMap('students').clear() },
		// V5: invented cell keys, formulas in waiting for an export (P7 downstream).
		{
			name: 'invented cell keys =1+2 and @SUM(A1)',
			rule: 'V5',
			change: (doc) => doc.getArray('history').push([entry(doc, { cell: '=1+2' }), entry(doc, { cell: `${roster[0]}:@SUM(A1)` })])
		},
		// V6: the author is the connection's person, never what the update claims.
		{
			name: 'a forged author (another staff member)',
			rule: 'V6',
			change: (doc) => applyEdits(doc, [{ kind: 'mark', studentId: roster[1]!, columnKey: 'gk', value: 100 }], { actor: otherTeacher, at: Date.now(), offline: false })
		},
		{
			name: 'a forged author name',
			rule: 'V6',
			change: (doc) =>
				applyEdits(doc, [{ kind: 'mark', studentId: roster[1]!, columnKey: 'gk', value: 100 }], { actor: { id: teacher.id, name: 'Hiệu trưởng' }, at: Date.now(), offline: false })
		}
	];

	it('every attack is refused with its rule and 4422; document, projection and audit still agree; the teacher still writes', async () => {
		await settled();
		const initial = await rawWriter(teacher, 'read');
		const historyBefore = initial.replica.getArray('history').length;
		expect(historyBefore).toBeGreaterThan(2);
		initial.close();
		const baseline = await reconcileProjections(db(), [DOCUMENT], { settle });
		expect(baseline.drifted).toEqual([]);

		let legitimate = 0;
		for (const attack of attacks) {
			const auditBefore = await auditRows();
			const entriesBefore = await entries();

			const attacker = await rawWriter(teacher);
			attacker.sendUpdate(attacker.craft(attack.change));
			await waitUntil(() => attacker.closeCode !== null, `${attack.name}: the connection is closed`);
			// sync-server SPEC V1: refused as a whole, the rule named, closed with 4422.
			expect(attacker.closeCode, attack.name).toBe(CloseCode.refusedUpdate);
			expect(attacker.refusals.map((refusal) => refusal.rule), attack.name).toEqual([attack.rule]);

			// Nothing of it reached SQL, and the stored document agrees with its projection (P6).
			await settled();
			expect(await auditRows(), attack.name).toBe(auditBefore);
			expect(await entries(), attack.name).toEqual(entriesBefore);
			const report = await reconcileProjections(db(), [DOCUMENT], { settle });
			expect(report.drifted, attack.name).toEqual([]);

			// The teacher's ordinary client still writes: projected and audited with the teacher.
			legitimate += 1;
			const student = roster[2 + legitimate]!;
			const before = await markOf(student, 'tx2');
			const value = before === '9.0' ? 95 : 90;
			const client = running.connect(DOCUMENT, teacher, 'write');
			await whenSynced(client);
			writeCell(client.doc, student, 'tx2', value, { actor: teacher, at: Date.now(), offline: false });
			await expect.poll(() => markOf(student, 'tx2'), { timeout: 10_000 }).toBe((value / 10).toFixed(1));
			await settled();
			const audited = await db().select().from(t.gradeAudit).where(eq(t.gradeAudit.document, DOCUMENT)).orderBy(t.gradeAudit.id);
			expect(audited.length, attack.name).toBe(auditBefore + 1);
			expect(audited.at(-1), attack.name).toMatchObject({ studentId: student, columnKey: 'tx2', oldValue: before ?? null, newValue: (value / 10).toFixed(1), personId: teacher.id, personName: teacher.name });
			expect(client.closeCodes, attack.name).toEqual([]);
			client.destroy();
			expect((await reconcileProjections(db(), [DOCUMENT], { settle })).drifted, attack.name).toEqual([]);
		}

		// The document as the server holds it: header and roster intact, history only grown by the legitimate marks.
		const reader = await rawWriter(teacher, 'read');
		const shown = readGradebook(reader.replica);
		expect(shown.ok && shown.meta.schemaVersion).toBe(1);
		expect(shown.ok && shown.roster.map((student) => student.id).sort()).toEqual(roster);
		expect(reader.replica.getArray('history').length).toBe(historyBefore + attacks.length);
		const history = reader.replica.getArray<CellEdit>('history').toArray();
		expect(history.filter((edit) => edit.at > Date.now() + 86_400_000 || !/^[^:]+:(tx\d|gk|ck)$/.test(edit.cell))).toEqual([]);
		expect(history.filter((edit) => edit.by !== teacher.id || edit.byName !== teacher.name)).toEqual([]);
	// Nine attacks, each followed by two reconciliations and a legitimate mark: minutes on a busy PGlite.
	}, 300_000);
});
