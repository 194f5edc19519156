/**
 * An entry's `at` is written by the device that made it and only informs the audit ("Nhập lúc").
 * A value no Date can hold (`1e20`), a fraction or a time outside 2000–2099 is not a real entry
 * time: such an entry is skipped by the projections (projections SPEC P4), so it can never stop them.
 */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export function isSaneTimestamp(at: number): boolean {
	return Number.isSafeInteger(at) && at >= EARLIEST && at < LATEST;
}
