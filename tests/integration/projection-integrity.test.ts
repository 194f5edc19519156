/**
 * Projections, audit and exports never trust document content (projections SPEC P1–P7), through
 * the composed app on PostgreSQL and PGlite. Hostile content is put straight into documents with
 * the sync server's server-side `change()` — past any check at the door, on purpose: a stored
 * document may hold it already — and the SQL projections, the alerts, the reconciliation and the
 * CSV/XLSX downloads (real HTTP, a principal's session) are checked.
 */
import { and, eq, like, notInArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { projectedDocuments, reconcileProjections } from '../../src/lib/server/integrity/reconcile';
import type { CellEdit } from '../../src/lib/ydoc/cell-history';
import { cellKey, readGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { readHomeroom, recordKey, writeHomeroom } from '../../src/lib/ydoc/homeroom';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';
import { documentNamePrefix, formatDocumentName } from '../../src/lib/ydoc/document-name';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const CLASS = '9a1';
const GRADEBOOK = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: CLASS, subject: 'toan' });
const HOMEROOM = formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term: 'hk1', classCode: CLASS });
const FORMULA_START = /^[=+\-@\t\r]/;

type Person = { id: string; name: string };

/** RFC 4180 records (quoted fields, doubled quotes, CRLF) with ';' between fields, as Excel in Vietnamese reads them. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted && c === '"' && text[i + 1] === '"') {
			field += '"';
			i++;
		} else if (c === '"') {
			quoted = !quoted;
		} else if (!quoted && c === ';') {
			row.push(field);
			field = '';
		} else if (!quoted && c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else {
			field += c;
		}
	}
	return rows;
}

describe.each(['postgres', 'pglite'] as const)('projection integrity on %s', (backend) => {
	let running: RunningApp;
	let app: RunningApp['app'];
	let teacher: Person;
	let gvcn: Person;
	let principal: Person;
	let roster: string[];

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-integrity-', { serveApp: true });
		app = running.app;
		const db = app.services.db;
		const person = { id: t.people.id, name: t.people.fullName };
		teacher = (
			await db
				.select(person)
				.from(t.teachingAssignments)
				.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
				.where(and(eq(t.teachingAssignments.classCode, CLASS), eq(t.teachingAssignments.subjectCode, 'toan')))
		)[0]!;
		gvcn = (await db.select(person).from(t.homeroomAssignments).innerJoin(t.people, eq(t.people.id, t.homeroomAssignments.personId)).where(eq(t.homeroomAssignments.classCode, CLASS)))[0]!;
		principal = (await db.select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(eq(t.staffRoles.role, 'principal')))[0]!;
		roster = (await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, CLASS))).map((e) => e.studentId).sort();
		expect(roster.length).toBeGreaterThan(10);
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	const db = () => app.services.db;
	const actor = (p: Person) => ({ personId: p.id, name: p.name });
	const mark = async (studentId: string, column: string, document = GRADEBOOK) =>
		(
			await db()
				.select()
				.from(t.gradeEntries)
				.where(and(eq(t.gradeEntries.document, document), eq(t.gradeEntries.studentId, studentId), eq(t.gradeEntries.columnKey, column)))
		)[0]?.value;
	const auditOf = (studentId: string, column: string) =>
		db()
			.select()
			.from(t.gradeAudit)
			.where(and(eq(t.gradeAudit.document, GRADEBOOK), eq(t.gradeAudit.studentId, studentId), eq(t.gradeAudit.columnKey, column)))
			.orderBy(t.gradeAudit.id);
	const alert = async (document: string, kind: string) =>
		(await db().select().from(t.integrityAlerts).where(and(eq(t.integrityAlerts.document, document), eq(t.integrityAlerts.kind, kind))))[0];
	const crafted = (cell: string, value: CellEdit['value'], at: number): CellEdit => ({
		id: `hostile-${cell}-${at}`,
		cell,
		value,
		replaces: [],
		by: teacher.id,
		byName: teacher.name,
		at,
		offline: false,
		kind: 'edit'
	});
	const pushEdits = (edits: CellEdit[]) => app.syncServer.change(GRADEBOOK, (doc) => doc.getArray<unknown>('history').push(edits), actor(teacher));
	/** A teacher's ordinary mark through a real sync connection. */
	async function legitimateMark(studentId: string, column: string, value: number) {
		const client = running.connect(GRADEBOOK, teacher, 'write');
		await whenSynced(client);
		writeCell(client.doc, studentId, column, value, { actor: teacher, at: Date.now(), offline: false });
		await expect.poll(() => mark(studentId, column), { timeout: 10_000 }).toBe(`${Math.trunc(value / 10)}.${value % 10}`);
		client.destroy();
	}

	it('P1: erasing a cell’s history entries is audited (new value null) and clears grade_entries', async () => {
		const [studentId] = roster;
		const before = await mark(studentId!, 'tx1');
		expect(before).toMatch(/^\d+\.\d$/);
		await app.syncServer.change(
			GRADEBOOK,
			(doc) => {
				const history = doc.getArray<unknown>('history');
				const cell = cellKey(studentId!, 'tx1');
				const positions = history.toArray().flatMap((edit, index) => ((edit as CellEdit).cell === cell ? [index] : []));
				for (const index of positions.reverse()) history.delete(index, 1);
			},
			actor(teacher)
		);
		await expect.poll(() => mark(studentId!, 'tx1'), { timeout: 10_000 }).toBeNull();
		const audit = await auditOf(studentId!, 'tx1');
		expect(audit.map((r) => [r.oldValue, r.newValue, r.personId, r.enteredAt])).toEqual([[before, null, teacher.id, null]]);
		await expect.poll(async () => (await alert(GRADEBOOK, 'erased-history'))?.detail, { timeout: 10_000 }).toContain(`${studentId}:tx1`);
	});

	it('P2–P5: a 1e20 timestamp and an off-roster student are skipped and alerted; later marks are still projected', async () => {
		const [, second, third] = roster;
		const gkBefore = await mark(second!, 'gk');
		await pushEdits([crafted('hs-khong-co-that:tx1', 50, 1e20), crafted(cellKey(second!, 'gk'), 30, 1e20)]);
		await expect.poll(async () => (await alert(GRADEBOOK, 'bad-timestamp'))?.count, { timeout: 10_000 }).toBe(1);
		await expect.poll(async () => (await alert(GRADEBOOK, 'off-roster-student'))?.detail, { timeout: 10_000 }).toContain('hs-khong-co-that:tx1');
		await expect.poll(async () => (await alert(GRADEBOOK, 'bad-timestamp'))?.detail, { timeout: 10_000 }).toContain(`${second}:gk`);
		expect(await mark(second!, 'gk')).toBe(gkBefore);

		await legitimateMark(third!, 'tx2', 85);
		const audit = await auditOf(third!, 'tx2');
		expect(audit.at(-1)).toMatchObject({ newValue: '8.5', personId: teacher.id });
		expect(await db().select().from(t.gradeEntries).where(eq(t.gradeEntries.studentId, 'hs-khong-co-that'))).toEqual([]);
		expect(await db().select().from(t.gradeAudit).where(eq(t.gradeAudit.studentId, 'hs-khong-co-that'))).toEqual([]);
		expect(await mark(second!, 'gk')).toBe(gkBefore);
		// Already reported content is not reported again by every later update.
		expect((await alert(GRADEBOOK, 'bad-timestamp'))?.count).toBe(1);
	});

	it('P2–P4: invented columns, formula keys and misfit values never reach SQL', async () => {
		const [, , , fourth] = roster;
		const now = Date.now();
		await pushEdits([
			crafted(`${fourth}:=1+2`, 70, now),
			crafted(`${fourth}:tx9`, 70, now),
			crafted('=1+2:tx1', 70, now),
			crafted('@SUM(A1:A9):gk', 70, now),
			crafted(`${fourth}:ck`, 'Đ', now)
		]);
		await expect.poll(async () => (await alert(GRADEBOOK, 'bad-value'))?.detail, { timeout: 10_000 }).toContain(`${fourth}:ck`);
		await legitimateMark(fourth!, 'gk', 90);
		for (const table of [t.gradeEntries, t.gradeAudit]) {
			const rows = await db().select().from(table).where(eq(table.document, GRADEBOOK));
			expect(rows.filter((r) => !roster.includes(r.studentId) || !['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck'].includes(r.columnKey))).toEqual([]);
		}
		expect(await mark(fourth!, 'ck')).not.toBe('Đ');
		await expect.poll(async () => (await alert(GRADEBOOK, 'unknown-column'))?.detail, { timeout: 10_000 }).toMatch(/^2 ô: /);
		await expect.poll(async () => (await alert(GRADEBOOK, 'off-roster-student'))?.detail, { timeout: 10_000 }).toContain('=1+2:tx1');
	});

	it('P1–P5 for homeroom documents: erased fields, impossible times and off-roster students', async () => {
		const [first, second, third] = roster;
		const entryOf = async (studentId: string) =>
			(await db().select().from(t.homeroomEntries).where(and(eq(t.homeroomEntries.document, HOMEROOM), eq(t.homeroomEntries.studentId, studentId))))[0];
		const absencesBefore = (await entryOf(first!))!.absencesUnexcused;
		expect(absencesBefore).not.toBeNull();
		const secondBefore = (await entryOf(second!))!.absencesUnexcused;
		await app.syncServer.change(
			HOMEROOM,
			(doc) => {
				const records = doc.getMap<unknown>('records');
				records.delete(recordKey(first!, 'absencesUnexcused'));
				records.set(recordKey(second!, 'absencesUnexcused'), { value: 40, by: gvcn.id, byName: gvcn.name, at: 1e20, offline: false });
				records.set('hs-khong-co-that:conduct', { value: 'Tốt', by: gvcn.id, byName: gvcn.name, at: Date.now(), offline: false });
			},
			actor(gvcn)
		);
		await expect.poll(async () => (await entryOf(first!))?.absencesUnexcused, { timeout: 10_000 }).toBeNull();
		const audit = await db().select().from(t.homeroomAudit).where(and(eq(t.homeroomAudit.document, HOMEROOM), eq(t.homeroomAudit.studentId, first!)));
		expect(audit.map((r) => [r.field, r.oldValue, r.newValue, r.personId])).toEqual([['absencesUnexcused', String(absencesBefore), null, gvcn.id]]);
		expect((await entryOf(second!))!.absencesUnexcused).toBe(secondBefore);
		expect(await db().select().from(t.homeroomEntries).where(eq(t.homeroomEntries.studentId, 'hs-khong-co-that'))).toEqual([]);
		// Alerts are recorded after the accepted rows are written: wait for them too.
		for (const kind of ['erased-history', 'bad-timestamp', 'off-roster-student']) await expect.poll(() => alert(HOMEROOM, kind), { timeout: 10_000 }).toBeDefined();

		await app.syncServer.change(HOMEROOM, (doc) => writeHomeroom(doc, [{ studentId: third!, patch: { conduct: 'Khá' } }], { actor: gvcn, at: Date.now(), offline: false }), actor(gvcn));
		await expect.poll(async () => (await entryOf(third!))?.conduct, { timeout: 10_000 }).toBe('Khá');
		// The skipped field of the second student still holds what SQL had, in the same row.
		expect((await entryOf(second!))!.absencesUnexcused).toBe(secondBefore);
		expect(await db().select().from(t.homeroomAudit).where(eq(t.homeroomAudit.studentId, 'hs-khong-co-that'))).toEqual([]);
	});

	it('P6: reconciliation finds no drift after all of the above, and finds drift put into SQL behind the projection’s back', async () => {
		const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 300));
		// A row SQL should not hold, as a projection before P2 could have written for the skipped
		// off-roster cell above: the two agree, yet it is reported (not as drift).
		await db().insert(t.gradeEntries).values({ document: GRADEBOOK, studentId: 'hs-khong-co-that', columnKey: 'tx1', value: '5.0' });
		const documents = await projectedDocuments(db(), SCHOOL);
		expect(documents).toContain(GRADEBOOK);
		expect(documents).toContain(HOMEROOM);
		const clean = await reconcileProjections(db(), documents, { settle });
		expect(clean.documents).toBe(documents.length);
		expect(clean.drifted).toEqual([]);
		// What the projection skipped is reported as the problem it is, not as drift.
		expect(clean.problems).toBeGreaterThan(0);
		expect(await db().select().from(t.integrityAlerts).where(eq(t.integrityAlerts.kind, 'drift'))).toEqual([]);
		expect((await alert(GRADEBOOK, 'off-roster-student'))?.detail).toContain('hs-khong-co-that:tx1 (còn trong báo cáo)');

		const [first, second] = roster;
		const injected = (await mark(second!, 'tx1')) === '0.1' ? '0.2' : '0.1';
		await db()
			.update(t.gradeEntries)
			.set({ value: injected })
			.where(and(eq(t.gradeEntries.document, GRADEBOOK), eq(t.gradeEntries.studentId, second!), eq(t.gradeEntries.columnKey, 'tx1')));
		await db().update(t.homeroomEntries).set({ comment: 'sửa thẳng trong cơ sở dữ liệu' }).where(and(eq(t.homeroomEntries.document, HOMEROOM), eq(t.homeroomEntries.studentId, first!)));
		const drifted = await reconcileProjections(db(), documents, { settle });
		expect(drifted.drifted.map((d) => [d.document, d.drift.map((p) => p.key)])).toEqual([
			[GRADEBOOK, [`${second}:tx1`]],
			[HOMEROOM, [`${first}:comment`]]
		]);
		expect((await alert(GRADEBOOK, 'drift'))?.detail).toContain(`${second}:tx1 (báo cáo: ${injected}, sổ:`);
	}, 180_000);

	it('P5, P6: the principal sees the alerts and runs the reconciliation on /quan-ly/toan-ven; a teacher may not', async () => {
		// The page's data and its action over HTTP, as the browser's client-side navigation asks for them.
		const asPrincipal = await running.signedIn(principal.id);
		const page = await asPrincipal('/quan-ly/toan-ven/__data.json');
		expect(page.status).toBe(200);
		const data = await page.text();
		expect(data).toContain('Điểm của học sinh không có trong danh sách lớp');
		expect(data).toContain('Dữ liệu báo cáo lệch với sổ');
		expect(data).toContain('Toán — 9A1 — HK I');
		expect(data).toContain('Sổ chủ nhiệm — 9A1 — HK I');
		const run = await asPrincipal('/quan-ly/toan-ven?/reconcile', {
			method: 'POST',
			headers: { origin: running.formOrigin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: ''
		});
		expect(run.status).toBe(200);
		expect(await run.text()).toContain('2 sổ có dữ liệu báo cáo lệch với sổ');
		const asTeacher = await running.signedIn(teacher.id);
		const refused = await asTeacher('/quan-ly/toan-ven/__data.json');
		const body = await refused.text();
		expect(body).toContain('Chỉ ban giám hiệu mới dùng được trang này.');
		expect(body).not.toContain('danh sách lớp');
		const refusedRun = await asTeacher('/quan-ly/toan-ven?/reconcile', {
			method: 'POST',
			headers: { origin: running.formOrigin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: ''
		});
		expect(await refusedRun.text()).toContain('Chỉ ban giám hiệu mới dùng được trang này.');
	}, 120_000);

	it('P7: the audit CSV neutralises formula-like text, including junk audited before these rules existed', async () => {
		// An audit row as a gradebook could leave one before P2: an invented student and column.
		await db().insert(t.gradeAudit).values({ document: GRADEBOOK, studentId: '=1+2', columnKey: '@SUM(A1:A9)', oldValue: null, newValue: '-3+4', personName: '+cmd|calc' });
		const response = await (await running.signedIn(principal.id))('/quan-ly/nhat-ky-diem.csv');
		expect(response.status).toBe(200);
		const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
		expect(rows.length).toBeGreaterThan(3);
		const junk = rows.find((r) => r[3] === "'=1+2");
		expect(junk).toBeDefined();
		expect([junk![2], junk![4], junk![6], junk![7]]).toEqual(["'=1+2", "'@SUM(A1:A9)", "'-3+4", "'+cmd|calc"]);
		expect(rows.flat().filter((field) => FORMULA_START.test(field))).toEqual([]);
		// Ordinary marks are read as the grid shows them.
		expect(rows.some((r) => r[6] === '8,5')).toBe(true);
	});

	it('P7: the class summary .xlsx keeps formula-like names and codes as text, and averages as numbers', async () => {
		const [first] = roster;
		const [student] = await db().select().from(t.students).where(eq(t.students.id, first!));
		await db().update(t.people).set({ fullName: '=HYPERLINK("http://example.invalid","Bấm")' }).where(eq(t.people.id, student!.personId));
		await db().update(t.students).set({ moetCode: '@SUM(A1:A9)' }).where(eq(t.students.id, first!));
		const response = await (await running.signedIn(principal.id))(`/lop/${SCHOOL}/${YEAR}/${CLASS}/tong-ket.xlsx?ky=hk1`);
		expect(response.status).toBe(200);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await response.arrayBuffer()) as ExcelJS.Buffer);
		const texts: string[] = [];
		let numbers = 0;
		workbook.eachSheet((sheet) =>
			sheet.eachRow((row) =>
				row.eachCell((cell) => {
					if (typeof cell.value === 'string') texts.push(cell.value);
					if (typeof cell.value === 'number') numbers++;
				})
			)
		);
		expect(texts).toContain('\'=HYPERLINK("http://example.invalid","Bấm")');
		expect(texts).toContain("'@SUM(A1:A9)");
		expect(texts.filter((text) => FORMULA_START.test(text))).toEqual([]);
		expect(numbers).toBeGreaterThan(roster.length);
		const sheet = workbook.getWorksheet('Tổng kết')!;
		const toan = (sheet.getRow(4).values as unknown[]).indexOf('Toán');
		const averages = Array.from({ length: roster.length }, (_, i) => sheet.getRow(5 + i).getCell(toan).value);
		expect(averages.every((v) => v === null || typeof v === 'number')).toBe(true);
		expect(averages.some((v) => typeof v === 'number')).toBe(true);
	});

	it('the documents themselves still read: the grid and the homeroom view see the legitimate edits', async () => {
		const client = running.connect(GRADEBOOK, teacher, 'read');
		await whenSynced(client);
		const read = readGradebook(client.doc);
		expect(read.ok && read.cells.get(cellKey(roster[3]!, 'gk'))?.value).toBe(90);
		const homeroom = running.connect(HOMEROOM, gvcn, 'read');
		await whenSynced(homeroom);
		const records = readHomeroom(homeroom.doc);
		expect(records.ok && records.records.get(roster[2]!)?.conduct).toBe('Khá');
		expect(await db().select().from(t.gradeEntries).where(and(like(t.gradeEntries.document, `${documentNamePrefix('gradebook', SCHOOL)}%`), notInArray(t.gradeEntries.columnKey, ['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck'])))).toEqual([]);
	});
});
