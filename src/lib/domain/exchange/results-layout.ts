/**
 * The results upload layout (exchange SPEC CX11–CX12): one class's term or year results from the
 * class summary (reports S1–S15, never recomputed here) laid out as the education database's
 * results import expects. The official THCS template is not public, so the layout is defined from
 * the fields the ministry's results tables need, and kept as data: one column map per template
 * version. When a year's template changes, a new entry in `RESULTS_LAYOUTS` is the only change.
 */
import { promotionLabel } from '../reports/final-grade';
import { PERIOD_LABELS } from '../reports/period';
import type { ClassSummary, Outcome, StudentSummary, SubjectValue } from '../reports/types';

/** What a column holds: a field of the student's summary row. */
export type ResultField =
	| { kind: 'index' }
	| { kind: 'moetCode' }
	| { kind: 'name' }
	/** One column per programme subject (Nghệ thuật once, combined), under a group header. */
	| { kind: 'subjects' }
	| { kind: 'academic' }
	| { kind: 'conduct' }
	| { kind: 'absencesExcused' }
	| { kind: 'absencesUnexcused' }
	| { kind: 'absencesTotal' }
	| { kind: 'award' }
	| { kind: 'promotion' };

export interface ResultColumn {
	header: string;
	/** A header above several columns (merged), e.g. "Số buổi nghỉ". */
	group?: string;
	field: ResultField;
	/** Year-only fields are left out of a term's file. */
	yearOnly?: boolean;
}

export interface ResultsLayout {
	version: string;
	label: string;
	/** Header rows: 2 (group above, column below). */
	columns: readonly ResultColumn[];
}

/** CX12: the layouts, newest first. */
export const RESULTS_LAYOUTS: readonly ResultsLayout[] = [
	{
		version: '2026',
		label: 'Mẫu kết quả học tập THCS (năm học 2025-2026 trở đi)',
		columns: [
			{ header: 'STT', field: { kind: 'index' } },
			{ header: 'Mã học sinh', field: { kind: 'moetCode' } },
			{ header: 'Họ và tên', field: { kind: 'name' } },
			{ header: 'Kết quả các môn học', field: { kind: 'subjects' } },
			{ header: 'Kết quả học tập', field: { kind: 'academic' } },
			{ header: 'Kết quả rèn luyện', field: { kind: 'conduct' } },
			{ header: 'Có phép', group: 'Số buổi nghỉ', field: { kind: 'absencesExcused' } },
			{ header: 'Không phép', group: 'Số buổi nghỉ', field: { kind: 'absencesUnexcused' } },
			{ header: 'Tổng số', group: 'Số buổi nghỉ', field: { kind: 'absencesTotal' } },
			{ header: 'Danh hiệu', field: { kind: 'award' }, yearOnly: true },
			{ header: 'Kết quả lên lớp', field: { kind: 'promotion' }, yearOnly: true }
		]
	}
];

export const layoutOf = (version: string | null) => RESULTS_LAYOUTS.find((l) => l.version === version) ?? RESULTS_LAYOUTS[0]!;

export type ResultCell = string | number | null;

export interface ResultsGrid {
	rows: ResultCell[][];
	merges: Array<{ s: { r: number; c: number }; e: { r: number; c: number } }>;
	/** 0-based row index of the first student. */
	firstDataRow: number;
}

/** A subject's result: the average as a number (one decimal) or Đ/CĐ; empty while not computed. */
export function subjectResult(outcome: Outcome<SubjectValue> | undefined): ResultCell {
	if (!outcome?.ok) return null;
	return outcome.value.kind === 'score' ? outcome.value.average / 10 : outcome.value.result;
}

const value = <T>(outcome: Outcome<T> | null, show: (v: T) => ResultCell): ResultCell => (outcome?.ok ? show(outcome.value) : null);

function fieldValue(field: ResultField, row: StudentSummary, index: number, grade: number): ResultCell {
	switch (field.kind) {
		case 'index':
			return index + 1;
		case 'moetCode':
			return row.student.code;
		case 'name':
			return row.student.name;
		case 'academic':
			return value(row.academic, (a) => a.level);
		case 'conduct':
			return value(row.conduct, (c) => c);
		case 'absencesExcused':
			return row.absenceKinds ? row.absenceKinds.excused : null;
		case 'absencesUnexcused':
			return row.absenceKinds ? row.absenceKinds.unexcused : null;
		case 'absencesTotal':
			return value(row.absences, (n) => n);
		case 'award':
			return value(row.award, (a) => a ?? null);
		case 'promotion':
			return value(row.promotion, (p) => promotionLabel(p, grade));
		case 'subjects':
			return null;
	}
}

/**
 * CX11: the class's results as rows: a title row, the school and class, two header rows (groups
 * merged across their columns, single columns merged down), then one row per student in the
 * summary's order. Values come only from `summary`.
 */
export function resultsGrid(summary: ClassSummary, layout: ResultsLayout, info: { schoolName: string; className: string; year: string; grade: number }): ResultsGrid {
	const columns = layout.columns.filter((c) => summary.period === 'year' || !c.yearOnly);
	const expanded = columns.flatMap((c): Array<{ group: string | null; header: string; subject: string | null; column: ResultColumn }> =>
		c.field.kind === 'subjects' ? summary.programme.map((p) => ({ group: c.header, header: p.name, subject: p.code, column: c })) : [{ group: c.group ?? null, header: c.header, subject: null, column: c }]
	);
	const title = `KẾT QUẢ ${PERIOD_LABELS[summary.period].long.toUpperCase()} — LỚP ${info.className} — NĂM HỌC ${info.year}`;
	const top: ResultCell[] = expanded.map((e, i) => (e.group === null ? e.header : i > 0 && expanded[i - 1]!.group === e.group ? null : e.group));
	const bottom: ResultCell[] = expanded.map((e) => (e.group === null ? null : e.header));
	const rows: ResultCell[][] = [[title], [info.schoolName, null, `Mẫu ${layout.version}`], top, bottom];
	const merges: ResultsGrid['merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: expanded.length - 1 } }];
	expanded.forEach((e, c) => {
		if (e.group === null) merges.push({ s: { r: 2, c }, e: { r: 3, c } });
		else if (c === 0 || expanded[c - 1]!.group !== e.group) {
			let end = c;
			while (end + 1 < expanded.length && expanded[end + 1]!.group === e.group) end++;
			if (end > c) merges.push({ s: { r: 2, c }, e: { r: 2, c: end } });
		}
	});
	summary.students.forEach((row, index) => {
		rows.push(expanded.map((e) => (e.subject !== null ? subjectResult(row.programme[e.subject]) : fieldValue(e.column.field, row, index, info.grade))));
	});
	return { rows, merges, firstDataRow: 4 };
}
