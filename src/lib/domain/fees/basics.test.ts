import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableExemption, applyReduction, grossAmount, tuitionExemptByLaw, validateExemption, validateFeeItem, type Exemption, type FeeItem } from './items';
import { assertDong, formatDong, parseDong, percentOf, sumDong } from './money';
import { checkCharacter, findReferences, isValidReference, paymentReference, REFERENCE_LENGTH } from './reference';

describe('money', () => {
	it('FE1 accepts only safe integers of đồng', () => {
		expect(() => assertDong(1_250_000)).not.toThrow();
		expect(() => assertDong(0)).not.toThrow();
		for (const bad of [1.5, NaN, Infinity, 2 ** 53, '100', null]) expect(() => assertDong(bad)).toThrow(RangeError);
		expect(sumDong([1, 2, 3])).toBe(6);
		expect(() => sumDong([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
		expect(() => sumDong([0.1, 0.2])).toThrow(RangeError);
	});

	it('FE2 formats with dots between thousands and reads the common spellings exactly', () => {
		expect(formatDong(1_250_000)).toBe('1.250.000 đ');
		expect(formatDong(0)).toBe('0 đ');
		expect(formatDong(999)).toBe('999 đ');
		expect(formatDong(-45_000)).toBe('-45.000 đ');
		for (const text of ['1.250.000', '1,250,000', '1 250 000', '1250000', ' 1.250.000 đ ', '1.250.000 VND', '1,250,000.00', '1.250.000,00', '1250000.00'])
			expect(parseDong(text), text).toBe(1_250_000);
		expect(parseDong(1_250_000)).toBe(1_250_000);
		expect(parseDong('-500.000')).toBe(-500_000);
		expect(parseDong('(500,000)')).toBe(-500_000);
		for (const bad of ['1.25', '12.5000', '1,250.5', 'abc', '', '1.250,000', 1.5]) expect(parseDong(bad), String(bad)).toBeNull();
	});

	it('FE3 rounds a percentage to the nearest đồng, halves up, exactly', () => {
		expect(percentOf(1_000_000, 50)).toBe(500_000);
		expect(percentOf(1_000_000, 100)).toBe(1_000_000);
		expect(percentOf(1_000_000, 0)).toBe(0);
		expect(percentOf(33_333, 70)).toBe(23_333); // 23 333.1
		expect(percentOf(10_001, 50)).toBe(5_001); // 5 000.5 → up
		expect(percentOf(Number.MAX_SAFE_INTEGER, 100)).toBe(Number.MAX_SAFE_INTEGER);
		expect(() => percentOf(100, 101)).toThrow(RangeError);
		expect(() => percentOf(100, 12.5)).toThrow(RangeError);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
				const r = percentOf(amount, percent);
				expect(Number.isSafeInteger(r)).toBe(true);
				expect(r >= 0 && r <= amount).toBe(true);
				// |r − amount·p/100| ≤ 1/2, checked in integers: |100r − amount·p| ≤ 50
				expect(Math.abs(100 * r - amount * percent) <= 50).toBe(true);
			})
		);
	});
});

const meals: FeeItem = { code: 'BANTRU', name: 'Tiền ăn bán trú', legalBasis: 'Thỏa thuận với cha mẹ học sinh', period: 'month', rule: { kind: 'per_day', amountPerDay: 35_000 }, mandatory: false };

describe('fee items', () => {
	it('FE4 checks an item definition and says what is wrong in Vietnamese', () => {
		expect(validateFeeItem(meals)).toEqual([]);
		const bad = validateFeeItem({ ...meals, code: 'bán trú', legalBasis: ' ', rule: { kind: 'fixed', amount: 1.5 } });
		expect(bad).toHaveLength(3);
		expect(bad.join(' ')).toContain('Mã khoản thu');
		expect(bad.join(' ')).toContain('căn cứ pháp lý');
		expect(bad.join(' ')).toContain('số nguyên đồng');
		expect(validateFeeItem({ ...meals, rule: { kind: 'by_grade', amounts: { '6': -1 } } })).toHaveLength(1);
	});

	it('FE5 computes fixed, per-day, by-grade and by-class amounts', () => {
		const s = { grade: 7, classCode: '7A2' };
		expect(grossAmount({ kind: 'fixed', amount: 120_000 }, s)).toBe(120_000);
		expect(grossAmount(meals.rule, { ...s, days: 21 })).toBe(735_000);
		expect(grossAmount(meals.rule, s)).toBe(0);
		expect(() => grossAmount(meals.rule, { ...s, days: 2.5 })).toThrow(RangeError);
		expect(grossAmount({ kind: 'by_grade', amounts: { '6': 100_000, '7': 110_000 } }, s)).toBe(110_000);
		expect(grossAmount({ kind: 'by_grade', amounts: { '6': 100_000 } }, s)).toBe(0);
		expect(grossAmount({ kind: 'by_class', amounts: { '7A2': 300_000 } }, s)).toBe(300_000);
		expect(grossAmount({ kind: 'by_class', amounts: { '7A1': 300_000 } }, s)).toBe(0);
	});

	it('FE7 FE8 takes the highest exemption, never the sum, and needs evidence', () => {
		const ex: Exemption[] = [
			{ studentId: 's1', itemCode: 'BANTRU', category: 'Cận nghèo', percent: 50, evidence: 'GCN 1' },
			{ studentId: 's1', itemCode: 'BANTRU', category: 'Hộ nghèo', percent: 70, evidence: 'GCN 2' },
			{ studentId: 's1', itemCode: 'BHYT', category: 'Hộ nghèo', percent: 100, evidence: 'GCN 2' }
		];
		expect(applicableExemption(ex, 's1', 'BANTRU')?.category).toBe('Hộ nghèo');
		expect(applicableExemption(ex, 's2', 'BANTRU')).toBeNull();
		expect(applyReduction(735_000, 70)).toEqual({ gross: 735_000, reduction: 514_500, amount: 220_500 });
		expect(applyReduction(735_000, 100)).toEqual({ gross: 735_000, reduction: 735_000, amount: 0 });
		expect(validateExemption(ex[0]!)).toEqual([]);
		expect(validateExemption({ ...ex[0]!, percent: 120, evidence: '' })).toHaveLength(2);
	});
});

describe('tuition', () => {
	it('FE9 keeps tuition in the model: public schools exempt from 2025–2026, earlier years and private schools charged', () => {
		expect(tuitionExemptByLaw('public', 2025)).toBe(true);
		expect(tuitionExemptByLaw('public', 2026)).toBe(true);
		expect(tuitionExemptByLaw('public', 2024)).toBe(false);
		expect(tuitionExemptByLaw('private', 2026)).toBe(false);
	});
});

describe('payment references', () => {
	it('FE10 is deterministic, "SD" + 11 upper-case letters/digits, unique in practice', () => {
		const ref = paymentReference('due-1');
		expect(ref).toMatch(/^SD[0-9A-Z]{11}$/);
		expect(ref).toHaveLength(REFERENCE_LENGTH);
		expect(REFERENCE_LENGTH).toBeLessThanOrEqual(20);
		expect(paymentReference('due-1')).toBe(ref);
		expect(isValidReference(ref)).toBe(true);
		const many = new Set(Array.from({ length: 50_000 }, (_, i) => paymentReference(`due-${i}`)));
		expect(many.size).toBe(50_000);
		expect(paymentReference('due-1#')).not.toBe(ref);
	});

	it('FE11 detects every single wrong character and every swap of neighbours', () => {
		const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
		const accepted: string[] = [];
		for (let k = 0; k < 300; k++) {
			const ref = paymentReference(`6f1c2a9e-0000-4000-8000-${k}`);
			for (let i = 2; i < ref.length; i++) {
				for (const c of chars) {
					const typo = ref.slice(0, i) + c + ref.slice(i + 1);
					if (c !== ref[i] && isValidReference(typo)) accepted.push(typo);
				}
				const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
				if (i < ref.length - 1 && ref[i] !== ref[i + 1] && isValidReference(swapped)) accepted.push(swapped);
			}
		}
		expect(accepted).toEqual([]);
		const ref = paymentReference('x');
		expect(isValidReference(ref.toLowerCase())).toBe(false);
		expect(isValidReference('SD')).toBe(false);
		// A body whose check would need the value 36 is not used: another body is drawn.
		const bodies = Array.from({ length: 2000 }, (_, i) => paymentReference(`b${i}`).slice(2, 12));
		expect(bodies.every((b) => checkCharacter(b) !== null)).toBe(true);
		expect(checkCharacter('B000000000')).toBeNull(); // weighted sum 11 would need check value 36
	});

	it('FE12 finds references the bank lower-cased, spaced, dashed or glued to its own codes', () => {
		const a = paymentReference('a');
		const b = paymentReference('b');
		const spaced = `${a.slice(0, 5)} ${a.slice(5, 9)}-${a.slice(9)}`.toLowerCase();
		expect(findReferences(`MBVCB.3312.${spaced}.NGUYEN VAN AN chuyen tien`)).toEqual([a]);
		expect(findReferences(`IBFT ${a} ${b} ${a}`)).toEqual([a, b]);
		expect(findReferences(`tien an thang 9 ${a.slice(0, -1)}${a.at(-1) === '0' ? '1' : '0'}`)).toEqual([]);
		expect(findReferences('SDSD' + a)).toEqual([a]);
		expect(findReferences('')).toEqual([]);
	});
});
