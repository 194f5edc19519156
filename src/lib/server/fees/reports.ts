/**
 * Fee reports (SPEC FA16–FA17): collected and outstanding per item, class and month; families with
 * overdue amounts; a class's payment status for its homeroom teacher (no exemption reasons).
 * Collected = sum of allocations; outstanding = amount of open dues − their allocations.
 */
import ExcelJS from 'exceljs';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import type { FeeScope } from './dues';
import { periodName } from '../../domain/fees/dues';

export interface DueFact {
	id: number;
	studentId: string;
	studentCode: string;
	studentName: string;
	classCode: string;
	className: string;
	itemCode: string;
	itemName: string;
	period: string;
	amount: number;
	collected: number;
	state: string;
	dueDate: string;
	exemptionCategory: string | null;
}

export async function dueFacts(db: Database, scope: FeeScope, classCode?: string): Promise<DueFact[]> {
	const rows = await db
		.select({
			id: t.feeDues.id,
			studentId: t.feeDues.studentId,
			studentCode: t.students.moetCode,
			studentName: t.people.fullName,
			classCode: t.enrolments.classCode,
			className: t.classes.name,
			itemCode: t.feeDues.itemCode,
			itemName: t.feeItems.name,
			period: t.feeDues.period,
			amount: t.feeDues.amount,
			collected: sql<string>`coalesce((select sum(fa.amount) from fee_allocations fa where fa.due_id = fee_dues.id), 0)`,
			state: t.feeDues.state,
			dueDate: t.feeDues.dueDate,
			exemptionCategory: t.feeDues.exemptionCategory
		})
		.from(t.feeDues)
		.innerJoin(t.students, eq(t.students.id, t.feeDues.studentId))
		.innerJoin(t.people, eq(t.people.id, t.students.personId))
		.innerJoin(t.enrolments, and(eq(t.enrolments.studentId, t.feeDues.studentId), eq(t.enrolments.schoolId, t.feeDues.schoolId), eq(t.enrolments.year, t.feeDues.year)))
		.innerJoin(t.classes, and(eq(t.classes.schoolId, t.enrolments.schoolId), eq(t.classes.year, t.enrolments.year), eq(t.classes.code, t.enrolments.classCode)))
		.innerJoin(t.feeItems, and(eq(t.feeItems.schoolId, t.feeDues.schoolId), eq(t.feeItems.year, t.feeDues.year), eq(t.feeItems.code, t.feeDues.itemCode)))
		.where(
			and(
				eq(t.feeDues.schoolId, scope.school),
				eq(t.feeDues.year, scope.year),
				ne(t.feeDues.state, 'cancelled'),
				classCode ? eq(t.enrolments.classCode, classCode) : undefined
			)
		)
		.orderBy(t.enrolments.classCode, t.people.fullName, t.feeDues.itemCode, t.feeDues.period);
	return rows.map((r) => ({ ...r, studentCode: r.studentCode ?? r.studentId, collected: Number(r.collected) }));
}

export interface Totals {
	key: string;
	label: string;
	due: number;
	collected: number;
	outstanding: number;
}

function group(facts: DueFact[], key: (f: DueFact) => string, label: (f: DueFact) => string): Totals[] {
	const out = new Map<string, Totals>();
	for (const f of facts) {
		const k = key(f);
		const row = out.get(k) ?? { key: k, label: label(f), due: 0, collected: 0, outstanding: 0 };
		row.due += f.amount;
		row.collected += f.collected;
		row.outstanding += f.amount - f.collected;
		out.set(k, row);
	}
	return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Month of a due: its period when it is a month, else the month it falls due. */
const monthOf = (f: DueFact) => (/^\d{4}-\d{2}$/.test(f.period) ? f.period : f.dueDate.slice(0, 7));

export interface FeeReport {
	byItem: Totals[];
	byClass: Totals[];
	byMonth: Totals[];
	overdue: Array<{ studentName: string; studentCode: string; className: string; outstanding: number; oldestDueDate: string; items: string[] }>;
}

/** FA16: the report; `today` decides what is overdue (a date passed in, no clock here). */
export function feeReport(facts: DueFact[], today: string): FeeReport {
	const overdue = new Map<string, FeeReport['overdue'][number]>();
	for (const f of facts) {
		const left = f.amount - f.collected;
		if (f.state !== 'open' || left <= 0 || f.dueDate >= today) continue;
		const row = overdue.get(f.studentId) ?? { studentName: f.studentName, studentCode: f.studentCode, className: f.className, outstanding: 0, oldestDueDate: f.dueDate, items: [] };
		row.outstanding += left;
		if (f.dueDate < row.oldestDueDate) row.oldestDueDate = f.dueDate;
		row.items.push(`${f.itemName} ${periodName(f.period)}`);
		overdue.set(f.studentId, row);
	}
	return {
		byItem: group(facts, (f) => f.itemCode, (f) => f.itemName),
		byClass: group(facts, (f) => f.classCode, (f) => f.className),
		byMonth: group(facts, monthOf, monthOf),
		overdue: [...overdue.values()].sort((a, b) => a.className.localeCompare(b.className) || a.studentName.localeCompare(b.studentName, 'vi'))
	};
}

/** FA17: the report as .xlsx, one sheet per table. */
export async function feeReportWorkbook(report: FeeReport, title: string): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.title = title;
	const totals = (name: string, head: string, rows: Totals[]) => {
		const sheet = workbook.addWorksheet(name);
		sheet.addRow([head, 'Phải thu (đồng)', 'Đã thu (đồng)', 'Còn phải thu (đồng)']).font = { bold: true };
		for (const r of rows) sheet.addRow([r.label, r.due, r.collected, r.outstanding]);
		sheet.columns.forEach((c, i) => (c.width = i === 0 ? 30 : 18));
	};
	totals('Theo khoản thu', 'Khoản thu', report.byItem);
	totals('Theo lớp', 'Lớp', report.byClass);
	totals('Theo tháng', 'Tháng', report.byMonth);
	const sheet = workbook.addWorksheet('Quá hạn');
	sheet.addRow(['Học sinh', 'Mã học sinh', 'Lớp', 'Còn nợ (đồng)', 'Hạn sớm nhất', 'Khoản']).font = { bold: true };
	for (const r of report.overdue) sheet.addRow([r.studentName, r.studentCode, r.className, r.outstanding, r.oldestDueDate, r.items.join('; ')]);
	sheet.columns.forEach((c, i) => (c.width = i === 5 ? 50 : 20));
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** FA2: a class's payment status for its homeroom teacher — paid or not, never why an amount was reduced. */
export function classStatus(facts: DueFact[]) {
	return facts.map((f) => ({
		studentName: f.studentName,
		studentCode: f.studentCode,
		itemName: f.itemName,
		period: f.period,
		amount: f.amount,
		collected: f.collected,
		state: f.state,
		dueDate: f.dueDate
	}));
}
