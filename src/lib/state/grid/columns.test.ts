import { describe, expect, it } from 'vitest';
import { editFor, formatMark, gridColumns } from './columns';

const columns = [
	{ key: 'tx1', label: 'ĐĐGtx1', kind: 'regular' as const },
	{ key: 'tx2', label: 'ĐĐGtx2', kind: 'regular' as const },
	{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' as const },
	{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' as const }
];

describe('grid columns', () => {
	it('term I: marks, ĐTBmhk I, then the comment', () => {
		expect(gridColumns({ columns, assessment: 'score', term: 'hk1' }).map((c) => c.label)).toEqual([
			'ĐĐGtx1', 'ĐĐGtx2', 'ĐĐGgk', 'ĐĐGck', 'ĐTBmhk I', 'Nhận xét'
		]);
	});

	it('term II adds term I and the year; comment subjects show results, not averages', () => {
		expect(gridColumns({ columns, assessment: 'score', term: 'hk2' }).map((c) => c.label).slice(4)).toEqual(['ĐTBmhk II', 'ĐTBmhk I', 'ĐTBmcn', 'Nhận xét']);
		expect(gridColumns({ columns, assessment: 'comment', term: 'hk2' }).map((c) => c.label).slice(4)).toEqual(['KQ HK II', 'KQ HK I', 'KQ cả năm', 'Nhận xét']);
	});

	it('text becomes a mark, a comment, or a refusal with the reason', () => {
		const [tx1, , , , term, comment] = gridColumns({ columns, assessment: 'score', term: 'hk1' });
		expect(editFor(tx1!, 'score', 'hs1', '7,5')).toEqual({ ok: true, edit: { kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 } });
		expect(editFor(tx1!, 'score', 'hs1', '')).toEqual({ ok: true, edit: { kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: null } });
		expect(editFor(tx1!, 'comment', 'hs1', 'cd')).toEqual({ ok: true, edit: { kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 'CĐ' } });
		expect(editFor(tx1!, 'score', 'hs1', '11')).toEqual({ ok: false, reason: 'Điểm phải từ 0 đến 10.' });
		expect(editFor(term!, 'score', 'hs1', '8')).toEqual({ ok: false, reason: 'ĐTBmhk I được tính tự động, không nhập tay' });
		expect(editFor(comment!, 'score', 'hs1', '  Chăm chỉ, tiến bộ. ')).toEqual({ ok: true, edit: { kind: 'comment', studentId: 'hs1', text: 'Chăm chỉ, tiến bộ.' } });
	});

	it('marks are shown with a decimal comma', () => {
		expect([formatMark(75), formatMark(100), formatMark('CĐ'), formatMark(null), formatMark(undefined)]).toEqual(['7,5', '10', 'CĐ', '', '']);
	});
});
