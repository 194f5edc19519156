/**
 * The class summary as a real Excel workbook (.xlsx, exceljs): sheet "Tổng kết" with one row per
 * student and Vietnamese headers, sheet "Thống kê" with the counts per level, award and path.
 * Averages and absence counts are numbers (averages in format 0.0) so the school can sort and
 * filter them in Excel; absences have three columns: có phép, không phép and their total.
 */
import ExcelJS from 'exceljs';
import { AWARDS, LEVELS_HIGH_FIRST, PERIOD_LABELS, PROMOTION_OUTCOMES, promotionLabel, type ClassSummary, type Outcome, type SubjectValue } from '../../domain/reports';
import { neutraliseCell } from '../exports/spreadsheet-text';
import type { ClassInfo } from './class-summary-data';

export const SUMMARY_SHEET = 'Tổng kết';
export const COUNTS_SHEET = 'Thống kê';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3F1ED' } };
const THIN: Partial<ExcelJS.Borders> = {
	top: { style: 'thin', color: { argb: 'FFD9E0DD' } },
	bottom: { style: 'thin', color: { argb: 'FFD9E0DD' } },
	left: { style: 'thin', color: { argb: 'FFD9E0DD' } },
	right: { style: 'thin', color: { argb: 'FFD9E0DD' } }
};

/** A subject cell: a number for an average, Đ/CĐ for a comment result, empty when not computed. */
function subjectCell(outcome: Outcome<SubjectValue> | undefined): number | string | null {
	if (!outcome?.ok) return null;
	return outcome.value.kind === 'score' ? outcome.value.average / 10 : outcome.value.result;
}

function text<T>(outcome: Outcome<T> | null, show: (value: T) => string): string {
	if (outcome === null) return '';
	return outcome.ok ? show(outcome.value) : '';
}

export function summaryFileName(info: ClassInfo, summary: ClassSummary): string {
	const period = summary.period === 'year' ? 'ca-nam' : summary.period;
	return `tong-ket-${info.classCode}-${info.year}-${period}.xlsx`;
}

function titleOf(info: ClassInfo, summary: ClassSummary): string {
	return `TỔNG KẾT LỚP ${info.className} — ${PERIOD_LABELS[summary.period].long.toUpperCase()} — NĂM HỌC ${info.year}`;
}

function summarySheet(workbook: ExcelJS.Workbook, info: ClassInfo, summary: ClassSummary): void {
	const sheet = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 4 }] });
	// Nghệ thuật is shown as its two parts and, right after them, the combined result (S4).
	const combined = summary.programme.filter((p) => p.units.length > 1);
	const subjectColumns = summary.subjects.flatMap((s) => {
		const programme = combined.find((p) => p.units.at(-1) === s.code);
		return programme ? [{ header: s.shortName, unit: s.code }, { header: programme.shortName, programme: programme.code }] : [{ header: s.shortName, unit: s.code }];
	});
	const headers = ['STT', 'Mã học sinh', 'Họ và tên', ...subjectColumns.map((c) => c.header), 'Kết quả học tập', 'Kết quả rèn luyện', 'Nghỉ có phép', 'Nghỉ không phép', 'Tổng số buổi nghỉ', 'Danh hiệu', 'Kết quả cuối năm', 'Ghi chú'];
	sheet.mergeCells(1, 1, 1, headers.length);
	sheet.getCell(1, 1).value = titleOf(info, summary);
	sheet.getCell(1, 1).font = { bold: true, size: 14 };
	sheet.getCell(2, 1).value = info.schoolName;
	const header = sheet.getRow(4);
	header.values = headers;
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
	header.height = 32;
	header.eachCell((cell) => {
		cell.fill = HEADER_FILL;
		cell.border = THIN;
	});

	summary.students.forEach((row, index) => {
		const notes: string[] = [];
		const values = subjectColumns.map((column) => {
			const outcome = 'unit' in column ? row.subjects[column.unit!] : row.programme[column.programme!];
			if (outcome && !outcome.ok && 'unit' in column) notes.push(`${column.header}: ${outcome.reason}`);
			return subjectCell(outcome);
		});
		if (!row.academic.ok && notes.length === 0) notes.push(row.academic.reason);
		if (row.academic.ok && row.academic.value.adjustedBy) notes.push(`Học tập được nâng một mức theo khoản 3 Điều 9 (môn ${row.academic.value.adjustedBy})`);
		if (!row.conduct.ok) notes.push(row.conduct.reason);
		if (!row.absences.ok) notes.push(row.absences.reason);
		if (row.absenceKinds && row.absenceKinds.unclassified > 0) notes.push(`Tổng số buổi nghỉ gồm ${row.absenceKinds.unclassified} buổi chưa phân loại có phép/không phép (nhập trước khi tách)`);
		const excelRow = sheet.addRow([
			index + 1,
			row.student.code,
			row.student.name,
			...values,
			text(row.academic, (a) => a.level),
			text(row.conduct, (c) => c),
			row.absenceKinds?.excused ?? null,
			row.absenceKinds?.unexcused ?? null,
			row.absences.ok ? row.absences.value : null,
			text(row.award, (a) => (a === null ? '' : `Học sinh ${a}`)),
			text(row.promotion, (p) => promotionLabel(p, info.grade)),
			notes.join('; ')
		]);
		excelRow.eachCell({ includeEmpty: true }, (cell, col) => {
			cell.border = THIN;
			if (col > 3 && col <= 3 + subjectColumns.length) {
				cell.numFmt = '0.0';
				cell.alignment = { horizontal: 'center' };
			}
		});
	});

	sheet.getColumn(1).width = 5;
	sheet.getColumn(2).width = 13;
	sheet.getColumn(3).width = 26;
	for (let i = 0; i < subjectColumns.length; i++) sheet.getColumn(4 + i).width = 8;
	const after = 4 + subjectColumns.length;
	[16, 16, 10, 10, 10, 20, 20, 60].forEach((width, i) => (sheet.getColumn(after + i).width = width));
	sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4 + summary.students.length, column: headers.length } };
}

function countsSheet(workbook: ExcelJS.Workbook, info: ClassInfo, summary: ClassSummary): void {
	const sheet = workbook.addWorksheet(COUNTS_SHEET);
	const total = summary.students.length;
	const percent = (n: number) => (total === 0 ? 0 : n / total);
	sheet.getCell(1, 1).value = titleOf(info, summary);
	sheet.getCell(1, 1).font = { bold: true, size: 14 };
	sheet.getCell(2, 1).value = `Sĩ số: ${total}`;
	const section = (title: string, rows: ReadonlyArray<readonly [string, number]>) => {
		sheet.addRow([]);
		const head = sheet.addRow([title, 'Số học sinh', 'Tỉ lệ']);
		head.font = { bold: true };
		head.eachCell((cell) => (cell.fill = HEADER_FILL));
		for (const [label, count] of rows) {
			const row = sheet.addRow([label, count, percent(count)]);
			row.getCell(3).numFmt = '0.0%';
		}
	};
	const { academic, conduct, award, promotion } = summary.counts;
	section('Kết quả học tập', [...LEVELS_HIGH_FIRST.map((level) => [level, academic[level]] as const), ['Chưa xếp loại (thiếu điểm)', academic.missing]]);
	section('Kết quả rèn luyện', [...LEVELS_HIGH_FIRST.map((level) => [level, conduct[level]] as const), ['Chưa xếp loại', conduct.missing]]);
	if (award) section('Danh hiệu', [...AWARDS.map((a) => [`Học sinh ${a}`, award[a]] as const), ['Không đạt danh hiệu', award.none], ['Chưa xét', award.missing]]);
	if (promotion) section('Kết quả cuối năm', [...PROMOTION_OUTCOMES.map((p) => [promotionLabel(p, info.grade), promotion[p]] as const), ['Chưa xét (thiếu dữ liệu)', promotion.missing]]);
	sheet.getColumn(1).width = 32;
	sheet.getColumn(2).width = 14;
	sheet.getColumn(3).width = 10;
}

/**
 * Names, codes, notes and the school's name come from documents and people: every text cell that
 * could start a formula stays text (P7). Numbers (averages) are left as numbers.
 */
function neutraliseWorkbook(workbook: ExcelJS.Workbook): void {
	workbook.eachSheet((sheet) =>
		sheet.eachRow({ includeEmpty: false }, (row) =>
			row.eachCell({ includeEmpty: false }, (cell) => {
				const safe = neutraliseCell(cell.value);
				if (safe !== cell.value) cell.value = safe;
			})
		)
	);
}

export async function summaryWorkbook(info: ClassInfo, summary: ClassSummary): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Sổ Điểm';
	summarySheet(workbook, info, summary);
	countsSheet(workbook, info, summary);
	neutraliseWorkbook(workbook);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
