/**
 * The week's period grid of a school (TK1): which days, sessions and periods exist, and the key of
 * each slot. Pure data; the school configures it (docs/domain/curriculum.md §4).
 */

/** Vietnamese weekday numbers: 2 = Thứ Hai (Monday) … 7 = Thứ Bảy (Saturday). */
export type Weekday = 2 | 3 | 4 | 5 | 6 | 7;
export type Session = 'sang' | 'chieu';

export interface PeriodGrid {
	readonly days: readonly Weekday[];
	readonly sessions: readonly Session[];
	/** Periods in each session, 1-based; at most 5 at THCS. */
	readonly periodsPerSession: number;
}

/** Monday to Friday plus Saturday morning is common; this default is the two-session week. */
export const DEFAULT_GRID: PeriodGrid = { days: [2, 3, 4, 5, 6, 7], sessions: ['sang', 'chieu'], periodsPerSession: 5 };

export interface Slot {
	readonly day: Weekday;
	readonly session: Session;
	readonly period: number;
}

/** `"<day>-<session>-<period>"`, e.g. `"2-sang-1"` (Monday, morning, period 1): the only slot key format. */
export function slotKey(slot: Slot): string {
	return `${slot.day}-${slot.session}-${slot.period}`;
}

const SLOT_KEY = /^([2-7])-(sang|chieu)-([1-9])$/;

export function parseSlotKey(key: string): Slot | null {
	const match = SLOT_KEY.exec(key);
	if (!match) return null;
	return { day: Number(match[1]) as Weekday, session: match[2] as Session, period: Number(match[3]) };
}

/** TK1: a slot belongs to the grid when its day, session and period all exist there. */
export function inGrid(grid: PeriodGrid, slot: Slot): boolean {
	return grid.days.includes(slot.day) && grid.sessions.includes(slot.session) && Number.isInteger(slot.period) && slot.period >= 1 && slot.period <= grid.periodsPerSession;
}

/** Every slot of the grid, day by day, morning before afternoon. */
export function slotsOf(grid: PeriodGrid): Slot[] {
	const slots: Slot[] = [];
	for (const day of grid.days)
		for (const session of grid.sessions)
			for (let period = 1; period <= grid.periodsPerSession; period++) slots.push({ day, session, period });
	return slots;
}

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = { 2: 'Thứ Hai', 3: 'Thứ Ba', 4: 'Thứ Tư', 5: 'Thứ Năm', 6: 'Thứ Sáu', 7: 'Thứ Bảy' };
export const SESSION_NAMES: Readonly<Record<Session, string>> = { sang: 'Sáng', chieu: 'Chiều' };

/** e.g. "Thứ Hai, sáng, tiết 1". */
export function describeSlot(slot: Slot): string {
	return `${WEEKDAY_NAMES[slot.day]}, ${SESSION_NAMES[slot.session].toLowerCase()}, tiết ${slot.period}`;
}
