import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTenths, parseCommentInput, parseScoreInput } from './mark-input';

// docs/domain/tt22.md §2: 10-point scale, a mark is an integer or has one decimal place.
describe('score cell input', () => {
	it.each([
		['7,5', 75],
		['7.5', 75],
		['10', 100],
		['0', 0],
		[' 8 ', 80],
		['9,0', 90],
		['0.5', 5],
		['7,50', 75],
		['10.00', 100]
	])('accepts %j as %d tenths', (text, tenths) => {
		expect(parseScoreInput(text)).toEqual({ ok: true, kind: 'score', tenths });
	});

	it.each(['10.5', '10,1', '11', '7.25', '7,25', 'abc', '-1', '7,', ',5', '1e1', '7 5', '١٠'])('refuses %j with a message', (text) => {
		const result = parseScoreInput(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
	});

	it('says exactly what is wrong with two decimals', () => {
		expect(parseScoreInput('7,25')).toEqual({ ok: false, message: 'Điểm chỉ được có một chữ số thập phân (ví dụ 7,5).' });
	});

	it('treats blank input as clearing the cell', () => {
		expect(parseScoreInput('   ')).toEqual({ ok: true, kind: 'empty' });
	});

	it('round-trips every valid mark through its Vietnamese formatting', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), (tenths) => {
				expect(parseScoreInput(formatTenths(tenths))).toEqual({ ok: true, kind: 'score', tenths });
			})
		);
	});
});

describe('comment cell input (Đạt / Chưa đạt)', () => {
	it.each(['Đ', 'đ', 'd', 'D', 'Đạt', 'dat'])('reads %j as Đ', (text) => {
		expect(parseCommentInput(text)).toEqual({ ok: true, kind: 'comment', mark: 'Đ' });
	});
	it.each(['CĐ', 'cđ', 'cd', 'Chưa đạt', 'chua  dat'])('reads %j as CĐ', (text) => {
		expect(parseCommentInput(text)).toEqual({ ok: true, kind: 'comment', mark: 'CĐ' });
	});
	it.each(['7', 'x', 'đạt lắm'])('refuses %j', (text) => {
		expect(parseCommentInput(text).ok).toBe(false);
	});
});
