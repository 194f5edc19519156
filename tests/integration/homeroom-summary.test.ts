/**
 * The homeroom view end to end through the real sync server and database (issue 4 §4): the demo
 * seed projects marks and homeroom records into SQL; a homeroom teacher's edits reach
 * homeroom_entries through the projection hook, audited with the authenticated person; the class
 * summary reads them back; the .xlsx export parses back with exceljs and says the same thing.
 */
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { LEVELS_HIGH_FIRST, PROMOTION_OUTCOMES } from '../../src/lib/domain/reports';
import { classInfo, loadClassSummary, type ClassInfo } from '../../src/lib/server/homeroom/class-summary-data';
import { homeroomAuditOf } from '../../src/lib/server/homeroom/homeroom-projection';
import { COUNTS_SHEET, SUMMARY_SHEET, summaryWorkbook } from '../../src/lib/server/homeroom/summary-workbook';
import { readHomeroom, writeHomeroom } from '../../src/lib/ydoc/homeroom';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced, type SyncClient } from './helpers/sync-clients';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const CLASS = '7a2';
const HK2 = formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term: 'hk2', classCode: CLASS });

describe.each(['postgres', 'pglite'] as const)('homeroom projection, class summary and xlsx export on %s', (backend) => {
	let running: RunningApp;
	let app: RunningApp['app'];
	let info: ClassInfo;
	let gvcn: { id: string; name: string };

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-homeroom-');
		app = running.app;
		info = (await classInfo(app.services.db, SCHOOL, YEAR, CLASS))!;
		const [teacher] = await app.services.db
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.homeroomAssignments)
			.innerJoin(t.people, eq(t.people.id, t.homeroomAssignments.personId))
			.where(eq(t.homeroomAssignments.classCode, CLASS));
		gvcn = teacher!;
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	const clients: SyncClient[] = [];
	function connect(document: string): SyncClient {
		const client = running.connect(document, gvcn, 'write');
		clients.push(client);
		return client;
	}

	const entryOf = async (studentId: string) =>
		(await app.services.db.select().from(t.homeroomEntries).where(and(eq(t.homeroomEntries.document, HK2), eq(t.homeroomEntries.studentId, studentId))))[0];

	it('the demo seed registers one homeroom document per class × term and projects marks and records into SQL', async () => {
		const db = app.services.db;
		const [homerooms] = await db.select({ n: count() }).from(t.yjsDocuments).where(eq(t.yjsDocuments.kind, 'homeroom'));
		expect(homerooms!.n).toBe(24);
		const [students] = await db.select({ n: count() }).from(t.enrolments);
		const [records] = await db.select({ n: count() }).from(t.homeroomEntries);
		expect(records!.n).toBe(2 * students!.n);
		const [marks] = await db.select({ n: count() }).from(t.gradeEntries);
		expect(marks!.n).toBeGreaterThan(50_000);
		// What the document holds is what SQL holds: the sync hook's diff starts from a true baseline.
		const client = connect(HK2);
		await whenSynced(client);
		const read = readHomeroom(client.doc);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		const enrolled = await db.select().from(t.enrolments).where(eq(t.enrolments.classCode, CLASS));
		expect(read.roster).toHaveLength(enrolled.length);
		const [first] = read.roster;
		const projected = await entryOf(first!.id);
		const values = read.records.get(first!.id)!;
		expect(projected).toMatchObject({
			conduct: values.conduct,
			absencesExcused: values.absencesExcused,
			absencesUnexcused: values.absencesUnexcused,
			absencesUnclassified: null,
			comment: values.comment
		});
		expect(values.absencesExcused).not.toBeNull();
	});

	it('a homeroom teacher’s edits reach homeroom_entries through the hook (có phép and không phép in their columns), audited with the authenticated person', async () => {
		const client = clients[0]!;
		const read = readHomeroom(client.doc);
		if (!read.ok) throw new Error('homeroom document not readable');
		const studentId = read.roster[0]!.id;
		const before = read.records.get(studentId)!;
		writeHomeroom(client.doc, [{ studentId, patch: { conduct: 'Chưa đạt', conductComment: 'Bỏ tiết nhiều lần', absencesExcused: 12, absencesUnexcused: 38 } }], {
			actor: gvcn,
			at: Date.now(),
			offline: true
		});
		await expect.poll(async () => (await entryOf(studentId))?.absencesUnexcused, { timeout: 10_000 }).toBe(38);
		expect(await entryOf(studentId)).toMatchObject({
			conduct: 'Chưa đạt',
			conductComment: 'Bỏ tiết nhiều lần',
			absencesExcused: 12,
			absencesUnexcused: 38,
			absencesUnclassified: null,
			updatedBy: gvcn.id,
			term: 'hk2',
			classCode: CLASS
		});
		const audit = (await homeroomAuditOf(app.services.db, HK2)).filter((row) => row.studentId === studentId);
		expect(audit.map((row) => [row.field, row.oldValue, row.newValue, row.personId, row.offline]).sort()).toEqual(
			[
				['absencesExcused', String(before.absencesExcused), '12', gvcn.id, true],
				['absencesUnexcused', String(before.absencesUnexcused), '38', gvcn.id, true],
				['conduct', before.conduct, 'Chưa đạt', gvcn.id, true],
				['conductComment', null, 'Bỏ tiết nhiều lần', gvcn.id, true]
			].sort()
		);
		expect(audit[0]!.personName).toBe(gvcn.name);
	});

	it('the class summary reads the projection: có phép and không phép apart, the total decides (that student repeats the grade), counts agree', async () => {
		const read = readHomeroom(clients[0]!.doc);
		if (!read.ok) throw new Error('homeroom document not readable');
		const studentId = read.roster[0]!.id;
		const hk2 = (await loadClassSummary(app.services.db, info, 'hk2')).students.find((s) => s.student.id === studentId)!;
		expect(hk2.absences).toEqual({ ok: true, value: 50 });
		expect(hk2.absenceKinds).toEqual({ excused: 12, unexcused: 38, unclassified: 0, total: 50 });
		const year = await loadClassSummary(app.services.db, info, 'year');
		const row = year.students.find((s) => s.student.id === studentId)!;
		const hk1 = (await loadClassSummary(app.services.db, info, 'hk1')).students.find((s) => s.student.id === studentId)!;
		expect(row.conduct).toEqual({ ok: true, value: 'Chưa đạt' });
		expect(row.absenceKinds).toEqual({
			excused: hk1.absenceKinds!.excused + 12,
			unexcused: hk1.absenceKinds!.unexcused + 38,
			unclassified: 0,
			total: hk1.absenceKinds!.total + 50
		});
		expect(row.absences).toEqual({ ok: true, value: row.absenceKinds!.total });
		expect(row.promotion).toEqual({ ok: true, value: 'Ở lại lớp' });
		const totals = Object.values(year.counts.promotion!).reduce((a, b) => a + b, 0);
		expect(totals).toBe(year.students.length);
		const term1 = await loadClassSummary(app.services.db, info, 'hk1');
		expect(term1.counts.academic.missing).toBe(0);
		expect(term1.students.every((s) => s.student.code.startsWith('79'))).toBe(true);
	});

	it('H3 H4 V13 a number written the old way (one undivided count) is accepted, projected as unclassified and counted in the total; entering both kinds clears it', async () => {
		const client = clients[0]!;
		const read = readHomeroom(client.doc);
		if (!read.ok) throw new Error('homeroom document not readable');
		const studentId = read.roster[1]!.id;
		const before = read.records.get(studentId)!;
		// What an app from before the split writes: the key `absences`; the two new keys erased to
		// null so that only the old number is left, as in a document of that time.
		const old = { by: gvcn.id, byName: gvcn.name, at: Date.now(), offline: false };
		client.doc.transact(() => {
			const records = client.doc.getMap('records');
			records.set(`${studentId}:absences`, { ...old, value: 7 });
			records.set(`${studentId}:absencesExcused`, { ...old, value: null });
			records.set(`${studentId}:absencesUnexcused`, { ...old, value: null });
		});
		await expect.poll(async () => (await entryOf(studentId))?.absencesUnclassified, { timeout: 10_000 }).toBe(7);
		expect(client.closeCodes).toEqual([]);
		expect(await entryOf(studentId)).toMatchObject({ absencesExcused: null, absencesUnexcused: null });
		const term = (await loadClassSummary(app.services.db, info, 'hk2')).students.find((s) => s.student.id === studentId)!;
		expect(term.absences).toEqual({ ok: true, value: 7 });
		expect(term.absenceKinds).toEqual({ excused: 0, unexcused: 0, unclassified: 7, total: 7 });

		writeHomeroom(client.doc, [{ studentId, patch: { absencesExcused: 5, absencesUnexcused: 2 } }], { actor: gvcn, at: Date.now(), offline: false });
		await expect.poll(async () => (await entryOf(studentId))?.absencesUnclassified, { timeout: 10_000 }).toBeNull();
		expect(await entryOf(studentId)).toMatchObject({ absencesExcused: 5, absencesUnexcused: 2 });
		const audit = (await homeroomAuditOf(app.services.db, HK2)).filter((row) => row.studentId === studentId && row.field === 'absences');
		expect(audit.map((row) => [row.oldValue, row.newValue])).toEqual([['7', null], [null, '7']]);
		const split = (await loadClassSummary(app.services.db, info, 'hk2')).students.find((s) => s.student.id === studentId)!;
		expect(split.absenceKinds).toEqual({ excused: 5, unexcused: 2, unclassified: 0, total: 7 });
		expect(before.absencesUnclassified).toBeNull();
	});

	it('the .xlsx export is a real workbook: Vietnamese headers, one row per student, a counts sheet', async () => {
		const summary = await loadClassSummary(app.services.db, info, 'year');
		const bytes = await summaryWorkbook(info, summary);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, COUNTS_SHEET]);

		const sheet = workbook.getWorksheet(SUMMARY_SHEET)!;
		expect(String(sheet.getCell(1, 1).value)).toBe(`TỔNG KẾT LỚP ${info.className} — CẢ NĂM HỌC — NĂM HỌC ${YEAR}`);
		const headers = (sheet.getRow(4).values as unknown[]).slice(1);
		expect(headers.slice(0, 3)).toEqual(['STT', 'Mã học sinh', 'Họ và tên']);
		expect(headers).toEqual(expect.arrayContaining(['Văn', 'Toán', 'Âm nhạc', 'Mĩ thuật', 'Nghệ thuật', 'Kết quả học tập', 'Kết quả rèn luyện', 'Nghỉ có phép', 'Nghỉ không phép', 'Tổng số buổi nghỉ', 'Danh hiệu', 'Kết quả cuối năm', 'Ghi chú']));
		const col = (name: string) => headers.indexOf(name) + 1;
		const rows = Array.from({ length: sheet.rowCount - 4 }, (_, i) => sheet.getRow(5 + i)).filter((r) => r.getCell(1).value !== null);
		expect(rows).toHaveLength(summary.students.length);
		summary.students.forEach((student, i) => {
			const row = rows[i]!;
			expect(row.getCell(col('Họ và tên')).value).toBe(student.student.name);
			expect(row.getCell(col('Mã học sinh')).value).toBe(student.student.code);
			const toan = student.subjects.toan!;
			expect(row.getCell(col('Toán')).value).toBe(toan.ok && toan.value.kind === 'score' ? toan.value.average / 10 : null);
			expect(row.getCell(col('Kết quả cuối năm')).value ?? '').toBe(student.promotion?.ok ? student.promotion.value : '');
			expect(row.getCell(col('Kết quả học tập')).value ?? '').toBe(student.academic.ok ? student.academic.value.level : '');
			expect(row.getCell(col('Nghỉ có phép')).value).toBe(student.absenceKinds?.excused ?? null);
			expect(row.getCell(col('Nghỉ không phép')).value).toBe(student.absenceKinds?.unexcused ?? null);
			expect(row.getCell(col('Tổng số buổi nghỉ')).value).toBe(student.absences.ok ? student.absences.value : null);
		});
		expect(rows[0]!.getCell(col('Toán')).numFmt).toBe('0.0');
		const incomplete = summary.students.findIndex((s) => !s.academic.ok);
		expect(incomplete).toBeGreaterThanOrEqual(0);
		expect(String(rows[incomplete]!.getCell(col('Ghi chú')).value)).toMatch(/HK II: Thiếu Đ{1,2}G(gk|ck)/);
		// The student absent 12 + 38 sessions in HK II (test above): the year total and its parts.
		const absent = summary.students.findIndex((s) => s.absenceKinds !== null && s.absenceKinds.unexcused >= 38);
		expect(absent).toBeGreaterThanOrEqual(0);
		const absentRow = rows[absent]!;
		expect(Number(absentRow.getCell(col('Nghỉ có phép')).value) + Number(absentRow.getCell(col('Nghỉ không phép')).value)).toBe(absentRow.getCell(col('Tổng số buổi nghỉ')).value);

		const counts = workbook.getWorksheet(COUNTS_SHEET)!;
		const table = new Map<string, number>();
		counts.eachRow((row) => {
			const label = row.getCell(1).value;
			const value = row.getCell(2).value;
			if (typeof label === 'string' && typeof value === 'number') table.set(label, value);
		});
		for (const outcome of PROMOTION_OUTCOMES) expect(table.get(outcome)).toBe(summary.counts.promotion![outcome]);
		expect(table.get('Học sinh Xuất sắc')).toBe(summary.counts.award!['Xuất sắc']);
		// Level labels appear in two sections: học tập first, then rèn luyện.
		const levelRows: Array<[string, number]> = [];
		counts.eachRow((row) => {
			const label = row.getCell(1).value;
			if (typeof label === 'string' && (LEVELS_HIGH_FIRST as readonly string[]).includes(label)) levelRows.push([label, Number(row.getCell(2).value)]);
		});
		expect(levelRows.slice(0, 4)).toEqual(LEVELS_HIGH_FIRST.map((level) => [level, summary.counts.academic[level]]));
		expect(levelRows.slice(4, 8)).toEqual(LEVELS_HIGH_FIRST.map((level) => [level, summary.counts.conduct[level]]));
	});
});
