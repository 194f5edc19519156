/**
 * What a principal reads in the audit CSV and on the correction requests page (real HTTP, a
 * principal's session): local times "dd/MM/yyyy HH:mm" (Asia/Ho_Chi_Minh), student codes and
 * names instead of internal ids, marks with the grid's decimal comma, and a CSV that Excel in
 * Vietnamese opens in columns (';' separator, UTF-8 BOM).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const CLASS = '9a1';
const GRADEBOOK = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: CLASS, subject: 'toan' });

/** RFC 4180 records with ';' between fields. */
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
		} else if (c === '"') quoted = !quoted;
		else if (!quoted && c === ';') {
			row.push(field);
			field = '';
		} else if (!quoted && c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	return rows;
}

describe('readable audit CSV and correction requests', () => {
	let running: RunningApp;
	let principalId: string;
	let student: { id: string; code: string; name: string };

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-readable-', { serveApp: true });
		const db = running.app.services.db;
		principalId = (await db.select().from(t.staffRoles).where(eq(t.staffRoles.role, 'principal')))[0]!.personId;
		student = (
			await db
				.select({ id: t.students.id, code: t.students.moetCode, name: t.people.fullName })
				.from(t.enrolments)
				.innerJoin(t.students, eq(t.students.id, t.enrolments.studentId))
				.innerJoin(t.people, eq(t.people.id, t.students.personId))
				.where(and(eq(t.enrolments.classCode, CLASS), eq(t.enrolments.year, YEAR)))
		)[0]!;
		expect(student.code).not.toBe(student.id);
	}, 120_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('the CSV: BOM, ";" separator, local times, student code and name, marks as the grid shows them', async () => {
		await running.app.services.db.insert(t.gradeAudit).values({
			document: GRADEBOOK,
			studentId: student.id,
			columnKey: 'tx2',
			oldValue: '8.0',
			newValue: '7.5',
			personId: principalId,
			personName: 'Cô Kiểm; "Thử"',
			enteredAt: new Date('2025-10-03T16:59:00Z'),
			offline: true,
			recordedAt: new Date('2025-10-03T17:05:00Z')
		});
		const response = await (await running.signedIn(principalId))('/quan-ly/nhat-ky-diem.csv');
		expect(response.status).toBe(200);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const body = bytes.subarray(3).toString('utf8');
		const rows = parseCsv(body);
		expect(rows[0]).toEqual(['Thời điểm ghi nhận', 'Sổ điểm', 'Học sinh', 'Mã học sinh', 'Cột', 'Điểm cũ', 'Điểm mới', 'Người sửa', 'Nhập lúc', 'Ngoại tuyến']);
		expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
		const ours = rows.find((r) => r[7] === 'Cô Kiểm; "Thử"');
		expect(ours).toEqual(['04/10/2025 00:05', 'Toán — 9A1 — HK I', student.name, student.code, 'ĐĐGtx2', '8', '7,5', 'Cô Kiểm; "Thử"', '03/10/2025 23:59', 'có']);
		// No UTC ISO instants and no internal ids anywhere a person reads.
		expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
		expect(rows.flat()).not.toContain(student.id);
		expect(rows.flat()).not.toContain(principalId);
	});

	it('the correction requests page: local time, decimal comma, student name and code', async () => {
		const db = running.app.services.db;
		const [request] = await db
			.insert(t.correctionRequests)
			.values({ document: GRADEBOOK, personId: principalId, personName: 'Thầy Gửi Yêu Cầu', createdAt: new Date('2025-12-31T17:30:00Z') })
			.returning();
		await db.insert(t.correctionCells).values({ requestId: request!.id, studentId: student.id, columnKey: 'gk', oldValue: '8.0', newValue: '2.5' });
		// The page's data as the browser receives it (SSR of built pages is not loadable under Vitest);
		// the page prints these strings as they are.
		const page = await (await running.signedIn(principalId))('/quan-ly/yeu-cau-sua-diem/__data.json');
		expect(page.status).toBe(200);
		const data = await page.text();
		expect(data).toContain('"Thầy Gửi Yêu Cầu"');
		expect(data).toContain('"01/01/2026 00:30"');
		expect(data).toContain(`"${student.name}","${student.code}","ĐĐGgk","8","2,5"`);
		expect(data).not.toContain('8.0');
		expect(data).not.toContain('2.5');
		expect(data).not.toContain('2025-12-31T');
	});
});
