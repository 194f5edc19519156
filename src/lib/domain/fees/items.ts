/**
 * Fee items, amount rules and exemptions (fees SPEC FE4–FE9). Pure data and rules; the server
 * stores them per school and year.
 */
import { assertNonNegativeDong, percentOf, type Dong } from './money';

/** How often an item is charged: per month ("2026-09"), per term ("hk1", "hk2") or per year ("cn"). */
export type FeePeriod = 'month' | 'term' | 'year';

/**
 * FE5: how the gross amount of an item is found for one student and period.
 * - fixed: the same amount for everyone;
 * - per_day: amountPerDay × days (meals: the days the student attended, or the school days given);
 * - by_grade: the amount for the student's grade ("6".."9"); a grade without an amount owes nothing;
 * - by_class: the amount for the student's class code; a class without an amount owes nothing.
 */
export type AmountRule =
	| { kind: 'fixed'; amount: Dong }
	| { kind: 'per_day'; amountPerDay: Dong; schoolDays?: Record<string, number> }
	| { kind: 'by_grade'; amounts: Record<string, Dong> }
	| { kind: 'by_class'; amounts: Record<string, Dong> };

export interface FeeItem {
	/** Short code, unique per school and year: "BANTRU", "HOC2BUOI", "BHYT", "HOCPHI". */
	code: string;
	name: string;
	/** The decision or resolution the item is collected under (shown on notices and receipts). */
	legalBasis: string;
	period: FeePeriod;
	rule: AmountRule;
	/** FE6: an optional item is charged only to students whose guardian agreed (recorded). */
	mandatory: boolean;
}

/** FE7: a reduction for one student and item, with the policy category and the evidence seen. */
export interface Exemption {
	studentId: string;
	itemCode: string;
	/** Policy category, e.g. "Hộ nghèo", "Con thương binh". */
	category: string;
	/** 0–100, whole percent; 100 is a full exemption. */
	percent: number;
	/** What document was seen: "Giấy chứng nhận hộ nghèo số 12/2026, UBND phường …". */
	evidence: string;
	/** The first day it no longer applies (FE46): periods starting on or after it are charged in full. */
	endsFrom?: string | null;
}

/** The facts about a student an amount rule may use. */
export interface RuleSubject {
	grade: number | string;
	classCode: string;
	/** FE5: for a per_day item, the days to charge (attendance or the school days of the period). */
	days?: number;
}

/** FE4: problems with an item's definition, in Vietnamese (empty when it is valid). */
export function validateFeeItem(item: FeeItem): string[] {
	const problems: string[] = [];
	if (!/^[A-Z0-9_]{1,20}$/.test(item.code)) problems.push(`Mã khoản thu "${item.code}" chỉ gồm chữ in hoa không dấu, chữ số và "_", tối đa 20 ký tự.`);
	if (item.name.trim() === '') problems.push('Tên khoản thu không được để trống.');
	if (item.legalBasis.trim() === '') problems.push(`Khoản thu ${item.code} cần ghi căn cứ pháp lý (quyết định, nghị quyết).`);
	if (!['month', 'term', 'year'].includes(item.period)) problems.push(`Kỳ thu của khoản ${item.code} phải là tháng, học kỳ hoặc năm.`);
	const amounts: unknown[] = [];
	switch (item.rule.kind) {
		case 'fixed':
			amounts.push(item.rule.amount);
			break;
		case 'per_day':
			amounts.push(item.rule.amountPerDay);
			for (const days of Object.values(item.rule.schoolDays ?? {})) {
				if (!Number.isInteger(days) || days < 0 || days > 31) problems.push(`Số ngày học của khoản ${item.code} phải là số nguyên từ 0 đến 31.`);
			}
			break;
		case 'by_grade':
		case 'by_class':
			amounts.push(...Object.values(item.rule.amounts));
			break;
		default:
			problems.push(`Cách tính tiền của khoản ${item.code} không hợp lệ.`);
	}
	for (const a of amounts) {
		try {
			assertNonNegativeDong(a);
		} catch {
			problems.push(`Số tiền của khoản ${item.code} phải là số nguyên đồng không âm (nhận được ${String(a)}).`);
		}
	}
	return problems;
}

/** FE5: the gross amount of `rule` for one student (integer đồng). */
export function grossAmount(rule: AmountRule, subject: RuleSubject): Dong {
	switch (rule.kind) {
		case 'fixed':
			return rule.amount;
		case 'per_day': {
			const days = subject.days ?? 0;
			if (!Number.isInteger(days) || days < 0) throw new RangeError(`Số ngày phải là số nguyên không âm (nhận được ${days}).`);
			const total = rule.amountPerDay * days;
			if (!Number.isSafeInteger(total)) throw new RangeError('Số tiền vượt quá giới hạn.');
			return total;
		}
		case 'by_grade':
			return rule.amounts[String(subject.grade)] ?? 0;
		case 'by_class':
			return rule.amounts[subject.classCode] ?? 0;
	}
}

/**
 * FE8: the exemption that applies to a student's item: the one with the highest percent when
 * several categories are recorded (reductions do not add up); null when none.
 */
export function applicableExemption(exemptions: readonly Exemption[], studentId: string, itemCode: string): Exemption | null {
	let best: Exemption | null = null;
	for (const e of exemptions) {
		if (e.studentId !== studentId || e.itemCode !== itemCode) continue;
		if (!best || e.percent > best.percent) best = e;
	}
	return best;
}

/** FE7: problems with an exemption record, in Vietnamese. */
export function validateExemption(e: Exemption): string[] {
	const problems: string[] = [];
	if (!Number.isInteger(e.percent) || e.percent < 0 || e.percent > 100) problems.push(`Tỷ lệ miễn giảm phải là số nguyên từ 0 đến 100 (nhận được ${e.percent}).`);
	if (e.category.trim() === '') problems.push('Cần ghi đối tượng miễn giảm.');
	if (e.evidence.trim() === '') problems.push('Cần ghi giấy tờ minh chứng cho miễn giảm.');
	return problems;
}

/** FE3/FE8: gross, reduction and amount to pay after an exemption of `percent`. */
export function applyReduction(gross: Dong, percent: number): { gross: Dong; reduction: Dong; amount: Dong } {
	const reduction = percentOf(gross, percent);
	return { gross, reduction, amount: gross - reduction };
}

/** The usual code of the tuition item (học phí). */
export const TUITION_CODE = 'HOCPHI';

/**
 * FE9: tuition stays in the model (past years, private schools, policy changes), but a public
 * school's pupils owe none from the school year 2025–2026 on (National Assembly resolution of
 * 26 June 2025). A private school's tuition is still charged (the state subsidy is paid to the
 * family or the school outside this system).
 */
export function tuitionExemptByLaw(ownership: 'public' | 'private', schoolYearStart: number): boolean {
	return ownership === 'public' && schoolYearStart >= 2025;
}
