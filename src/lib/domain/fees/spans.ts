/**
 * Which periods a student or an exemption covers (fees SPEC FE44–FE46): the days a period spans,
 * a student billed only for periods overlapping their time at the school, an exemption ended from
 * a day. Pure: dates are ISO "yyyy-mm-dd" strings, compared as text.
 */
/** "2026-09", "hk1", "hk2" or "cn" (dues.ts; not imported from there so the two modules do not import each other). */
type PeriodKey = string;

export interface Span {
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * FE44: the days a period covers in the school year starting in September of `startYear`. A month
 * is its calendar month; hk1 runs from 1 September to 14 January, hk2 from 15 January to 31 May
 * (the due dates of FA5 use the same 15 January); "cn" from 1 September to 31 May.
 */
export function periodSpan(period: PeriodKey, startYear: number): Span {
	if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
		const [y, m] = period.split('-').map(Number) as [number, number];
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		return { from: `${period}-01`, to: `${period}-${pad(last)}` };
	}
	if (period === 'hk1') return { from: `${startYear}-09-01`, to: `${startYear + 1}-01-14` };
	if (period === 'hk2') return { from: `${startYear + 1}-01-15`, to: `${startYear + 1}-05-31` };
	if (period === 'cn') return { from: `${startYear}-09-01`, to: `${startYear + 1}-05-31` };
	throw new RangeError(`Kỳ thu "${period}" không hợp lệ.`);
}

/** A student's time at the school this year: from the day they came (transferred in), until the day they left. */
export interface EnrolmentSpan {
	from?: string | null;
	until?: string | null;
}

/**
 * FE45: a student is billed for a period only if it overlaps their time at the school: a period
 * that ends before the day they came, or starts after the day they left, is not billed. A period
 * they were at school for part of is billed in full (a person adjusts it, e.g. by an exemption).
 */
export function billedFor(period: PeriodKey, startYear: number, enrolment: EnrolmentSpan): boolean {
	const span = periodSpan(period, startYear);
	if (enrolment.from && span.to < enrolment.from) return false;
	if (enrolment.until && span.from > enrolment.until) return false;
	return true;
}

/**
 * FE46: an exemption ended from a day applies to the periods that started before that day and no
 * later ones; the periods already charged keep their reduction. Without an end day it applies to
 * every period.
 */
export function exemptionCovers(period: PeriodKey, startYear: number, endsFrom: string | null | undefined): boolean {
	return !endsFrom || periodSpan(period, startYear).from < endsFrom;
}

/** "yyyy-mm-dd" that is a real calendar day. */
export function isIsoDay(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
