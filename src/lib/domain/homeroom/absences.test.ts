import { describe, expect, it } from 'vitest';
import { addAbsences, clearsUnclassified, termAbsences } from './absences';

describe('H3 term total of absences', () => {
	it('H3 both kinds entered → có phép + không phép', () => {
		expect(termAbsences({ excused: 3, unexcused: 2, unclassified: null })).toEqual({ ok: true, value: { excused: 3, unexcused: 2, unclassified: 0, total: 5 } });
		expect(termAbsences({ excused: 0, unexcused: 0, unclassified: null })).toEqual({ ok: true, value: { excused: 0, unexcused: 0, unclassified: 0, total: 0 } });
	});

	it('H3 one kind without the other → not known; the missing kind is named, never read as 0', () => {
		expect(termAbsences({ excused: 3, unexcused: null, unclassified: null })).toEqual({ ok: false, missing: 'unexcused' });
		expect(termAbsences({ excused: null, unexcused: 4, unclassified: 7 })).toEqual({ ok: false, missing: 'excused' });
		expect(termAbsences({ excused: null, unexcused: null, unclassified: null })).toEqual({ ok: false, missing: 'all' });
	});

	it('H3 an old undivided number counts in the total as unclassified, never as không phép', () => {
		expect(termAbsences({ excused: null, unexcused: null, unclassified: 46 })).toEqual({ ok: true, value: { excused: 0, unexcused: 0, unclassified: 46, total: 46 } });
	});

	it('H3 H4 once both kinds are entered they supersede the old number', () => {
		expect(termAbsences({ excused: 1, unexcused: 2, unclassified: 9 })).toEqual({ ok: true, value: { excused: 1, unexcused: 2, unclassified: 0, total: 3 } });
	});

	it('H3 the year adds the terms kind by kind', () => {
		const hk1 = { excused: 0, unexcused: 0, unclassified: 25, total: 25 };
		const hk2 = { excused: 20, unexcused: 4, unclassified: 0, total: 24 };
		expect(addAbsences([hk1, hk2])).toEqual({ excused: 20, unexcused: 4, unclassified: 25, total: 49 });
	});
});

describe('H4 splitting an old undivided number', () => {
	it('H4 the old number is cleared when, and only when, both kinds are entered', () => {
		expect(clearsUnclassified({ excused: 3, unexcused: 2, unclassified: 5 })).toBe(true);
		expect(clearsUnclassified({ excused: 3, unexcused: null, unclassified: 5 })).toBe(false);
		expect(clearsUnclassified({ excused: 3, unexcused: 2, unclassified: null })).toBe(false);
	});
});
