import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { RESULTS_LAYOUTS, subjectResult, type ResultsLayout } from '../../domain/exchange/results-layout';
import { buildClassSummary, promotionLabel, REGULAR_COLUMNS, summarySubjects, type ClassSummary, type HomeroomRecord, type MarkRecord, type Term } from '../../domain/reports';
import type { ClassInfo } from '../homeroom/class-summary-data';
import { fileExchange } from './exchange';
import { RESULTS_SHEET, resultsWorkbook } from './results-export';

const UNITS = ['ngu-van', 'toan', 'ngoai-ngu-1', 'gdcd', 'ls-dl', 'khtn', 'cong-nghe', 'tin-hoc', 'gdtc', 'am-nhac', 'mi-thuat', 'hdtn-hn', 'gddp'];
const SUBJECTS = summarySubjects(UNITS, 9);
const info: ClassInfo = { school: 's', schoolName: 'Trường THCS Thử', year: '2025-2026', classCode: '9a1', className: '9A1', grade: 9 };

function marks(id: string, score: string, comment: 'Đ' | 'CĐ'): MarkRecord[] {
	return (['hk1', 'hk2'] as Term[]).flatMap((term) =>
		SUBJECTS.flatMap((s) => [...REGULAR_COLUMNS.slice(0, s.regularCount), 'gk', 'ck'].map((column) => ({ studentId: id, subject: s.code, term, column, value: s.assessment === 'score' ? score : comment })))
	);
}
const homeroom = (id: string, excused: number, unexcused: number): HomeroomRecord[] =>
	(['hk1', 'hk2'] as Term[]).map((term) => ({ studentId: id, term, conduct: 'Tốt', absences: { excused, unexcused, unclassified: null } }));

function summaryOf(period: 'hk1' | 'year'): ClassSummary {
	return buildClassSummary(
		{
			subjects: SUBJECTS,
			students: [
				{ id: 'a', name: 'Lê Thị An', code: '7910000001' },
				{ id: 'b', name: 'Võ Văn Bình', code: '7910000002' },
				{ id: 'c', name: 'Trần Chí', code: '7910000003' }
			],
			marks: [...marks('a', '9.0', 'Đ'), ...marks('b', '6.5', 'Đ'), ...marks('c', '4.0', 'CĐ').filter((m) => m.subject !== 'toan' || m.column !== 'ck')],
			homeroom: [...homeroom('a', 1, 0), ...homeroom('b', 2, 1), ...homeroom('c', 0, 0)]
		},
		period
	);
}

/** Reads the file back with SheetJS: rows of the results sheet, and its merged ranges. */
function readBack(bytes: Uint8Array) {
	const workbook = XLSX.read(bytes, { type: 'array' });
	const sheet = workbook.Sheets[RESULTS_SHEET]!;
	return { rows: XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null, blankrows: true }), merges: sheet['!merges'] ?? [] };
}

describe('results upload file', () => {
	it('CX11 the year file read back holds, per student, exactly what the class summary computed', () => {
		const summary = summaryOf('year');
		const layout = RESULTS_LAYOUTS[0]!;
		const { rows, merges } = readBack(resultsWorkbook(info, summary, layout));
		expect(rows[0]![0]).toBe('KẾT QUẢ CẢ NĂM HỌC — LỚP 9A1 — NĂM HỌC 2025-2026');
		const [top, bottom] = [rows[2]!, rows[3]!];
		const subjectStart = top.indexOf('Kết quả các môn học');
		// Twelve programme subjects (Nghệ thuật once), under one merged group header.
		expect(bottom.slice(subjectStart, subjectStart + summary.programme.length)).toEqual(summary.programme.map((p) => p.name));
		expect(merges).toContainEqual({ s: { r: 2, c: subjectStart }, e: { r: 2, c: subjectStart + summary.programme.length - 1 } });
		const col = (name: string) => {
			const i = top.indexOf(name);
			return i >= 0 ? i : bottom.indexOf(name);
		};
		summary.students.forEach((s, i) => {
			const row = rows[4 + i]!;
			expect(row[col('Mã học sinh')]).toBe(s.student.code);
			expect(row[col('Họ và tên')]).toBe(s.student.name);
			summary.programme.forEach((p, k) => expect(row[subjectStart + k]).toBe(subjectResult(s.programme[p.code])));
			expect(row[col('Kết quả học tập')]).toBe(s.academic.ok ? s.academic.value.level : null);
			expect(row[col('Kết quả rèn luyện')]).toBe(s.conduct.ok ? s.conduct.value : null);
			expect([row[col('Có phép')], row[col('Không phép')], row[col('Tổng số')]]).toEqual([s.absenceKinds?.excused ?? null, s.absenceKinds?.unexcused ?? null, s.absences.ok ? s.absences.value : null]);
			expect(row[col('Danh hiệu')]).toBe(s.award?.ok ? (s.award.value ?? null) : null);
			expect(row[col('Kết quả lên lớp')]).toBe(s.promotion?.ok ? promotionLabel(s.promotion.value, 9) : null);
		});
		// The figures themselves (so the comparison above is not vacuous).
		expect(rows[4]![col('Kết quả học tập')]).toBe('Tốt');
		expect(rows[4]![col('Danh hiệu')]).toBe('Xuất sắc');
		expect(rows[4]![col('Kết quả lên lớp')]).toBe('Hoàn thành chương trình THCS');
		expect(rows[4]![subjectStart + summary.programme.findIndex((p) => p.code === 'toan')]).toBe(9);
		expect(rows[5]![col('Tổng số')]).toBe(6);
		// A missing ĐĐGck: the average is not computed and the cell stays empty.
		expect(rows[6]![subjectStart + summary.programme.findIndex((p) => p.code === 'toan')]).toBeNull();
	});

	it('CX11 a term file leaves out the year-only columns (awards, promotion)', () => {
		const { rows } = readBack(resultsWorkbook(info, summaryOf('hk1'), RESULTS_LAYOUTS[0]!));
		expect(rows[0]![0]).toContain('HỌC KÌ I');
		expect(rows[2]).not.toContain('Danh hiệu');
		expect(rows[2]).not.toContain('Kết quả lên lớp');
	});

	it('CX12 a new template version is a new column map: order and names follow it, values still come from the summary', () => {
		const reordered: ResultsLayout = { version: 'test', label: 'thử', columns: [{ header: 'Mã định danh Bộ GD&ĐT', field: { kind: 'moetCode' } }, { header: 'Học lực', field: { kind: 'academic' } }, { header: 'Họ tên', field: { kind: 'name' } }] };
		const summary = summaryOf('year');
		const { rows } = readBack(resultsWorkbook(info, summary, reordered));
		expect(rows[2]).toEqual(['Mã định danh Bộ GD&ĐT', 'Học lực', 'Họ tên']);
		expect(rows.slice(4).map((r) => r.slice(0, 3))).toEqual(summary.students.map((s) => [s.student.code, s.academic.ok ? s.academic.value.level : null, s.student.name]));
	});
});

describe('exchange interface, file adapter', () => {
	it('CX13 pushes results as the adapter file and pulls the roster from the uploaded workbook', async () => {
		const summary = summaryOf('year');
		const pushed = await fileExchange(null).pushResults(info, summary, '2026');
		expect(pushed.kind).toBe('file');
		if (pushed.kind === 'file') {
			expect(pushed.fileName).toBe('ket-qua-csdl-9a1-2025-2026-ca-nam-mau-2026.xlsx');
			expect(readBack(pushed.body).rows).toEqual(readBack(resultsWorkbook(info, summary, RESULTS_LAYOUTS[0]!)).rows);
		}
		expect((await fileExchange(null).pullRoster()).ok).toBe(false);
		const book = XLSX.utils.book_new();
		XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Mã học sinh', 'Họ tên']]), 'HS');
		const pulled = await fileExchange(new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xls' }) as ArrayBuffer)).pullRoster();
		expect(pulled.ok && pulled.sheets.map((s) => [s.name, s.rows[0]])).toEqual([['HS', ['Mã học sinh', 'Họ tên']]]);
	});
});
