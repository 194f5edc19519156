import { describe, expect, it } from 'vitest';
import { checkPeriodSettings, checkUnavailable, clockMinutes, roomIdFor, roomNameProblem, slotsOutside, type PeriodSettingsInput } from './grid-settings';
import { DEFAULT_GRID } from './period-grid';

/** Two sessions of `periods` 45-minute periods, 5 minutes apart: morning from 07:00, afternoon from 13:30. */
function input(over: Partial<PeriodSettingsInput> = {}, periods = 5): PeriodSettingsInput {
	const times: Record<string, string> = {};
	for (const [session, from] of [
		['sang', 7 * 60],
		['chieu', 13 * 60 + 30]
	] as const) {
		for (let p = 1; p <= periods; p++) {
			const start = from + (p - 1) * 50;
			const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
			times[`start-${session}-${p}`] = hhmm(start);
			times[`end-${session}-${p}`] = hhmm(start + 45);
		}
	}
	return { days: ['2', '3', '4', '5', '6', '7'], sessions: ['sang', 'chieu'], periodsPerSession: String(periods), dailyMaximum: '5', noSessionSplit: true, times, ...over };
}

const errorsOf = (i: PeriodSettingsInput) => {
	const result = checkPeriodSettings(i);
	return result.ok ? {} : result.errors;
};

describe('period settings', () => {
	it('TK30 a well-formed grid is stored in week order: days Thứ Hai→Thứ Bảy, morning before afternoon', () => {
		const result = checkPeriodSettings(input({ days: ['6', '2', '4'], sessions: ['chieu', 'sang'] }, 4));
		expect(result).toMatchObject({ ok: true, value: { grid: { days: [2, 4, 6], sessions: ['sang', 'chieu'], periodsPerSession: 4 }, dailyMaximum: 5, noSessionSplit: true } });
		if (result.ok) expect(result.value.bells.map((b) => `${b.session}${b.period}`)).toEqual(['sang1', 'sang2', 'sang3', 'sang4', 'chieu1', 'chieu2', 'chieu3', 'chieu4']);
	});

	it('TK30 no day, no session, or periods outside 1–5 are refused on their field', () => {
		expect(errorsOf(input({ days: [] }))).toEqual({ days: 'Hãy chọn ít nhất một ngày học.' });
		expect(errorsOf(input({ sessions: ['toi'] }))).toEqual({ sessions: 'Hãy chọn ít nhất một buổi.' });
		expect(errorsOf(input({ periodsPerSession: '6' }))).toHaveProperty('periodsPerSession', 'Số tiết mỗi buổi phải từ 1 đến 5.');
		expect(errorsOf(input({ periodsPerSession: '0' }))).toHaveProperty('periodsPerSession');
		expect(errorsOf(input({ periodsPerSession: '2.5' }))).toHaveProperty('periodsPerSession');
	});

	it('TK31 a bell time is HH:MM (one-digit hour accepted, stored with two), the end after the start', () => {
		expect(clockMinutes('7:05')).toBe(425);
		expect(clockMinutes('23:59')).toBe(1439);
		for (const bad of ['24:00', '7:5', '07h00', '', '7:60', 'abc']) expect(clockMinutes(bad), bad).toBeNull();
		const one = input({ sessions: ['sang'] }, 1);
		const ok = checkPeriodSettings({ ...one, times: { 'start-sang-1': '7:00', 'end-sang-1': '7:45' } });
		expect(ok.ok && ok.value.bells).toEqual([{ session: 'sang', period: 1, start: '07:00', end: '07:45' }]);
		expect(errorsOf({ ...one, times: { 'start-sang-1': '7h', 'end-sang-1': '07:45' } })).toEqual({ 'start-sang-1': 'Giờ vào tiết phải có dạng giờ:phút, ví dụ 07:00.' });
		expect(errorsOf({ ...one, times: { 'start-sang-1': '07:45', 'end-sang-1': '07:45' } })).toEqual({ 'end-sang-1': 'Giờ ra tiết phải sau giờ vào tiết.' });
		expect(errorsOf({ ...one, times: { 'start-sang-1': '07:00' } })).toHaveProperty('end-sang-1');
		// A malformed start still lets the next period be checked against this one's end (TK32).
		const two = input({ sessions: ['sang'] }, 2);
		expect(errorsOf({ ...two, times: { 'start-sang-1': '7h', 'end-sang-1': '07:45', 'start-sang-2': '07:30', 'end-sang-2': '08:15' } })).toEqual({
			'start-sang-1': 'Giờ vào tiết phải có dạng giờ:phút, ví dụ 07:00.',
			'start-sang-2': 'Tiết này bắt đầu trước khi tiết 1 buổi sáng kết thúc (07:45).'
		});
	});

	it('TK31 bell times of periods or sessions outside the grid are not asked for', () => {
		const i = input({ sessions: ['sang'] }, 3);
		const times = Object.fromEntries(Object.entries(i.times).filter(([k]) => k.endsWith('sang-1') || k.endsWith('sang-2') || k.endsWith('sang-3')));
		expect(checkPeriodSettings({ ...i, times }).ok).toBe(true);
	});

	it('TK32 a period may not start before the previous one ends, nor the afternoon before the morning ends', () => {
		const overlap = input();
		expect(errorsOf({ ...overlap, times: { ...overlap.times, 'start-sang-3': '08:30' } })).toEqual({ 'start-sang-3': 'Tiết này bắt đầu trước khi tiết 2 buổi sáng kết thúc (08:35).' });
		expect(errorsOf({ ...overlap, times: { ...overlap.times, 'start-sang-2': '07:00', 'end-sang-2': '07:40' } })).toHaveProperty('start-sang-2');
		const early = input({}, 5);
		expect(errorsOf({ ...early, times: { ...early.times, 'start-chieu-1': '10:00', 'end-chieu-1': '10:45' } })).toHaveProperty('start-chieu-1', 'Tiết này bắt đầu trước khi tiết 5 buổi sáng kết thúc (11:05).');
		// Back to back (the end of one is the start of the next) is fine.
		const tight = input({ sessions: ['sang'] }, 2);
		expect(checkPeriodSettings({ ...tight, times: { 'start-sang-1': '07:00', 'end-sang-1': '07:45', 'start-sang-2': '07:45', 'end-sang-2': '08:30' } }).ok).toBe(true);
	});

	it('TK33 the daily maximum is a whole number from 1 to 10', () => {
		expect(errorsOf(input({ dailyMaximum: '0' }))).toEqual({ dailyMaximum: 'Số tiết tối đa một ngày phải từ 1 đến 10.' });
		expect(errorsOf(input({ dailyMaximum: '11' }))).toHaveProperty('dailyMaximum');
		expect(errorsOf(input({ dailyMaximum: '4,5' }))).toHaveProperty('dailyMaximum');
		expect(checkPeriodSettings(input({ dailyMaximum: '10' })).ok).toBe(true);
	});

	it('TK34 counts the lessons a smaller grid leaves out', () => {
		const lessons = ['2-sang-1', '2-sang-5', '7-sang-1', '7-chieu-2', '3-chieu-5'];
		expect(slotsOutside(DEFAULT_GRID, lessons)).toBe(0);
		expect(slotsOutside({ days: [2, 3, 4, 5, 6], sessions: ['sang', 'chieu'], periodsPerSession: 4 }, lessons)).toBe(4);
		expect(slotsOutside({ days: [2, 3, 4, 5, 6, 7], sessions: ['sang'], periodsPerSession: 5 }, lessons)).toBe(2);
	});
});

describe('rooms', () => {
	it('TK35 a room name is needed, at most 60 characters, and not another room\'s name (case, diacritics, spaces ignored)', () => {
		expect(roomNameProblem('  ', [])).toBe('Hãy nhập tên phòng.');
		expect(roomNameProblem('x'.repeat(61), [])).toBe('Tên phòng dài quá 60 ký tự.');
		expect(roomNameProblem('phong  MAY tinh', ['Phòng máy tính'])).toBe('Đã có phòng tên này.');
		expect(roomNameProblem('Phòng máy tính 2', ['Phòng máy tính'])).toBeNull();
	});

	it('TK35 a new room\'s id comes from its name, numbered when taken', () => {
		expect(roomIdFor('Phòng Đa năng  ', new Set())).toBe('phong-da-nang');
		expect(roomIdFor('Phòng đa năng', new Set(['phong-da-nang', 'phong-da-nang-2']))).toBe('phong-da-nang-3');
		expect(roomIdFor('!!!', new Set())).toBe('phong');
	});
});

describe('teacher unavailability', () => {
	it('TK36 unavailable slots are slots of the grid, stored once each in week order', () => {
		expect(checkUnavailable(DEFAULT_GRID, ['3-chieu-1', '2-sang-2', '3-chieu-1', '3-sang-5'])).toEqual({ ok: true, slots: ['2-sang-2', '3-sang-5', '3-chieu-1'] });
		expect(checkUnavailable({ ...DEFAULT_GRID, periodsPerSession: 4 }, ['2-sang-5'])).toEqual({ ok: false, slot: '2-sang-5' });
		expect(checkUnavailable(DEFAULT_GRID, ['8-sang-1'])).toEqual({ ok: false, slot: '8-sang-1' });
		expect(checkUnavailable(DEFAULT_GRID, [])).toEqual({ ok: true, slots: [] });
	});
});
