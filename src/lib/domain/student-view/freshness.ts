/**
 * PV8: how fresh the data on a parent's device is, in words: "Cập nhật lúc 14:05 hôm nay",
 * "… hôm qua", or with the date otherwise — in Vietnam's time (UTC+7 all year,
 * calendar/vietnam-time.ts), whatever the device's own time zone.
 */
import { VIETNAM_OFFSET_MS, vietnamWallClock } from '../calendar/vietnam-time';

const DAY_MS = 24 * 60 * 60 * 1000;

const two = (n: number) => String(n).padStart(2, '0');

/** `at` and `now` in epoch milliseconds. */
export function freshnessText(at: number, now: number): string {
	const local = vietnamWallClock(at);
	const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
	const day = Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS);
	const today = Math.floor((now + VIETNAM_OFFSET_MS) / DAY_MS);
	if (day === today) return `Cập nhật lúc ${time} hôm nay`;
	if (day === today - 1) return `Cập nhật lúc ${time} hôm qua`;
	return `Cập nhật lúc ${time} ngày ${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}
