/**
 * The columns of the grade grid: the marks the teacher enters, the computed ones (ĐTBmhk, and in
 * term II ĐTBmhk I and ĐTBmcn; Đ/CĐ results for comment subjects) and the comment (nhận xét).
 * How text typed or pasted into a column becomes an edit, or why it is refused.
 */
import { formatTenths, parseCommentInput, parseScoreInput } from '../../domain/marks/mark-input';
import type { CellValue, Edit, GradebookMeta } from '../../ydoc/gradebook';
import type { CellVerdict } from './paste-plan';

export type GridColumn =
	| { kind: 'mark'; key: string; label: string; title: string }
	| { kind: 'computed'; key: 'term' | 'term1' | 'year'; label: string; title: string }
	| { kind: 'comment'; key: 'comment'; label: string; title: string };

const MARK_TITLES = { regular: 'Đánh giá thường xuyên', 'mid-term': 'Đánh giá giữa kì', 'end-of-term': 'Đánh giá cuối kì' } as const;

export function gridColumns(meta: Pick<GradebookMeta, 'columns' | 'assessment' | 'term'>): GridColumn[] {
	const marks: GridColumn[] = meta.columns.map((c) => ({ kind: 'mark', key: c.key, label: c.label, title: MARK_TITLES[c.kind] ?? c.label }));
	const score = meta.assessment === 'score';
	const computed: GridColumn[] =
		meta.term === 'hk2'
			? [
					{ kind: 'computed', key: 'term', label: score ? 'ĐTBmhk II' : 'KQ HK II', title: score ? 'Điểm trung bình môn học kì II' : 'Kết quả học kì II' },
					{ kind: 'computed', key: 'term1', label: score ? 'ĐTBmhk I' : 'KQ HK I', title: score ? 'Điểm trung bình môn học kì I (từ sổ học kì I)' : 'Kết quả học kì I (từ sổ học kì I)' },
					{ kind: 'computed', key: 'year', label: score ? 'ĐTBmcn' : 'KQ cả năm', title: score ? 'Điểm trung bình môn cả năm' : 'Kết quả cả năm' }
				]
			: [{ kind: 'computed', key: 'term', label: score ? 'ĐTBmhk I' : 'KQ HK I', title: score ? 'Điểm trung bình môn học kì I' : 'Kết quả học kì I' }];
	return [...marks, ...computed, { kind: 'comment', key: 'comment', label: 'Nhận xét', title: 'Nhận xét của giáo viên bộ môn' }];
}

export const MAX_COMMENT_LENGTH = 2000;

/** Text typed or pasted into a column of a student's row: the edit it makes, or why it is refused. */
export function editFor(column: GridColumn, assessment: 'score' | 'comment', studentId: string, text: string): CellVerdict<Edit> {
	if (column.kind === 'computed') return { ok: false, reason: `${column.label} được tính tự động, không nhập tay` };
	if (column.kind === 'comment') {
		const trimmed = text.trim();
		if (trimmed.length > MAX_COMMENT_LENGTH) return { ok: false, reason: `Nhận xét dài quá ${MAX_COMMENT_LENGTH} kí tự` };
		return { ok: true, edit: { kind: 'comment', studentId, text: trimmed } };
	}
	const parsed = assessment === 'comment' ? parseCommentInput(text) : parseScoreInput(text);
	if (!parsed.ok) return { ok: false, reason: parsed.message };
	const value: CellValue = parsed.kind === 'empty' ? null : parsed.kind === 'score' ? parsed.tenths : parsed.mark;
	return { ok: true, edit: { kind: 'mark', studentId, columnKey: column.key, value } };
}

/** A mark as the grid shows it: "7,5", "10", "Đ", "CĐ", or blank. */
export function formatMark(value: CellValue | undefined): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'number' ? formatTenths(value) : value;
}
