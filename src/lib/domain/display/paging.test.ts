import { describe, expect, it } from 'vitest';
import { pageWindow } from './paging';

describe('pageWindow (guardianship SPEC GV10)', () => {
	it('GV10: 987 items at 50 a page make 20 pages; the last holds the remaining 37', () => {
		expect(pageWindow(987, '1', 50)).toEqual({ page: 1, pages: 20, start: 0, end: 50 });
		expect(pageWindow(987, '20', 50)).toEqual({ page: 20, pages: 20, start: 950, end: 987 });
	});

	it('GV10: a number past the end lands on the last page; 0, negatives, text and nothing on the first', () => {
		expect(pageWindow(120, '9', 50).page).toBe(3);
		for (const asked of ['0', '-4', 'abc', '', null, undefined]) expect(pageWindow(120, asked, 50).page).toBe(1);
		expect(pageWindow(120, '2.9', 50).page).toBe(2);
	});

	it('GV10: an empty list is one empty page', () => {
		expect(pageWindow(0, '3', 50)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
	});
});
