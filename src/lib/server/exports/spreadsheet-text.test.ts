// Projections SPEC P7: every text cell of an export that could start a formula stays text.
import { describe, expect, it } from 'vitest';
import { neutraliseCell, neutraliseText } from './spreadsheet-text';

describe('neutraliseText (P7)', () => {
	it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes text starting with %j with a single quote', (lead) => {
		const text = `${lead}1+2`;
		expect(neutraliseText(text)).toBe(`'${text}`);
	});

	it.each([['=HYPERLINK("http://x","y")'], ['@SUM(A1:A9)'], ['-2+3'], ['+84 912'], ['\t=1'], ['\r\n=1']])('neutralises %j', (text) => {
		expect(neutraliseText(text).startsWith("'")).toBe(true);
		expect(neutraliseText(text).slice(1)).toBe(text);
	});

	it('leaves ordinary text alone, including a formula character later in the text', () => {
		for (const text of ['Nguyễn Văn An', '7.5', 'Đ', 'CĐ', '', ' =1', "'=1", 'a=b', 'Toán — 9A1 — HK I', '2026-11-30T04:00:00.000Z']) {
			expect(neutraliseText(text)).toBe(text);
		}
	});

	it('never touches numbers or empty cells, negative or not', () => {
		expect(neutraliseCell(7.5)).toBe(7.5);
		expect(neutraliseCell(-1)).toBe(-1);
		expect(neutraliseCell(0)).toBe(0);
		expect(neutraliseCell(null)).toBe(null);
		expect(neutraliseCell('=1+2')).toBe("'=1+2");
	});
});
