/** The periods a summary is made for, as the URL (`?ky=`) and the page name them. */
import type { SummaryPeriod } from './types';

export const PERIODS: readonly SummaryPeriod[] = ['hk1', 'hk2', 'year'];

/** URL values: hk1, hk2, ca-nam. */
const URL_VALUES: Readonly<Record<SummaryPeriod, string>> = { hk1: 'hk1', hk2: 'hk2', year: 'ca-nam' };

export const PERIOD_LABELS: Readonly<Record<SummaryPeriod, { short: string; long: string; url: string }>> = {
	hk1: { short: 'HK I', long: 'Học kì I', url: URL_VALUES.hk1 },
	hk2: { short: 'HK II', long: 'Học kì II', url: URL_VALUES.hk2 },
	year: { short: 'Cả năm', long: 'Cả năm học', url: URL_VALUES.year }
};

/** `?ky=` value → period; a missing value means the year, anything unknown is null. */
export function parsePeriod(value: string | null): SummaryPeriod | null {
	if (value === null || value === '') return 'year';
	return PERIODS.find((p) => URL_VALUES[p] === value) ?? null;
}
