import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { commentTermResult, commentYearResult, tryCommentTermResult, tryCommentYearResult, Tt22Error, type Mark } from './index';
import { thrown } from './test-fixtures';

const markArb = fc.constantFrom<Mark>('Đ', 'CĐ');
const commentTermArb = fc.record({ regular: fc.tuple(markArb, markArb), midterm: markArb, final: markArb });

describe('G7 comment-only subject: term result', () => {
	it('G7 HĐTN-HN TX1 Đ, TX2 CĐ, mid Đ, end Đ is Chưa đạt under ALL, the default (Ex 10)', () => {
		const marks = { regular: ['Đ', 'CĐ'] as Mark[], midterm: 'Đ' as Mark, final: 'Đ' as Mark };
		expect(commentTermResult(marks)).toBe('CĐ');
		expect(commentTermResult(marks, 'ALL')).toBe('CĐ');
	});

	it('G7 the same marks are Đạt under TWO_THIRDS_INCL_FINAL: 3/4 ≥ 2/3 and the end-term is Đạt (Ex 10)', () => {
		expect(commentTermResult({ regular: ['Đ', 'CĐ'], midterm: 'Đ', final: 'Đ' }, 'TWO_THIRDS_INCL_FINAL')).toBe('Đ');
	});

	it('G7 all four Đạt is Đạt under both rules', () => {
		const marks = { regular: ['Đ', 'Đ'] as Mark[], midterm: 'Đ' as Mark, final: 'Đ' as Mark };
		expect(commentTermResult(marks)).toBe('Đ');
		expect(commentTermResult(marks, 'TWO_THIRDS_INCL_FINAL')).toBe('Đ');
	});

	it('G7 TWO_THIRDS_INCL_FINAL fails when the end-term is CĐ even with 3/4 Đạt', () => {
		expect(commentTermResult({ regular: ['Đ', 'Đ'], midterm: 'Đ', final: 'CĐ' }, 'TWO_THIRDS_INCL_FINAL')).toBe('CĐ');
	});

	it('G7 TWO_THIRDS_INCL_FINAL fails with only 2/4 Đạt (2/4 < 2/3)', () => {
		expect(commentTermResult({ regular: ['CĐ', 'CĐ'], midterm: 'Đ', final: 'Đ' }, 'TWO_THIRDS_INCL_FINAL')).toBe('CĐ');
		expect(commentTermResult({ regular: ['CĐ', 'Đ'], midterm: 'CĐ', final: 'Đ' }, 'TWO_THIRDS_INCL_FINAL')).toBe('CĐ');
	});

	it('G7 a missing assessment is an error, not a Chưa đạt ("all required assessments were done")', () => {
		expect(tryCommentTermResult({ regular: ['Đ', 'Đ'], midterm: 'Đ', final: null })).toEqual({
			ok: false,
			code: 'MISSING_MARK',
			reason: 'Thiếu ĐGck',
			field: 'ĐGck'
		});
		expect(tryCommentTermResult({ regular: ['Đ'], midterm: 'Đ', final: 'Đ' })).toMatchObject({ ok: false, reason: 'Thiếu ĐGtx2' });
	});

	it('G7 comment subjects have exactly 2 regular assessments: 3 is WRONG_MARK_COUNT', () => {
		const error = thrown(() => commentTermResult({ regular: ['Đ', 'Đ', 'Đ'], midterm: 'Đ', final: 'Đ' }));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'WRONG_MARK_COUNT' });
	});

	it('G7 refuses a result that is not Đ or CĐ, and an unknown rule', () => {
		expect(thrown(() => commentTermResult({ regular: ['Đ', 'D' as Mark], midterm: 'Đ', final: 'Đ' }))).toMatchObject({
			code: 'INVALID_MARK',
			field: 'ĐGtx2'
		});
		expect(thrown(() => commentTermResult({ regular: ['Đ', 'Đ'], midterm: 'Đ', final: 'Đ' }, 'MOST' as 'ALL'))).toMatchObject({
			code: 'INVALID_RULE'
		});
	});

	it('G7 accepts NFD-encoded input and returns NFC', () => {
		const nfd = 'CĐ'.normalize('NFD') as Mark;
		expect(commentTermResult({ regular: ['Đ', nfd], midterm: 'Đ', final: 'Đ' })).toBe('CĐ');
	});

	it('G7 ALL is Đạt exactly when no assessment is CĐ, and implies TWO_THIRDS (property)', () => {
		fc.assert(
			fc.property(commentTermArb, (marks) => {
				const all = [...marks.regular, marks.midterm, marks.final];
				const strict = commentTermResult(marks, 'ALL');
				expect(strict).toBe(all.includes('CĐ') ? 'CĐ' : 'Đ');
				if (strict === 'Đ') expect(commentTermResult(marks, 'TWO_THIRDS_INCL_FINAL')).toBe('Đ');
			})
		);
	});
});

describe('G8 comment-only subject: year result is the term II result', () => {
	it.each([
		['Đ', 'Đ', 'Đ'],
		['CĐ', 'Đ', 'Đ'],
		['Đ', 'CĐ', 'CĐ'],
		['CĐ', 'CĐ', 'CĐ']
	] as const)('G8 term I %s, term II %s → %s (Ex 10: year = term II)', (term1, term2, year) => {
		expect(commentYearResult(term1, term2)).toBe(year);
	});

	it('G8 term I must still be a valid result', () => {
		expect(tryCommentYearResult('X' as Mark, 'Đ')).toMatchObject({ ok: false, code: 'INVALID_MARK' });
		expect(tryCommentYearResult('Đ', undefined)).toMatchObject({ ok: false, code: 'MISSING_MARK' });
	});
});
