import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDues, dueKey, generateDues, periodKind, periodName, periodShort, schoolYearPeriods, totalsByClass, totalsByItem, type Due, type DuesInput } from './dues';
import type { FeeItem } from './items';

const items: FeeItem[] = [
	{ code: 'HOCPHI', name: 'Học phí', legalBasis: 'Nghị quyết HĐND TP (năm học trước 2025–2026)', period: 'month', rule: { kind: 'by_grade', amounts: { '6': 60_000, '7': 60_000, '8': 60_000, '9': 60_000 } }, mandatory: true },
	{ code: 'BANTRU', name: 'Tiền ăn bán trú', legalBasis: 'Thỏa thuận với cha mẹ học sinh', period: 'month', rule: { kind: 'per_day', amountPerDay: 35_000, schoolDays: { '2026-09': 20, '2026-10': 22 } }, mandatory: false },
	{ code: 'TIENGANH', name: 'Tiếng Anh tăng cường', legalBasis: 'Nghị quyết HĐND TP về dịch vụ hỗ trợ giáo dục', period: 'term', rule: { kind: 'by_class', amounts: { '6A1': 450_000 } }, mandatory: false },
	{ code: 'BHYT', name: 'Bảo hiểm y tế học sinh', legalBasis: 'Luật Bảo hiểm y tế', period: 'year', rule: { kind: 'fixed', amount: 884_520 }, mandatory: true }
];
const students = [
	{ id: 's1', classCode: '6A1', grade: 6 },
	{ id: 's2', classCode: '6A1', grade: 6 },
	{ id: 's3', classCode: '7A10', grade: 7 },
	{ id: 's4', classCode: '7A2', grade: '7' }
];
const base: DuesInput = {
	items,
	students,
	periods: ['2026-09', '2026-10', 'hk1', 'cn'],
	agreements: [
		{ studentId: 's1', itemCode: 'BANTRU' },
		{ studentId: 's3', itemCode: 'BANTRU' },
		{ studentId: 's1', itemCode: 'TIENGANH' },
		{ studentId: 's3', itemCode: 'TIENGANH' }
	],
	exemptions: [
		{ studentId: 's2', itemCode: 'BHYT', category: 'Hộ nghèo', percent: 100, evidence: 'Sổ hộ nghèo 2026 số 15' },
		{ studentId: 's3', itemCode: 'BANTRU', category: 'Hộ cận nghèo', percent: 50, evidence: 'GCN cận nghèo 8/2026' },
		{ studentId: 's3', itemCode: 'BANTRU', category: 'Con thương binh', percent: 30, evidence: 'Thẻ thương binh' }
	],
	attendanceDays: new Map([['s1:2026-09', 18]])
};
const find = (dues: Due[], studentId: string, itemCode: string, period: string) => dues.find((d) => d.studentId === studentId && d.itemCode === itemCode && d.period === period);

describe('dues', () => {
	it('FE18 knows month, term and year periods and the school year', () => {
		expect(periodKind('2026-09')).toBe('month');
		expect(periodKind('2026-13')).toBeNull();
		expect(periodKind('hk2')).toBe('term');
		expect(periodKind('cn')).toBe('year');
		expect(schoolYearPeriods(2026)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', 'hk1', 'hk2', 'cn']);
		expect(['2026-09', '2027-01', 'hk1', 'hk2', 'cn'].map(periodName)).toEqual(['tháng 9/2026', 'tháng 1/2027', 'học kỳ I', 'học kỳ II', 'cả năm']);
		expect(['2026-09', 'hk1', 'cn'].map(periodShort)).toEqual(['T9', 'HK1', 'CN']);
		expect(() => generateDues({ ...base, periods: ['T9'] })).toThrow(/Kỳ thu/);
		expect(() => generateDues({ ...base, items: [items[0]!, items[0]!] })).toThrow(/trùng/);
	});

	it('FE6 FE19 charges optional items only with agreement; mandatory ones to everyone; item kinds to their periods', () => {
		const dues = generateDues(base);
		expect(dues.filter((d) => d.itemCode === 'HOCPHI')).toHaveLength(4 * 2);
		expect(dues.filter((d) => d.itemCode === 'BHYT')).toHaveLength(4);
		expect(new Set(dues.filter((d) => d.itemCode === 'BANTRU').map((d) => d.studentId))).toEqual(new Set(['s1', 's3']));
		expect(dues.filter((d) => d.itemCode === 'BHYT').every((d) => d.period === 'cn')).toBe(true);
		expect(dues.filter((d) => d.itemCode === 'TIENGANH').map((d) => d.period)).toEqual(['hk1']);
		// Order: items, then periods, then students.
		expect(dues.slice(0, 3).map(dueKey)).toEqual(['s1|HOCPHI|2026-09', 's2|HOCPHI|2026-09', 's3|HOCPHI|2026-09']);
	});

	it('FE5 FE19 charges meals per day attended, else the school days of the month', () => {
		const dues = generateDues(base);
		expect(find(dues, 's1', 'BANTRU', '2026-09')).toMatchObject({ days: 18, gross: 630_000, amount: 630_000 });
		expect(find(dues, 's1', 'BANTRU', '2026-10')).toMatchObject({ days: 22, gross: 770_000 });
	});

	it('FE20 does not create a due of gross 0 (class without an amount)', () => {
		const dues = generateDues(base);
		// s3 agreed to TIENGANH but 7A10 has no amount for it.
		expect(find(dues, 's3', 'TIENGANH', 'hk1')).toBeUndefined();
		expect(find(dues, 's1', 'TIENGANH', 'hk1')).toMatchObject({ gross: 450_000, amount: 450_000 });
	});

	it('FE8 FE3 applies the highest exemption with exact rounding and keeps a fully exempted due at 0', () => {
		const dues = generateDues(base);
		expect(find(dues, 's2', 'BHYT', 'cn')).toEqual({ studentId: 's2', itemCode: 'BHYT', period: 'cn', gross: 884_520, reduction: 884_520, amount: 0, exemptionCategory: 'Hộ nghèo', exemptionPercent: 100 });
		expect(find(dues, 's3', 'BANTRU', '2026-09')).toMatchObject({ gross: 700_000, reduction: 350_000, amount: 350_000, exemptionCategory: 'Hộ cận nghèo' });
		const odd = generateDues({ ...base, exemptions: [{ studentId: 's1', itemCode: 'BHYT', category: 'Dân tộc thiểu số', percent: 70, evidence: 'x' }] });
		// 884 520 × 70% = 619 164 exactly, leaving 265 356 to pay
		expect(find(odd, 's1', 'BHYT', 'cn')).toMatchObject({ reduction: 619_164, amount: 265_356 });
	});

	it('FE21 sorts a regeneration into added, changed, cancelled and unchanged', () => {
		const first = generateDues(base);
		const second = generateDues({
			...base,
			agreements: base.agreements.filter((a) => !(a.studentId === 's1' && a.itemCode === 'TIENGANH')).concat({ studentId: 's4', itemCode: 'BANTRU' }),
			attendanceDays: new Map([['s1:2026-09', 19]])
		});
		const diff = diffDues(first, second);
		expect(diff.cancelled.map(dueKey)).toEqual(['s1|TIENGANH|hk1']);
		expect(diff.added.map(dueKey)).toEqual(['s4|BANTRU|2026-09', 's4|BANTRU|2026-10']);
		expect(diff.changed.map((c) => [dueKey(c.after), c.before.amount, c.after.amount])).toEqual([['s1|BANTRU|2026-09', 630_000, 665_000]]);
		expect(diff.unchanged).toHaveLength(first.length - 2);
		expect(diffDues(first, first)).toMatchObject({ added: [], changed: [], cancelled: [] });
		expect(() => diffDues([first[0]!, first[0]!], first)).toThrow(/lặp/);
	});

	it('FE21 every due of both generations lands in exactly one list (property)', () => {
		const due = fc.record({
			studentId: fc.constantFrom('a', 'b', 'c'),
			itemCode: fc.constantFrom('X', 'Y'),
			period: fc.constantFrom('hk1', 'hk2'),
			gross: fc.integer({ min: 1, max: 1000 })
		});
		const uniq = (ds: { studentId: string; itemCode: string; period: string; gross: number }[]) =>
			[...new Map(ds.map((d) => [dueKey(d), { ...d, reduction: 0, amount: d.gross } as Due])).values()];
		fc.assert(
			fc.property(fc.array(due), fc.array(due), (p, n) => {
				const previous = uniq(p);
				const next = uniq(n);
				const diff = diffDues(previous, next);
				expect(diff.added.length + diff.changed.length + diff.unchanged.length).toBe(next.length);
				expect(diff.cancelled.length + diff.changed.length + diff.unchanged.length).toBe(previous.length);
			})
		);
	});

	it('FE22 totals per class in natural order add up to the dues', () => {
		const dues = generateDues(base);
		const totals = totalsByClass(dues, students);
		expect(totals.map((t) => t.classCode)).toEqual(['6A1', '7A2', '7A10']);
		const a1 = totals[0]!;
		expect(a1).toMatchObject({ classCode: '6A1', students: 2, exempted: 1 });
		expect(totals.reduce((s, t) => s + t.amount, 0)).toBe(dues.reduce((s, d) => s + d.amount, 0));
		expect(totals.reduce((s, t) => s + t.count, 0)).toBe(dues.length);
		expect(totals.every((t) => t.gross - t.reduction === t.amount)).toBe(true);
		const orphan = totalsByClass([{ studentId: 'zz', itemCode: 'BHYT', period: 'cn', gross: 5, reduction: 0, amount: 5 }], students);
		expect(orphan).toEqual([{ classCode: '', count: 1, students: 1, gross: 5, reduction: 0, amount: 5, exempted: 0 }]);
		const byItem = totalsByItem(dues);
		expect(byItem.map((t) => t.itemCode)).toEqual(['HOCPHI', 'BANTRU', 'TIENGANH', 'BHYT']);
		expect(byItem.find((t) => t.itemCode === 'BHYT')).toMatchObject({ count: 4, gross: 4 * 884_520, reduction: 884_520, amount: 3 * 884_520 });
	});
});
