/**
 * The education database's student export on PostgreSQL and PGlite (issue 14, exchange SPEC
 * CX4–CX10): import → re-import of the same file (nothing changes) → a later export with a student
 * who left, a class change and a changed name (the change preview) → confirm a selection of it.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../drizzle/database';
import { enrolments, exchangeRuns, guardianships, people, students } from '../../drizzle/schema';
import type { Keys } from '../../src/lib/server/keys';
import { commitStudentExport, previewStudentExport } from '../../src/lib/server/exchange/student-import';
import { readWorkbook } from '../../src/lib/server/exchange/workbook';
import { PEOPLE, SCHOOL, seedAccessSchool, YEAR } from '../fixtures/access-school';
import { exportStudents, studentExport, type ExportStudent } from '../fixtures/csdl-export';
import { storageBackends, type OpenedBackend } from '../helpers/test-database';

const keys: Keys = { idHashKey: new Uint8Array(32).fill(1), idEncryptionKey: new Uint8Array(32).fill(2), syncTicketSecret: new Uint8Array(32).fill(3) };
const target = { schoolId: SCHOOL, year: YEAR, today: { year: 2026, month: 11, day: 30 }, actorId: PEOPLE.principal.id, now: new Date('2026-11-30T03:00:00Z') };

function sheetsOf(bytes: Uint8Array) {
	const read = readWorkbook(bytes);
	if (!read.ok) throw new Error(read.message);
	return read.sheets;
}

async function sizes(db: Database) {
	const [p] = await db.select({ n: count() }).from(people);
	const [s] = await db.select({ n: count() }).from(students);
	const [g] = await db.select({ n: count() }).from(guardianships);
	const [e] = await db.select({ n: count() }).from(enrolments);
	return { people: p!.n, students: s!.n, guardianships: g!.n, enrolments: e!.n };
}

async function enrolmentOf(db: Database, moetCode: string) {
	const [row] = await db
		.select({ name: people.fullName, birthDate: people.birthDate, classCode: enrolments.classCode, status: enrolments.status, statusDate: enrolments.statusDate })
		.from(students)
		.innerJoin(people, eq(people.id, students.personId))
		.innerJoin(enrolments, and(eq(enrolments.studentId, students.id), eq(enrolments.year, YEAR)))
		.where(eq(students.moetCode, moetCode));
	return row;
}

describe.each(storageBackends())('education database student import on $name', (backend) => {
	let opened: OpenedBackend;
	let db: Database;
	const roster = exportStudents(12, ['6A1', '6A2']);
	const allLines = new Set(Array.from({ length: 40 }, (_, i) => i + 1));

	beforeAll(async () => {
		opened = await backend.open();
		db = opened.handle.db;
		await seedAccessSchool(db, keys);
	}, 60_000);
	afterAll(() => opened?.cleanup());

	it('CX7 CX8 a first export (.xls, one header row) shows every student as joined; confirmed, it writes students, classes and declared mothers', async () => {
		const before = await sizes(db);
		const bytes = studentExport(roster, 'v1', 'xls');
		const preview = await previewStudentExport(db, keys, target, sheetsOf(bytes));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		expect(preview.preview.counts).toEqual({ rows: 12, errorRows: 0, changes: 12, unchanged: 0 });
		expect(preview.preview.changes[0]).toMatchObject({ line: 2, kinds: ['Mới vào trường', 'Phụ huynh'], leaving: false });
		expect(await sizes(db)).toEqual(before);
		const result = await commitStudentExport(db, keys, target, sheetsOf(bytes), allLines);
		expect(result).toEqual({ ok: true, applied: 12, skipped: 0, classes: ['6a1', '6a2'] });
		// 12 students and 12 mothers; fathers have no ID in the export: not declared.
		expect(await sizes(db)).toEqual({ people: before.people + 24, students: before.students + 12, guardianships: before.guardianships + 12, enrolments: before.enrolments + 12 });
		expect(await enrolmentOf(db, roster[1]!.moetCode)).toMatchObject({ classCode: '6a2', status: 'dang-hoc', statusDate: null });
	});

	it('CX7 the same export again, as .xlsx of the other template version, shows and changes nothing', async () => {
		const before = await sizes(db);
		for (const bytes of [studentExport(roster, 'v1', 'xls'), studentExport(roster, 'v2', 'xlsx')]) {
			const preview = await previewStudentExport(db, keys, target, sheetsOf(bytes));
			expect(preview.ok && preview.preview.counts).toEqual({ rows: 12, errorRows: 0, changes: 0, unchanged: 12 });
			expect(await commitStudentExport(db, keys, target, sheetsOf(bytes), allLines)).toEqual({ ok: true, applied: 0, skipped: 0, classes: [] });
		}
		expect(await sizes(db)).toEqual(before);
	});

	it('CX7 CX8 CX9 a later export: the preview names who left, changed class or name; only the confirmed rows are written; a leaver keeps the enrolment', async () => {
		const later: ExportStudent[] = roster.map((s, i) =>
			i === 0 ? { ...s, status: 'Chuyển đi', statusDate: '15/11/2026' } : i === 1 ? { ...s, className: '6A1' } : i === 2 ? { ...s, fullName: `${s.fullName} Anh` } : i === 3 ? { ...s, status: 'Thôi học' } : s
		);
		const newcomer = exportStudents(1, ['6A2'], 500)[0]!;
		const bytes = studentExport([...later, newcomer], 'v2', 'xlsx');
		const preview = await previewStudentExport(db, keys, target, sheetsOf(bytes));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		// v2 data starts on line 5 (title, two header rows, numbering row).
		expect(preview.preview.changes.map((c) => `${c.line} ${c.kinds.join('+')} ${c.details.join('; ')}`)).toEqual([
			'5 Rời trường Trạng thái: Đang học → Chuyển đi',
			'6 Chuyển lớp Lớp: 6A2 → 6A1',
			`7 Đổi họ tên Họ tên: ${roster[2]!.fullName} → ${roster[2]!.fullName} Anh`,
			'8 Rời trường Trạng thái: Đang học → Thôi học',
			'17 Mới vào trường+Phụ huynh Vào lớp 6A2; Khai báo hoặc cập nhật cha, mẹ'
		]);
		expect(preview.preview.changes.filter((c) => c.leaving).map((c) => c.line)).toEqual([5, 8]);
		const before = await sizes(db);
		// The reviewer confirms the leaver, the class change and the new name, not the second leaver nor the newcomer.
		const result = await commitStudentExport(db, keys, target, sheetsOf(bytes), new Set([5, 6, 7]));
		// RI15: the classes whose rosters change (the class change's and the new name's); a leaver changes none.
		expect(result).toEqual({ ok: true, applied: 3, skipped: 2, classes: ['6a1'] });
		expect(await sizes(db)).toEqual(before);
		expect(await enrolmentOf(db, roster[0]!.moetCode)).toMatchObject({ classCode: roster[0]!.className.toLowerCase(), status: 'chuyen-di', statusDate: '2026-11-15' });
		expect(await enrolmentOf(db, roster[1]!.moetCode)).toMatchObject({ classCode: '6a1', status: 'dang-hoc' });
		expect(await enrolmentOf(db, roster[2]!.moetCode)).toMatchObject({ name: `${roster[2]!.fullName} Anh` });
		expect(await enrolmentOf(db, roster[3]!.moetCode)).toMatchObject({ status: 'dang-hoc' });
		// What was not confirmed is still waiting in the next preview; what was is not shown again.
		const again = await previewStudentExport(db, keys, target, sheetsOf(bytes));
		expect(again.ok && again.preview.changes.map((c) => c.line)).toEqual([8, 17]);
		const rest = await commitStudentExport(db, keys, target, sheetsOf(bytes), allLines);
		expect(rest).toEqual({ ok: true, applied: 2, skipped: 0, classes: ['6a2'] });
		expect(await enrolmentOf(db, roster[3]!.moetCode)).toMatchObject({ status: 'thoi-hoc', statusDate: '2026-11-30' });
		const runs = await db.select().from(exchangeRuns).where(eq(exchangeRuns.schoolId, SCHOOL));
		expect(runs.every((r) => r.kind === 'student_import' && r.outcome === 'done')).toBe(true);
	});

	it('CX8 an export with an error writes nothing and the failure is recorded with its reason', async () => {
		const before = await sizes(db);
		const bad = [...roster, { ...exportStudents(1, ['6A1'], 900)[0]!, className: '9Z9' }];
		const result = await commitStudentExport(db, keys, target, sheetsOf(studentExport(bad, 'v1', 'xlsx')), allLines);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues?.map((i) => `${i.line} ${i.code}`)).toEqual(['14 class-unknown']);
		expect(await sizes(db)).toEqual(before);
		const [last] = await db.select().from(exchangeRuns).where(eq(exchangeRuns.outcome, 'failed'));
		expect(last?.detail).toContain('lỗi');
	});

	it('CX4 a file that is not a workbook, or a workbook without the student list, is refused with what to do', async () => {
		expect(readWorkbook(new TextEncoder().encode('Mã học sinh;Họ tên')).ok).toBe(false);
		const other = await previewStudentExport(db, keys, target, [{ name: 'Sheet1', rows: [['Họ tên', 'Email']], merges: [] }]);
		expect(other).toMatchObject({ ok: false, fix: expect.stringContaining('CSDL ngành') });
	});
});
