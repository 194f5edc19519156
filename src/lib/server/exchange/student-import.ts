/**
 * The education database's student export, imported (exchange SPEC CX4–CX9, issue 14): read by
 * header (CX1–CX3), checked by the roster import's own rules (roster RI2–RI13), compared with the
 * school's students (CX7), and only the rows a leader selected and confirmed are written, in one
 * transaction with the roster's writer (RI14) plus each student's state (CX8).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, exchangeRuns, people, students } from '../../../../drizzle/schema';
import { CHANGE_NAMES, detectChanges, type ChangeReport, type CurrentStudent } from '../../domain/exchange/changes';
import { readStudentExport, statusOf, type ExportRow, type StatusCode } from '../../domain/exchange/student-export';
import type { SheetGrid } from '../../domain/exchange/headers';
import { formatIsoDate } from '../../domain/identity/calendar-date';
import { readDate } from '../../domain/roster/cells';
import type { ColumnKey } from '../../domain/roster/columns';
import type { RosterIssue } from '../../domain/roster/validate-rows';
import type { Keys } from '../keys';
import { classesChangedBy, planRoster, writeRosterPlan, type RosterTarget } from '../roster/roster-import';

type Reader = Pick<Database, 'select'>;

/** The export's own names for the roster's columns, for messages. */
const EXPORT_COLUMN_NAMES: Partial<Record<ColumnKey, string>> = {
	moetCode: 'Mã học sinh',
	fullName: 'Họ tên',
	birthDate: 'Ngày sinh',
	gender: 'Giới tính',
	personalId: 'Số định danh cá nhân',
	className: 'Lớp',
	'g1.fullName': 'Họ tên cha',
	'g1.birthDate': 'Ngày sinh cha',
	'g1.personalId': 'Số định danh cha',
	'g1.phone': 'Số điện thoại cha',
	'g2.fullName': 'Họ tên mẹ',
	'g2.birthDate': 'Ngày sinh mẹ',
	'g2.personalId': 'Số định danh mẹ',
	'g2.phone': 'Số điện thoại mẹ'
};

export interface StudentImportPreview {
	counts: { rows: number; errorRows: number; changes: number; unchanged: number };
	issues: Array<RosterIssue & { columnName: string | null }>;
	changes: Array<{ line: number; moetCode: string; fullName: string; kinds: string[]; details: string[]; leaving: boolean }>;
	absent: Array<{ moetCode: string; fullName: string; className: string }>;
}

export type StudentImportTarget = RosterTarget & { actorId: string; now: Date };

/** The school's students in the year, as they are now (the "before" of CX7). */
export async function currentStudents(db: Reader, target: RosterTarget): Promise<CurrentStudent[]> {
	const rows = await db
		.select({ studentId: students.id, moetCode: students.moetCode, fullName: people.fullName, birthDate: people.birthDate, classCode: enrolments.classCode, status: enrolments.status })
		.from(students)
		.innerJoin(people, eq(people.id, students.personId))
		.leftJoin(enrolments, and(eq(enrolments.studentId, students.id), eq(enrolments.year, target.year)))
		.where(eq(students.schoolId, target.schoolId));
	return rows.map((r) => ({ ...r, status: (r.status ?? 'dang-hoc') as StatusCode }));
}

async function classNamesOf(db: Reader, target: RosterTarget) {
	const rows = await db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, target.schoolId), eq(classes.year, target.year)));
	return new Map(rows.map((c) => [c.code, c.name]));
}

interface Analysis {
	rows: ExportRow[];
	issues: RosterIssue[];
	errorRows: number;
	report: ChangeReport;
	plannedRows: number;
}

async function analyse(db: Reader, keys: Keys, target: RosterTarget, sheets: readonly SheetGrid[]): Promise<{ ok: false; message: string; fix: string } | ({ ok: true } & Analysis)> {
	const read = readStudentExport(sheets);
	if (!read.ok) return read;
	const plan = await planRoster(db, keys, target, read.rows.map((r) => r.row));
	const issues = [...read.issues, ...plan.issues].sort((a, b) => a.line - b.line);
	const errorLines = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.line));
	const statuses = new Map(read.rows.map((r) => [r.row.line, r.status]));
	const report = detectChanges(plan, statuses, await currentStudents(db, target), await classNamesOf(db, target));
	return { ok: true, rows: read.rows, issues, errorRows: errorLines.size, report, plannedRows: plan.counts.rows + read.issues.filter((i) => i.rule === 'CX5').length };
}

/** CX7: what the export would change, and every problem by row and column. Writes nothing. */
export async function previewStudentExport(db: Database, keys: Keys, target: RosterTarget, sheets: readonly SheetGrid[]): Promise<{ ok: true; preview: StudentImportPreview } | { ok: false; message: string; fix: string }> {
	const analysis = await analyse(db, keys, target, sheets);
	if (!analysis.ok) return analysis;
	const names = await classNamesOf(db, target);
	return {
		ok: true,
		preview: {
			counts: { rows: analysis.plannedRows, errorRows: analysis.errorRows, changes: analysis.report.changes.length, unchanged: analysis.report.unchanged },
			issues: analysis.issues.map((i) => ({ ...i, columnName: i.column ? (EXPORT_COLUMN_NAMES[i.column] ?? null) : null })),
			changes: analysis.report.changes.map((c) => ({ line: c.line, moetCode: c.moetCode, fullName: c.fullName, kinds: c.kinds.map((k) => CHANGE_NAMES[k]), details: c.details, leaving: !statusOf(c.status).enrolled })),
			absent: analysis.report.absent.map((a) => ({ moetCode: a.moetCode, fullName: a.fullName, className: a.classCode ? (names.get(a.classCode) ?? a.classCode) : '' }))
		}
	};
}

export type StudentImportCommit =
	| { ok: true; applied: number; skipped: number; classes: string[] }
	| { ok: false; message: string; fix: string; issues?: RosterIssue[] };

/**
 * CX8: in one transaction, the export is checked again against the database as it is now; a file
 * with any error writes nothing; of the changed rows, only the `selected` lines are written
 * (roster RI14's writer, then the student's state and its date). Students who left keep their
 * enrolment, marks and history. Every attempt is recorded for the status page (CX10).
 */
export async function commitStudentExport(db: Database, keys: Keys, target: StudentImportTarget, sheets: readonly SheetGrid[], selected: ReadonlySet<number>): Promise<StudentImportCommit> {
	const result = await db.transaction(async (tx): Promise<StudentImportCommit> => {
		const analysis = await analyse(tx, keys, target, sheets);
		if (!analysis.ok) return analysis;
		if (analysis.errorRows > 0) {
			return { ok: false, message: `Tệp còn lỗi ở ${analysis.errorRows} dòng; chưa có gì được ghi.`, fix: 'Bấm "Kiểm tra tệp" để xem lỗi.', issues: analysis.issues.filter((i) => i.severity === 'error') };
		}
		const changed = new Set(analysis.report.changes.map((c) => c.line));
		const chosen = analysis.rows.filter((r) => changed.has(r.row.line) && selected.has(r.row.line));
		if (chosen.length === 0) return { ok: true, applied: 0, skipped: changed.size, classes: [] };
		const plan = await planRoster(tx, keys, target, chosen.map((r) => r.row));
		const ids = await writeRosterPlan(tx, keys, target, plan);
		const byLine = new Map(chosen.map((r) => [r.row.line, r]));
		const before = new Map((await currentStudents(tx, target)).map((c) => [c.studentId, c.status]));
		for (const [index, action] of plan.students.entries()) {
			const row = byLine.get(action.line);
			const studentId = ids[index];
			if (!row || !studentId || before.get(studentId) === row.status) continue;
			const date = readDate(row.statusDate);
			const statusDate = date.ok ? formatIsoDate(date.value) : formatIsoDate(target.today);
			await tx.update(enrolments).set({ status: row.status, statusDate }).where(and(eq(enrolments.studentId, studentId), eq(enrolments.year, target.year)));
		}
		return { ok: true, applied: chosen.length, skipped: changed.size - chosen.length, classes: classesChangedBy(plan) };
	});
	await db.insert(exchangeRuns).values({
		schoolId: target.schoolId,
		kind: 'student_import',
		outcome: result.ok ? 'done' : 'failed',
		detail: result.ok ? `Áp dụng ${result.applied} thay đổi, bỏ qua ${result.skipped}.` : result.message,
		actorId: target.actorId,
		at: target.now
	});
	return result;
}
