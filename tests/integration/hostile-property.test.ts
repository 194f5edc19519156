/**
 * Property, through the composed app on PostgreSQL and PGlite: random sequences of legitimate and
 * well-formed-but-hostile operations from the assigned teacher's own connection to a demo
 * gradebook. Every hostile update is refused with its rule and 4422 (sync-server SPEC V1–V8),
 * on a fresh connection each since a refusal closes the socket; every legitimate one goes
 * through. After each sequence, the document, its SQL projection and the audit agree:
 * - every mark the document shows is legal and on the roster × columns (V5) and equals
 *   `grade_entries` (projections SPEC P1–P4);
 * - a cell's latest `grade_audit` row holds what the document shows; every new audit row is the
 *   teacher's, for a cell the teacher wrote; a cell the teacher changed has one (P1);
 * - the reconciliation reports no drift (P6);
 * - the history never shrinks and grows by exactly the legitimate marks (V4).
 */
import { and, eq, gt } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as t from '../../drizzle/schema';
import { markToText } from '../../src/lib/domain/marks/cell-text';
import { reconcileProjections } from '../../src/lib/server/integrity/reconcile';
import { applyEdits, cellKey, isGradebookCell, isLegalMark, readGradebook, splitCellKey, type CellEdit, type CellValue, type Edit } from '../../src/lib/ydoc/gradebook';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { openRawWriter, type RawWriter } from './helpers/raw-writer';
import { waitUntil } from './helpers/sync-clients';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';

const CLASS = '9a2';
const DOCUMENT = formatDocumentName({ kind: 'gradebook', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: CLASS, subject: 'toan' });
const DAY = 86_400_000;
/** Students and columns are drawn by index into the real roster and the gradebook's columns. */
const STUDENT_PICKS = 6;

type Person = { id: string; name: string };

type Operation =
	| { type: 'mark'; student: number; column: number; value: CellValue; offline: boolean }
	| { type: 'comment'; student: number; text: string }
	// Hostile, each with a single defect:
	| { type: 'erase-history'; index: number }
	| { type: 'erase-comment' }
	| { type: 'off-roster'; cell: string }
	| { type: 'bad-value'; student: number; column: number; value: unknown }
	| { type: 'wrong-author'; student: number; column: number; forgeName: boolean }
	| { type: 'bad-time'; student: number; column: number; at: 'future' | 'past' | 'absurd' | 'negative' }
	| { type: 'long-comment'; student: number }
	| { type: 'server-root'; root: 'meta' | 'students' | 'cells' | 'unknown' };

const student = fc.nat({ max: STUDENT_PICKS - 1 });
const column = fc.nat({ max: 5 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ type: fc.constant('mark' as const), student, column, value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)), offline: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ type: fc.constant('comment' as const), student, text: fc.string({ maxLength: 40 }) }) },
	fc.record({ type: fc.constant('erase-history' as const), index: fc.nat() }),
	fc.record({ type: fc.constant('erase-comment' as const) }),
	fc.record({ type: fc.constant('off-roster' as const), cell: fc.constantFrom('hs-khong-co-that:tx1', '=1+2', 'x:@SUM(A1)', ':tx1', 'tx1') }),
	fc.record({ type: fc.constant('bad-value' as const), student, column, value: fc.constantFrom(101, -1, 8.5, 'Đ', '=1+2', 1e20, '7') }),
	fc.record({ type: fc.constant('wrong-author' as const), student, column, forgeName: fc.boolean() }),
	fc.record({ type: fc.constant('bad-time' as const), student, column, at: fc.constantFrom('future' as const, 'past' as const, 'absurd' as const, 'negative' as const) }),
	fc.record({ type: fc.constant('long-comment' as const), student }),
	fc.record({ type: fc.constant('server-root' as const), root: fc.constantFrom('meta' as const, 'students' as const, 'cells' as const, 'unknown' as const) })
);

/** The rule a hostile operation breaks (sync-server SPEC). */
const RULE: Record<Exclude<Operation['type'], 'mark' | 'comment'>, string> = {
	'erase-history': 'V4',
	'erase-comment': 'V8',
	'off-roster': 'V5',
	'bad-value': 'V5',
	'wrong-author': 'V6',
	'bad-time': 'V7',
	'long-comment': 'V8',
	'server-root': 'V3'
};

const TIMES = { future: () => Date.now() + 2 * DAY, past: () => Date.now() - 500 * DAY, absurd: () => 1e20, negative: () => -1 };

describe.each(['postgres', 'pglite'] as const)('hostile and legitimate writes, at random, through the composed app on %s', (backend) => {
	let running: RunningApp;
	let app: RunningApp['app'];
	let teacher: Person;
	let otherStaff: Person;
	let roster: string[];
	let columns: string[];
	const writers: RawWriter[] = [];

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-hostile-property-');
		app = running.app;
		const person = { id: t.people.id, name: t.people.fullName };
		teacher = (
			await app.services.db
				.select(person)
				.from(t.teachingAssignments)
				.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
				.where(and(eq(t.teachingAssignments.classCode, CLASS), eq(t.teachingAssignments.subjectCode, 'toan')))
		)[0]!;
		otherStaff = (await app.services.db.select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId))).find((p) => p.id !== teacher.id)!;
		roster = (await app.services.db.select().from(t.enrolments).where(eq(t.enrolments.classCode, CLASS))).map((e) => e.studentId).sort();
		expect(roster.length).toBeGreaterThan(STUDENT_PICKS);
		const reader = await rawWriter('read');
		const header = readGradebook(reader.replica);
		reader.close();
		if (!header.ok) throw new Error(`the demo gradebook does not read: ${header.reason}`);
		columns = header.meta.columns.map((c) => c.key);
		expect(columns.length).toBeGreaterThan(0);
	}, 180_000);

	afterAll(async () => {
		for (const writer of writers) writer.close();
		await running?.stop();
	});

	const db = () => app.services.db;
	async function rawWriter(access: 'read' | 'write' = 'write') {
		const writer = await openRawWriter(running.syncUrl, DOCUMENT, teacher.id, access, running.ticket(DOCUMENT, teacher, access));
		writers.push(writer);
		return writer;
	}
	const stamp = (offline = false) => ({ actor: teacher, at: Date.now(), offline });
	const cellOf = (studentPick: number, columnPick: number) => cellKey(roster[studentPick]!, columns[columnPick % columns.length]!);
	/** A well-formed history entry of the teacher, as `doc` would append it. */
	const entry = (doc: Y.Doc, overrides: Partial<CellEdit>): CellEdit => ({
		id: `${doc.clientID}-${Y.getState(doc.store, doc.clientID)}-0`,
		cell: cellOf(0, 0),
		value: 70,
		replaces: [],
		by: teacher.id,
		byName: teacher.name,
		at: Date.now(),
		offline: false,
		kind: 'edit',
		...overrides
	});
	const push = (doc: Y.Doc, overrides: Partial<CellEdit>) => doc.getArray('history').push([entry(doc, overrides)]);

	/** What a hostile operation does to the attacker's copy; false when there is nothing to do it to. */
	function attack(op: Exclude<Operation, { type: 'mark' | 'comment' }>, doc: Y.Doc): boolean {
		switch (op.type) {
			case 'erase-history': {
				const history = doc.getArray('history');
				history.delete(op.index % history.length, 1);
				return true;
			}
			case 'erase-comment': {
				const comments = doc.getMap('comments');
				const [key] = comments.keys();
				if (key === undefined) return false;
				comments.delete(key);
				return true;
			}
			case 'off-roster':
				push(doc, { cell: op.cell });
				return true;
			case 'bad-value':
				push(doc, { cell: cellOf(op.student, op.column), value: op.value as CellValue });
				return true;
			case 'wrong-author': {
				const actor = op.forgeName ? { id: teacher.id, name: `${teacher.name} (mạo danh)` } : otherStaff;
				const [studentId, columnKey] = splitCellKey(cellOf(op.student, op.column));
				applyEdits(doc, [{ kind: 'mark', studentId, columnKey, value: 50 }], { actor, at: Date.now(), offline: false });
				return true;
			}
			case 'bad-time':
				push(doc, { cell: cellOf(op.student, op.column), at: TIMES[op.at]() });
				return true;
			case 'long-comment': {
				// A modified client skips applyEdits' cap (V12); the server does not.
				const id = `${doc.clientID}-${Y.getState(doc.store, doc.clientID)}-0`;
				doc.getMap('comments').set(roster[op.student]!, { text: 'x'.repeat(2_001), by: teacher.id, byName: teacher.name, at: Date.now(), id });
				return true;
			}
			case 'server-root':
				if (op.root === 'meta') doc.getMap('meta').set('schemaVersion', 99);
				else if (op.root === 'students') doc.getMap('students').delete(roster[0]!);
				else if (op.root === 'cells') doc.getMap('cells').set(cellOf(0, 0), { value: 100, by: teacher.id, byName: teacher.name, at: Date.now(), offline: false });
				else doc.getMap('formulas').set('A1', '=1+2');
				return true;
		}
	}

	/** Until `writer` holds everything `reference` holds (broadcasts from the server). */
	const caughtUp = (writer: RawWriter, reference: Y.Doc) => () => {
		const have = Y.decodeStateVector(Y.encodeStateVector(writer.replica));
		return [...Y.decodeStateVector(Y.encodeStateVector(reference))].every(([client, clock]) => (have.get(client) ?? 0) >= clock);
	};
	async function settled() {
		await app.syncServer.flush();
		await expect.poll(async () => (await app.services.health()).body.projectionBacklog, { timeout: 10_000 }).toBe(0);
	}
	const textOf = (read: ReturnType<typeof readGradebook>) => {
		if (!read.ok) throw new Error(`the gradebook no longer reads: ${read.reason}`);
		return new Map([...read.cells].map(([key, cell]) => [key, markToText(cell.value)]));
	};
	const sqlMarks = async () => new Map((await db().select().from(t.gradeEntries).where(eq(t.gradeEntries.document, DOCUMENT))).map((row) => [cellKey(row.studentId, row.columnKey), row.value]));

	it('every hostile update is refused; document, projection and audit always agree; the history never shrinks', async () => {
		let history = -1;
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (ops) => {
				const start = await rawWriter('read');
				const startMarks = textOf(readGradebook(start.replica));
				const startHistory = start.replica.getArray('history').length;
				start.close();
				// The history never shrinks, across sequences too (V4).
				expect(startHistory).toBeGreaterThanOrEqual(history);
				const lastAudit = (await db().select({ id: t.gradeAudit.id }).from(t.gradeAudit).orderBy(t.gradeAudit.id)).at(-1)?.id ?? 0;

				const legit = await rawWriter();
				const touched = new Set<string>();
				let marks = 0;
				for (const op of ops) {
					if (op.type === 'mark' || op.type === 'comment') {
						const edit: Edit =
							op.type === 'mark'
								? { kind: 'mark', studentId: roster[op.student]!, columnKey: columns[op.column % columns.length]!, value: op.value }
								: { kind: 'comment', studentId: roster[op.student]!, text: op.text };
						const update = legit.craft((doc) => applyEdits(doc, [edit], stamp(op.type === 'mark' && op.offline)));
						legit.sendUpdate(update);
						// The server does not echo a writer's update: keep the copy current as a client does.
						Y.applyUpdate(legit.replica, update);
						if (edit.kind === 'mark') {
							touched.add(cellKey(edit.studentId, edit.columnKey));
							marks += 1;
						}
						continue;
					}
					const attacker = await rawWriter();
					await waitUntil(caughtUp(attacker, legit.replica), 'the attacker has every legitimate edit');
					let acted = false;
					const update = attacker.craft((doc) => (acted = attack(op, doc)));
					if (!acted) {
						attacker.close();
						continue;
					}
					attacker.sendUpdate(update);
					await waitUntil(() => attacker.closeCode !== null, `${op.type}: the server refuses it and closes the connection`);
					// sync-server SPEC V1: refused as a whole, with the rule broken, closed with 4422.
					expect(attacker.closeCode, JSON.stringify(op)).toBe(CloseCode.refusedUpdate);
					expect(attacker.refusals.map((refusal) => refusal.rule), JSON.stringify(op)).toEqual([RULE[op.type]]);
				}

				// Every legitimate edit reached the server, and nothing else did.
				const reader = await rawWriter('read');
				await waitUntil(caughtUp(reader, legit.replica), 'the server holds every legitimate edit');
				expect(legit.closeCode).toBeNull();
				legit.close();
				await settled();
				const shown = readGradebook(reader.replica);
				const historyNow = reader.replica.getArray('history').length;
				reader.close();
				expect(textOf(shown)).toEqual(textOf(readGradebook(legit.replica)));
				if (!shown.ok) return;
				expect(shown.meta.schemaVersion).toBe(1);
				expect(shown.roster.map((s) => s.id).sort()).toEqual(roster);
				// V4: grows by exactly the legitimate marks.
				expect(historyNow).toBe(startHistory + marks);
				history = historyNow;

				// Every mark shown is legal, on the roster × columns, and equals grade_entries (P1–P4).
				const frame = { students: new Set(roster), columns: new Set(columns) };
				const shownMarks = textOf(shown);
				for (const [key, cell] of shown.cells) {
					expect(isGradebookCell(key, frame), key).toBe(true);
					expect(isLegalMark(cell.value, shown.meta.assessment), key).toBe(true);
				}
				const inSql = await sqlMarks();
				for (const key of new Set([...shownMarks.keys(), ...inSql.keys()])) expect(inSql.get(key) ?? null, key).toBe(shownMarks.get(key) ?? null);

				// The audit: latest row per cell holds what the document shows; new rows are the teacher's, for cells the teacher wrote.
				const audit = await db().select().from(t.gradeAudit).where(eq(t.gradeAudit.document, DOCUMENT)).orderBy(t.gradeAudit.id);
				const latest = new Map(audit.map((row) => [cellKey(row.studentId, row.columnKey), row]));
				for (const [key, row] of latest) expect(row.newValue, key).toBe(shownMarks.get(key) ?? null);
				const added = await db().select().from(t.gradeAudit).where(and(eq(t.gradeAudit.document, DOCUMENT), gt(t.gradeAudit.id, lastAudit)));
				for (const row of added) {
					expect(touched.has(cellKey(row.studentId, row.columnKey))).toBe(true);
					expect([row.personId, row.personName]).toEqual([teacher.id, teacher.name]);
				}
				for (const key of touched) {
					if ((startMarks.get(key) ?? null) !== (shownMarks.get(key) ?? null)) expect(added.some((row) => cellKey(row.studentId, row.columnKey) === key), key).toBe(true);
				}

				// P6: the stored document and its projection agree.
				const report = await reconcileProjections(db(), [DOCUMENT], { settle: () => new Promise((resolve) => setTimeout(resolve, 300)) });
				expect(report.drifted).toEqual([]);
			}),
			// No shrinking: each run costs seconds, and a failing run prints its operations.
			{ numRuns: 12, endOnFailure: true }
		);
	}, 600_000);
});
