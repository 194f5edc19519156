/**
 * Generating what each student owes (fees SPEC FE6, FE8, FE18–FE22): one due per student × item
 * × period, the difference from the previous generation, and totals for the preview. Pure.
 */
import { applicableExemption, applyReduction, grossAmount, validateFeeItem, type Exemption, type FeeItem, type FeePeriod } from './items';
import { sumDong, type Dong } from './money';
import { billedFor, exemptionCovers, type EnrolmentSpan } from './spans';

/** "2026-09" (a month), "hk1" / "hk2" (a term), "cn" (the whole year: cả năm). */
export type PeriodKey = string;

export interface DueStudent {
	id: string;
	classCode: string;
	grade: number | string;
	/** The student's time at the school this year, when known: periods outside it are not billed (FE45). */
	enrolment?: EnrolmentSpan;
}

export interface Agreement {
	studentId: string;
	itemCode: string;
}

export interface DuesInput {
	items: readonly FeeItem[];
	students: readonly DueStudent[];
	periods: readonly PeriodKey[];
	/** Optional items are owed only by these (student, item) pairs (FE6). */
	agreements: readonly Agreement[];
	exemptions: readonly Exemption[];
	/** Days attended, keyed `${studentId}:${period}`, for per-day items (FE5). */
	attendanceDays?: ReadonlyMap<string, number>;
	/** The calendar year the school year starts in; needed when enrolments or exemptions carry days (FE44). */
	schoolYearStart?: number;
}

export interface Due {
	studentId: string;
	itemCode: string;
	period: PeriodKey;
	gross: Dong;
	reduction: Dong;
	amount: Dong;
	exemptionCategory?: string;
	exemptionPercent?: number;
	/** For a per-day item: the days charged. */
	days?: number;
}

/** FE18: the kind of period a key names, or null for a key that is none of them. */
export function periodKind(period: PeriodKey): FeePeriod | null {
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
	if (period === 'hk1' || period === 'hk2') return 'term';
	if (period === 'cn') return 'year';
	return null;
}

/** FE18: a period in words for notices and pages: "tháng 9/2026", "học kỳ I", "học kỳ II", "cả năm". */
export function periodName(period: PeriodKey): string {
	if (periodKind(period) === 'month') return `tháng ${Number(period.slice(5))}/${period.slice(0, 4)}`;
	if (period === 'hk1') return 'học kỳ I';
	if (period === 'hk2') return 'học kỳ II';
	if (period === 'cn') return 'cả năm';
	return period;
}

/** FE18: a short ASCII period for a transfer's purpose text: "T9", "HK1", "HK2", "CN". */
export function periodShort(period: PeriodKey): string {
	if (periodKind(period) === 'month') return `T${Number(period.slice(5))}`;
	return period.toUpperCase();
}

/** FE18: the periods of the school year starting in September of `startYear`: months 09 … 05, hk1, hk2, cn. */
export function schoolYearPeriods(startYear: number): PeriodKey[] {
	const months: PeriodKey[] = [];
	for (let m = 9; m <= 12; m++) months.push(`${startYear}-${String(m).padStart(2, '0')}`);
	for (let m = 1; m <= 5; m++) months.push(`${startYear + 1}-${String(m).padStart(2, '0')}`);
	return [...months, 'hk1', 'hk2', 'cn'];
}

/** The identity of a due across generations. */
export const dueKey = (d: Pick<Due, 'studentId' | 'itemCode' | 'period'>) => `${d.studentId}|${d.itemCode}|${d.period}`;

/**
 * FE18–FE20: the dues for every student × item × period whose kind matches the item's period.
 * - optional items only for students with a recorded agreement (FE6);
 * - only periods overlapping the student's time at the school, when known (FE45);
 * - exemptions ended from a day only for periods that started before it (FE46);
 * - per-day items: days attended when known, else the item's school days for the period, else 0;
 * - the highest applicable exemption is applied with FE3 rounding and recorded (FE8);
 * - a due whose gross is 0 (grade or class without an amount, no day charged) is not created;
 *   a due reduced to 0 by an exemption is kept.
 * Order: items as given, then periods as given, then students as given.
 * Throws on an invalid item, a repeated item code or an unknown period key.
 */
export function generateDues(input: DuesInput): Due[] {
	const codes = new Set<string>();
	for (const item of input.items) {
		const problems = validateFeeItem(item);
		if (problems.length > 0) throw new RangeError(problems.join(' '));
		if (codes.has(item.code)) throw new RangeError(`Mã khoản thu ${item.code} bị trùng.`);
		codes.add(item.code);
	}
	for (const p of input.periods) if (periodKind(p) === null) throw new RangeError(`Kỳ thu "${p}" không hợp lệ (dùng "2026-09", "hk1", "hk2" hoặc "cn").`);
	const dated = input.students.some((s) => s.enrolment?.from || s.enrolment?.until) || input.exemptions.some((e) => e.endsFrom);
	if (dated && input.schoolYearStart === undefined) throw new RangeError('Cần năm bắt đầu của năm học để xét ngày nhập học, ngày rời trường và ngày thôi miễn giảm.');
	const startYear = input.schoolYearStart ?? 0;
	const agreed = new Set(input.agreements.map((a) => `${a.studentId}|${a.itemCode}`));
	const exemptionsByKey = new Map<string, Exemption[]>();
	for (const e of input.exemptions) {
		const key = `${e.studentId}|${e.itemCode}`;
		const list = exemptionsByKey.get(key);
		if (list) list.push(e);
		else exemptionsByKey.set(key, [e]);
	}
	const dues: Due[] = [];
	for (const item of input.items) {
		const periods = input.periods.filter((p) => periodKind(p) === item.period);
		for (const period of periods) {
			for (const student of input.students) {
				if (!item.mandatory && !agreed.has(`${student.id}|${item.code}`)) continue;
				if (student.enrolment && !billedFor(period, startYear, student.enrolment)) continue;
				let days: number | undefined;
				if (item.rule.kind === 'per_day') days = input.attendanceDays?.get(`${student.id}:${period}`) ?? item.rule.schoolDays?.[period] ?? 0;
				const gross = grossAmount(item.rule, { grade: student.grade, classCode: student.classCode, days });
				if (gross === 0) continue;
				const inForce = (exemptionsByKey.get(`${student.id}|${item.code}`) ?? []).filter((e) => exemptionCovers(period, startYear, e.endsFrom));
				const exemption = applicableExemption(inForce, student.id, item.code);
				const { reduction, amount } = applyReduction(gross, exemption?.percent ?? 0);
				const due: Due = { studentId: student.id, itemCode: item.code, period, gross, reduction, amount };
				if (exemption && exemption.percent > 0) {
					due.exemptionCategory = exemption.category;
					due.exemptionPercent = exemption.percent;
				}
				if (days !== undefined) due.days = days;
				dues.push(due);
			}
		}
	}
	return dues;
}

export interface DuesDiff {
	added: Due[];
	changed: { before: Due; after: Due }[];
	cancelled: Due[];
	unchanged: Due[];
}

const sameDue = (a: Due, b: Due) =>
	a.gross === b.gross && a.reduction === b.reduction && a.amount === b.amount && (a.exemptionCategory ?? '') === (b.exemptionCategory ?? '') && (a.days ?? null) === (b.days ?? null);

/**
 * FE21: what a new generation changes, matching dues by student, item and period: added (new),
 * changed (gross, reduction, amount, exemption category or days differ), cancelled (no longer
 * generated) and unchanged. Every previous and next due lands in exactly one list. The server
 * turns `changed` into adjustments and `cancelled` into cancellations; nothing is deleted.
 */
export function diffDues(previous: readonly Due[], next: readonly Due[]): DuesDiff {
	const before = new Map<string, Due>();
	for (const d of previous) {
		const key = dueKey(d);
		if (before.has(key)) throw new RangeError(`Khoản phải thu bị lặp: ${key}.`);
		before.set(key, d);
	}
	const diff: DuesDiff = { added: [], changed: [], cancelled: [], unchanged: [] };
	const seen = new Set<string>();
	for (const after of next) {
		const key = dueKey(after);
		if (seen.has(key)) throw new RangeError(`Khoản phải thu bị lặp: ${key}.`);
		seen.add(key);
		const old = before.get(key);
		if (!old) diff.added.push(after);
		else if (sameDue(old, after)) diff.unchanged.push(after);
		else diff.changed.push({ before: old, after });
	}
	for (const d of previous) if (!seen.has(dueKey(d))) diff.cancelled.push(d);
	return diff;
}

export interface ClassTotals {
	classCode: string;
	/** Number of dues. */
	count: number;
	/** Number of distinct students with a due. */
	students: number;
	gross: Dong;
	reduction: Dong;
	amount: Dong;
	/** Dues with an exemption applied. */
	exempted: number;
}

/** Natural order of class codes: "6A2" before "6A10". */
export const compareClassCodes = (a: string, b: string) => a.localeCompare(b, 'vi', { numeric: true, sensitivity: 'base' });

/**
 * FE22: preview totals per class (classes in natural order). A due whose student is not in
 * `students` is counted under class "" so no money disappears from the totals.
 */
export function totalsByClass(dues: readonly Due[], students: readonly Pick<DueStudent, 'id' | 'classCode'>[]): ClassTotals[] {
	const classOf = new Map(students.map((s) => [s.id, s.classCode]));
	const groups = new Map<string, { dues: Due[]; students: Set<string> }>();
	for (const d of dues) {
		const code = classOf.get(d.studentId) ?? '';
		let g = groups.get(code);
		if (!g) groups.set(code, (g = { dues: [], students: new Set() }));
		g.dues.push(d);
		g.students.add(d.studentId);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => compareClassCodes(a, b))
		.map(([classCode, g]) => ({
			classCode,
			count: g.dues.length,
			students: g.students.size,
			gross: sumDong(g.dues.map((d) => d.gross)),
			reduction: sumDong(g.dues.map((d) => d.reduction)),
			amount: sumDong(g.dues.map((d) => d.amount)),
			exempted: g.dues.filter((d) => d.reduction > 0).length
		}));
}

/** FE22: totals per item code (items in first-seen order), for the preview and reports. */
export function totalsByItem(dues: readonly Due[]): { itemCode: string; count: number; gross: Dong; reduction: Dong; amount: Dong }[] {
	const groups = new Map<string, Due[]>();
	for (const d of dues) {
		const list = groups.get(d.itemCode);
		if (list) list.push(d);
		else groups.set(d.itemCode, [d]);
	}
	return [...groups.entries()].map(([itemCode, list]) => ({
		itemCode,
		count: list.length,
		gross: sumDong(list.map((d) => d.gross)),
		reduction: sumDong(list.map((d) => d.reduction)),
		amount: sumDong(list.map((d) => d.amount))
	}));
}
