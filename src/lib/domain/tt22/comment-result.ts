/**
 * G7 — term result of a comment-only subject (Điều 9 khoản 1 điểm a): 2 regular assessments
 * (Điều 6) + mid-term + end-term, each Đ / CĐ.
 * G8 — year result of a comment-only subject: the term II result.
 */
import { attempt, Tt22Error, type Tt22Result } from './errors';
import { parseMark, type Mark } from './mark';
import type { TermMarks } from './term-average';

/**
 * 'ALL' (default): every assessment Đạt, as the Circular 22 restatement reads.
 * 'TWO_THIRDS_INCL_FINAL': at least 2/3 of the assessments Đạt and the end-term one Đạt; the
 * rule requested in the brief, believed to come from Circular 58 (decision D1).
 */
export type CommentRule = 'ALL' | 'TWO_THIRDS_INCL_FINAL';

export const COMMENT_RULES: readonly CommentRule[] = ['ALL', 'TWO_THIRDS_INCL_FINAL'];
export const DEFAULT_COMMENT_RULE: CommentRule = 'ALL';

/** Comment-only subjects record 2 regular assessments per term whatever their periods (Điều 6). */
export const COMMENT_REGULAR_COUNT = 2;

export type CommentInput = Mark | null | undefined;

export const COMMENT_FIELDS = {
	regular: (index: number): string => `ĐGtx${index + 1}`,
	midterm: 'ĐGgk',
	final: 'ĐGck'
} as const;

function readCell(value: unknown, field: string): Mark {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu ${field}`, field);
	return parseMark(value, field);
}

function parseRule(rule: unknown): CommentRule {
	if (!(COMMENT_RULES as readonly unknown[]).includes(rule)) {
		throw new Tt22Error('INVALID_RULE', 'Quy tắc xếp loại môn đánh giá bằng nhận xét không hợp lệ', 'Quy tắc');
	}
	return rule as CommentRule;
}

function readCommentMarks(marks: TermMarks<CommentInput>): Mark[] {
	const { length } = marks.regular;
	if (length > COMMENT_REGULAR_COUNT) {
		throw new Tt22Error('WRONG_MARK_COUNT', `Môn đánh giá bằng nhận xét có ${COMMENT_REGULAR_COUNT} ĐGtx mỗi học kì, đang có ${length}`, 'ĐGtx');
	}
	const all: Mark[] = [];
	// Fewer than 2 regular results: "all required assessments were done" fails → report the first gap.
	for (let index = 0; index < COMMENT_REGULAR_COUNT; index++) {
		all.push(readCell(marks.regular[index], COMMENT_FIELDS.regular(index)));
	}
	all.push(readCell(marks.midterm, COMMENT_FIELDS.midterm));
	all.push(readCell(marks.final, COMMENT_FIELDS.final));
	return all;
}

export function commentTermResult(marks: TermMarks<CommentInput>, rule: CommentRule = DEFAULT_COMMENT_RULE): Mark {
	const chosen = parseRule(rule);
	const all = readCommentMarks(marks);
	const passed = all.filter((mark) => mark === 'Đ').length;
	if (chosen === 'ALL') return passed === all.length ? 'Đ' : 'CĐ';
	const final = all[all.length - 1];
	// 3·passed ≥ 2·total is "passed / total ≥ 2/3" without a fraction.
	return final === 'Đ' && 3 * passed >= 2 * all.length ? 'Đ' : 'CĐ';
}

export function tryCommentTermResult(marks: TermMarks<CommentInput>, rule: CommentRule = DEFAULT_COMMENT_RULE): Tt22Result<Mark> {
	return attempt(() => commentTermResult(marks, rule));
}

/** The year result is the term II result; term I is still validated (it is a required record). */
export function commentYearResult(term1: CommentInput, term2: CommentInput): Mark {
	readCell(term1, 'kết quả HK I');
	return readCell(term2, 'kết quả HK II');
}

export function tryCommentYearResult(term1: CommentInput, term2: CommentInput): Tt22Result<Mark> {
	return attempt(() => commentYearResult(term1, term2));
}
