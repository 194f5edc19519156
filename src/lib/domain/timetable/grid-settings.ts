/**
 * What a scheduler sets on a timetable version (TK30–TK36, SPEC.md): the period grid with bell
 * times, the daily maximum, rooms and teachers' unavailable slots. Pure: the page sends what was
 * typed, these functions say what is wrong with each field (Vietnamese, next to the field) or give
 * the normalised value to store.
 */
import { inGrid, parseSlotKey, type PeriodGrid, type Session, type Weekday } from './period-grid';

/** TK1: at most five periods a session at THCS. */
export const MAX_PERIODS = 5;
/** TK33: two sessions of five periods. */
export const MAX_DAILY = 2 * MAX_PERIODS;
const DAYS: readonly Weekday[] = [2, 3, 4, 5, 6, 7];
const SESSIONS: readonly Session[] = ['sang', 'chieu'];

export interface Bell {
	session: Session;
	period: number;
	start: string;
	end: string;
}

/** As typed: bell times keyed `start-<session>-<period>` / `end-<session>-<period>`. */
export interface PeriodSettingsInput {
	days: readonly string[];
	sessions: readonly string[];
	periodsPerSession: string;
	dailyMaximum: string;
	noSessionSplit: boolean;
	times: Readonly<Record<string, string>>;
}

export interface PeriodSettings {
	grid: PeriodGrid;
	bells: Bell[];
	dailyMaximum: number;
	noSessionSplit: boolean;
}

/** Field name → message. Field names are the form's: days, sessions, periodsPerSession, dailyMaximum, start-sang-1, … */
export type FieldErrors = Record<string, string>;

export const bellField = (edge: 'start' | 'end', session: Session, period: number) => `${edge}-${session}-${period}`;

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** TK31: "HH:MM" (a one-digit hour accepted) → minutes after midnight, or null. */
export function clockMinutes(text: string): number | null {
	const match = CLOCK.exec(text.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** TK30–TK33: the grid, bell times and daily maximum as typed, checked and normalised. */
export function checkPeriodSettings(input: PeriodSettingsInput): { ok: true; value: PeriodSettings } | { ok: false; errors: FieldErrors } {
	const errors: FieldErrors = {};
	// TK30: the grid.
	const days = DAYS.filter((d) => input.days.includes(String(d)));
	if (days.length === 0) errors.days = 'Hãy chọn ít nhất một ngày học.';
	const sessions = SESSIONS.filter((s) => input.sessions.includes(s));
	if (sessions.length === 0) errors.sessions = 'Hãy chọn ít nhất một buổi.';
	const periods = /^\d+$/.test(input.periodsPerSession.trim()) ? Number(input.periodsPerSession) : NaN;
	if (!(periods >= 1 && periods <= MAX_PERIODS)) errors.periodsPerSession = `Số tiết mỗi buổi phải từ 1 đến ${MAX_PERIODS}.`;
	const periodCount = Number.isInteger(periods) && periods >= 1 ? Math.min(periods, MAX_PERIODS) : 0;

	// TK31, TK32: bell times of every period of the chosen sessions, in order without overlap.
	const bells: Bell[] = [];
	let previousEnd: { minutes: number; label: string } | null = null;
	for (const session of sessions) {
		for (let period = 1; period <= periodCount; period++) {
			const startField = bellField('start', session, period);
			const endField = bellField('end', session, period);
			const start = clockMinutes(input.times[startField] ?? '');
			const end = clockMinutes(input.times[endField] ?? '');
			if (start === null) errors[startField] = 'Giờ vào tiết phải có dạng giờ:phút, ví dụ 07:00.';
			if (end === null) errors[endField] = 'Giờ ra tiết phải có dạng giờ:phút, ví dụ 07:45.';
			const label = `tiết ${period} buổi ${session === 'sang' ? 'sáng' : 'chiều'}`;
			if (start === null || end === null) {
				// The next period is still checked against a well-formed end.
				previousEnd = end === null ? null : { minutes: end, label };
				continue;
			}
			if (end <= start) errors[endField] = 'Giờ ra tiết phải sau giờ vào tiết.';
			else if (previousEnd && start < previousEnd.minutes) errors[startField] = `Tiết này bắt đầu trước khi ${previousEnd.label} kết thúc (${clock(previousEnd.minutes)}).`;
			bells.push({ session, period, start: clock(start), end: clock(end) });
			previousEnd = { minutes: end, label };
		}
	}

	// TK33: the daily maximum, at most a two-session THCS day (a larger one could never be reached).
	const maximum = /^\d+$/.test(input.dailyMaximum.trim()) ? Number(input.dailyMaximum) : NaN;
	if (!(maximum >= 1 && maximum <= MAX_DAILY)) errors.dailyMaximum = `Số tiết tối đa một ngày phải từ 1 đến ${MAX_DAILY}.`;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { grid: { days, sessions, periodsPerSession: periods }, bells, dailyMaximum: maximum, noSessionSplit: input.noSessionSplit } };
}

/** TK1: a slot key the grid has (a malformed key is in no grid). */
export function hasSlot(grid: PeriodGrid, key: string): boolean {
	const slot = parseSlotKey(key);
	return slot !== null && inGrid(grid, slot);
}

/** TK34: how many of the given lesson slots (slot keys) the grid does not have. */
export function slotsOutside(grid: PeriodGrid, slots: Iterable<string>): number {
	let outside = 0;
	for (const key of slots) if (!hasSlot(grid, key)) outside++;
	return outside;
}

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase();

/** Spaces collapsed, NFC: how a room name is stored. */
export const tidyName = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

export const ROOM_NAME_MAX = 60;

/** TK35: what is wrong with a room name among the other rooms' names, or null. */
export function roomNameProblem(name: string, others: readonly string[]): string | null {
	const tidy = tidyName(name);
	if (tidy === '') return 'Hãy nhập tên phòng.';
	if (tidy.length > ROOM_NAME_MAX) return `Tên phòng dài quá ${ROOM_NAME_MAX} ký tự.`;
	const key = fold(tidy).replace(/[^a-z0-9]+/g, '');
	if (others.some((o) => fold(o).replace(/[^a-z0-9]+/g, '') === key)) return 'Đã có phòng tên này.';
	return null;
}

/** TK35: a new room's id from its name (lower case, no diacritics, hyphens), `-2`, `-3`… when taken. */
export function roomIdFor(name: string, taken: ReadonlySet<string>): string {
	const base =
		fold(tidyName(name))
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 40)
			.replace(/-+$/, '') || 'phong';
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

/** TK36: the unavailable slots as chosen, or the first one the grid does not have. */
export function checkUnavailable(grid: PeriodGrid, slots: readonly string[]): { ok: true; slots: string[] } | { ok: false; slot: string } {
	for (const key of slots) if (!hasSlot(grid, key)) return { ok: false, slot: key };
	return { ok: true, slots: [...new Set(slots)].sort(bySlot) };
}

const SESSION_ORDER: Record<Session, number> = { sang: 0, chieu: 1 };
function bySlot(a: string, b: string): number {
	const x = parseSlotKey(a)!;
	const y = parseSlotKey(b)!;
	return x.day - y.day || SESSION_ORDER[x.session] - SESSION_ORDER[y.session] || x.period - y.period;
}
