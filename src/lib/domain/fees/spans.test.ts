import { describe, expect, it } from 'vitest';
import { generateDues, schoolYearPeriods, type DuesInput } from './dues';
import { billedFor, exemptionCovers, isIsoDay, periodSpan } from './spans';

const item = { code: 'BANTRU', name: 'Tiền ăn', legalBasis: 'NQ mẫu', period: 'month' as const, rule: { kind: 'fixed' as const, amount: 1_000_000 }, mandatory: true };
const bhyt = { code: 'BHYT', name: 'BHYT', legalBasis: 'Luật BHYT', period: 'term' as const, rule: { kind: 'fixed' as const, amount: 400_000 }, mandatory: true };

describe('periods a student and an exemption cover', () => {
	it('FE44 a period spans its calendar month, hk1 1 Sep–14 Jan, hk2 15 Jan–31 May, cn 1 Sep–31 May', () => {
		expect(periodSpan('2026-09', 2026)).toEqual({ from: '2026-09-01', to: '2026-09-30' });
		expect(periodSpan('2027-02', 2026)).toEqual({ from: '2027-02-01', to: '2027-02-28' });
		expect(periodSpan('2028-02', 2027)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
		expect(periodSpan('hk1', 2026)).toEqual({ from: '2026-09-01', to: '2027-01-14' });
		expect(periodSpan('hk2', 2026)).toEqual({ from: '2027-01-15', to: '2027-05-31' });
		expect(periodSpan('cn', 2026)).toEqual({ from: '2026-09-01', to: '2027-05-31' });
		expect(() => periodSpan('2026-13', 2026)).toThrow(RangeError);
	});

	it('FE45 a student who came on 10 November is not billed for September or October, but for November, hk1 and the year', () => {
		const came = { from: '2026-11-10' };
		const billed = schoolYearPeriods(2026).filter((p) => billedFor(p, 2026, came));
		expect(billed).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', 'hk1', 'hk2', 'cn']);
	});

	it('FE45 a student who left on 20 January is billed up to January and hk2 (it had begun), not February on', () => {
		const left = { until: '2027-01-20' };
		expect(schoolYearPeriods(2026).filter((p) => !billedFor(p, 2026, left))).toEqual(['2027-02', '2027-03', '2027-04', '2027-05']);
		// Left on 14 January: hk2 had not begun.
		expect(billedFor('hk2', 2026, { until: '2027-01-14' })).toBe(false);
		expect(billedFor('2026-09', 2026, {})).toBe(true);
	});

	it('FE45 generateDues skips periods outside the enrolment and needs the school year for dated students', () => {
		const input: DuesInput = {
			items: [item, bhyt],
			students: [
				{ id: 'early', classCode: '6A1', grade: 6 },
				{ id: 'late', classCode: '6A1', grade: 6, enrolment: { from: '2026-10-05' } },
				{ id: 'gone', classCode: '6A1', grade: 6, enrolment: { until: '2026-09-30' } }
			],
			periods: ['2026-09', '2026-10', 'hk1', 'hk2'],
			agreements: [],
			exemptions: [],
			schoolYearStart: 2026
		};
		const keys = generateDues(input).map((d) => `${d.studentId}:${d.period}`);
		expect(keys).toEqual(['early:2026-09', 'gone:2026-09', 'early:2026-10', 'late:2026-10', 'early:hk1', 'late:hk1', 'gone:hk1', 'early:hk2', 'late:hk2']);
		expect(() => generateDues({ ...input, schoolYearStart: undefined })).toThrow(/năm học/);
	});

	it('FE46 an exemption ended from 1 January reduces the months and terms begun before it, not January on', () => {
		expect(exemptionCovers('2026-12', 2026, '2027-01-01')).toBe(true);
		expect(exemptionCovers('2027-01', 2026, '2027-01-01')).toBe(false);
		expect(exemptionCovers('hk1', 2026, '2027-01-01')).toBe(true);
		expect(exemptionCovers('hk2', 2026, '2027-01-01')).toBe(false);
		expect(exemptionCovers('2027-03', 2026, null)).toBe(true);
		const dues = generateDues({
			items: [item],
			students: [{ id: 's', classCode: '6A1', grade: 6 }],
			periods: ['2026-12', '2027-01'],
			agreements: [],
			exemptions: [
				{ studentId: 's', itemCode: 'BANTRU', category: 'Hộ nghèo', percent: 100, evidence: 'GCN 1', endsFrom: '2027-01-01' },
				{ studentId: 's', itemCode: 'BANTRU', category: 'Con thương binh', percent: 30, evidence: 'Thẻ' }
			],
			schoolYearStart: 2026
		});
		// December: the full exemption; January: only the reduction still in force (FE8 takes the highest in force).
		expect(dues.map((d) => [d.period, d.amount, d.exemptionCategory])).toEqual([
			['2026-12', 0, 'Hộ nghèo'],
			['2027-01', 700_000, 'Con thương binh']
		]);
	});

	it('FE46 isIsoDay accepts real days only', () => {
		expect(isIsoDay('2027-01-01')).toBe(true);
		expect(isIsoDay('2027-02-30')).toBe(false);
		expect(isIsoDay('1/1/2027')).toBe(false);
	});
});
