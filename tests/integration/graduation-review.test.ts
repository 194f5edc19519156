/**
 * Grade 9 (reports SPEC S15) through the composed app and real HTTP: the year .xlsx of a grade-9
 * class says "Hoàn thành chương trình THCS" where a grade-7 class says "Lên lớp", and the
 * leaders' graduation review list holds exactly the grade-9 students whose year outcome meets
 * Điều 12; a subject teacher is refused the list.
 */
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { classInfo, loadClassSummary } from '../../src/lib/server/homeroom/class-summary-data';
import { COUNTS_SHEET, SUMMARY_SHEET } from '../../src/lib/server/homeroom/summary-workbook';
import { startComposedApp, type RunningApp } from './helpers/composed-app';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';

async function sheetTexts(response: Response, name: string): Promise<string[]> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await response.arrayBuffer()) as ExcelJS.Buffer);
	const texts: string[] = [];
	workbook.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
	return texts;
}

describe('graduation review of grade 9', () => {
	let running: RunningApp;
	let principalId: string;
	let teacherId: string;

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-grade9-', { serveApp: true });
		const db = running.app.services.db;
		principalId = (await db.select().from(t.staffRoles).where(eq(t.staffRoles.role, 'principal')))[0]!.personId;
		teacherId = (await db.select().from(t.teachingAssignments).where(eq(t.teachingAssignments.classCode, '9a1')))[0]!.personId;
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('S15 the grade-9 year .xlsx says "Hoàn thành chương trình THCS", never "Lên lớp"; grade 7 keeps "Lên lớp"', async () => {
		const asPrincipal = await running.signedIn(principalId);
		const grade9 = await asPrincipal(`/lop/${SCHOOL}/${YEAR}/9a1/tong-ket.xlsx?ky=ca-nam`);
		expect(grade9.status).toBe(200);
		const bytes = await grade9.arrayBuffer();
		const rows = await sheetTexts(new Response(bytes), SUMMARY_SHEET);
		expect(rows).toContain('Hoàn thành chương trình THCS');
		expect(rows).not.toContain('Lên lớp');
		const counts = await sheetTexts(new Response(bytes), COUNTS_SHEET);
		expect(counts).toContain('Hoàn thành chương trình THCS');
		expect(counts).not.toContain('Lên lớp');
		const grade7 = await sheetTexts(await asPrincipal(`/lop/${SCHOOL}/${YEAR}/7a2/tong-ket.xlsx?ky=ca-nam`), SUMMARY_SHEET);
		expect(grade7).toContain('Lên lớp');
		expect(grade7).not.toContain('Hoàn thành chương trình THCS');
	});

	it('S15 the list holds exactly the grade-9 students whose year outcome is the Điều 12 pass, class by class', async () => {
		const db = running.app.services.db;
		const grade9 = await db.select().from(t.classes).where(and(eq(t.classes.schoolId, SCHOOL), eq(t.classes.year, YEAR), eq(t.classes.grade, 9)));
		expect(grade9.length).toBeGreaterThan(0);
		const expected: string[] = [];
		const excluded: string[] = [];
		for (const klass of grade9) {
			const summary = await loadClassSummary(db, (await classInfo(db, SCHOOL, YEAR, klass.code))!, 'year');
			for (const row of summary.students) (row.promotion?.ok && row.promotion.value === 'Lên lớp' ? expected : excluded).push(row.student.code);
		}
		expect(expected.length).toBeGreaterThan(0);
		const response = await (await running.signedIn(principalId))('/quan-ly/xet-tot-nghiep/__data.json');
		expect(response.status).toBe(200);
		const data = await response.text();
		for (const code of expected) expect(data).toContain(`"${code}"`);
		for (const code of excluded) expect(data).not.toContain(`"${code}"`);
		// No student of another grade.
		const [grade7Student] = await db
			.select({ code: t.students.moetCode })
			.from(t.enrolments)
			.innerJoin(t.students, eq(t.students.id, t.enrolments.studentId))
			.where(eq(t.enrolments.classCode, '7a2'));
		expect(data).not.toContain(`"${grade7Student!.code}"`);
	});

	it('a subject teacher is refused the list (server-side role check)', async () => {
		const response = await (await running.signedIn(teacherId))('/quan-ly/xet-tot-nghiep/__data.json');
		const body = await response.text();
		expect(body).toContain('Chỉ ban giám hiệu mới dùng được trang này.');
		expect(body).not.toContain('Danh sách');
		expect(body).not.toContain('"students"');
	});
});
