import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from './period-grid';
import { weekOn, classWeek, periodLabel, publicationInEffect, publicationsFrom, roomWeek, shownDate, teacherWeek, todayFirst, weekdayOf, type ClassWeekSource, type PublishedFrame } from './week';

const frame: PublishedFrame = {
	version: 'v1',
	label: 'Thời khóa biểu số 1',
	grid: DEFAULT_GRID,
	bells: [
		{ session: 'sang', period: 1, start: '07:00', end: '07:45' },
		{ session: 'sang', period: 2, start: '07:50', end: '08:35' },
		{ session: 'chieu', period: 1, start: '13:30', end: '14:15' }
	]
};

const lesson = (slot: string, subject: string, teacher: string | null, room: string | null = null) => ({
	slot,
	subject,
	subjectName: subject === 'toan' ? 'Toán' : subject === 'ngu-van' ? 'Ngữ văn' : 'Tin học',
	teacher,
	teacherName: teacher ? `GV ${teacher}` : null,
	room,
	roomName: room ? 'Phòng máy tính' : null
});

const a1: ClassWeekSource = {
	classCode: '6a1',
	className: '6A1',
	effectiveFrom: '2025-09-08',
	frame,
	lessons: [lesson('2-chieu-1', 'tin-hoc', 'lan', 'phong-may'), lesson('2-sang-2', 'ngu-van', 'hoa'), lesson('2-sang-1', 'toan', 'lan'), lesson('3-sang-1', 'ngu-van', 'hoa')]
};
const a2: ClassWeekSource = { classCode: '6a2', className: '6A2', effectiveFrom: '2025-09-08', frame, lessons: [lesson('2-sang-2', 'toan', 'lan'), lesson('4-sang-1', 'tin-hoc', 'minh', 'phong-may')] };

describe('TK11 the publication in effect', () => {
	it('TK11 weekdays: 2025-09-08 is a Monday (Thứ Hai), 2025-09-13 a Saturday, a Sunday is none', () => {
		expect(weekdayOf('2025-09-08')).toBe(2);
		expect(weekdayOf('2025-09-13')).toBe(7);
		expect(weekdayOf('2025-09-14')).toBeNull();
		expect(weekdayOf('2026-03-05')).toBe(5);
		expect(weekdayOf('not a date')).toBeNull();
		expect(shownDate('2025-09-14')).toBe('2025-09-15');
		expect(shownDate('2025-12-31')).toBe('2025-12-31');
		expect(shownDate('2026-02-28')).toBe('2026-02-28');
		expect(shownDate('2026-03-01')).toBe('2026-03-02');
	});

	const pubs = [
		{ id: 1, effectiveFrom: '2025-09-08', publishedAt: 10, classes: ['6a1', '6a2'] },
		{ id: 2, effectiveFrom: '2026-01-19', publishedAt: 20, classes: ['6a1', '6a2'] },
		{ id: 3, effectiveFrom: '2025-09-08', publishedAt: 30, classes: ['6a1'] },
		{ id: 4, effectiveFrom: '2026-01-19', publishedAt: 5, classes: ['6a1'] }
	];

	it('TK11 the latest date on or before the day wins; of two with one date, the later published', () => {
		expect(publicationInEffect(pubs, '6a1', '2025-09-07')).toBeNull();
		expect(publicationInEffect(pubs, '6a1', '2025-09-08')?.id).toBe(3);
		expect(publicationInEffect(pubs, '6a2', '2025-10-01')?.id).toBe(1);
		expect(publicationInEffect(pubs, '6a1', '2026-01-19')?.id).toBe(2);
		expect(publicationInEffect(pubs, '6a1', '2026-05-01')?.id).toBe(2);
		expect(publicationInEffect(pubs, '7a1', '2026-05-01')).toBeNull();
	});

	it('TK11 the week shown on a date is the latest in effect, the next one named; dates are Vietnam dates (calendar/vietnam-time.test.ts)', () => {
		const weeks = [{ effectiveFrom: '2025-09-08' }, { effectiveFrom: '2026-01-19' }];
		expect(weekOn(weeks, '2025-09-01')).toEqual({ current: null, next: weeks[0] });
		expect(weekOn(weeks, '2025-10-01')).toEqual({ current: weeks[0], next: weeks[1] });
		expect(weekOn(weeks, '2026-01-19')).toEqual({ current: weeks[1], next: null });
	});

	it('TK11 guardians get the one in effect and the later ones, one per date', () => {
		expect(publicationsFrom(pubs, '6a1', '2025-10-01').map((p) => p.id)).toEqual([3, 2]);
		expect(publicationsFrom(pubs, '6a1', '2025-09-01').map((p) => p.id)).toEqual([3, 2]);
		expect(publicationsFrom(pubs, '6a2', '2026-02-01').map((p) => p.id)).toEqual([2]);
		expect(publicationsFrom(pubs, '9a1', '2026-02-01')).toEqual([]);
	});
});

describe('TK12–TK15 weeks', () => {
	it('TK12 a class week: every day of the grid, periods in order with bell times, nothing of another class', () => {
		const week = classWeek(a1);
		expect(week.days.map((d) => d.name)).toEqual(['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy']);
		expect(week.days[0]!.periods.map((p) => [p.sessionName, p.period, p.start, p.subjectName, p.teacherName, p.roomName, p.className])).toEqual([
			['Sáng', 1, '07:00', 'Toán', 'GV lan', null, null],
			['Sáng', 2, '07:50', 'Ngữ văn', 'GV hoa', null, null],
			['Chiều', 1, '13:30', 'Tin học', 'GV lan', 'Phòng máy tính', null]
		]);
		expect(week.days[2]!.periods).toEqual([]);
		expect(JSON.stringify(week)).not.toContain('6A2');
		expect(periodLabel(week.days[0]!.periods[0]!)).toBe('Tiết 1 (07:00–07:45)');
	});

	it('TK12 a lesson outside the grid is left out', () => {
		const week = classWeek({ ...a1, frame: { ...frame, grid: { ...DEFAULT_GRID, days: [2, 3, 4, 5, 6] } }, lessons: [lesson('7-sang-1', 'toan', 'lan')] });
		expect(week.days.flatMap((d) => d.periods)).toEqual([]);
	});

	it('TK13 a teacher week names the class of each lesson; a double booking shows both', () => {
		const week = teacherWeek([a1, a2], 'lan');
		expect(week.days[0]!.periods.map((p) => [p.period, p.session, p.className, p.subjectName])).toEqual([
			[1, 'sang', '6A1', 'Toán'],
			[2, 'sang', '6A2', 'Toán'],
			[1, 'chieu', '6A1', 'Tin học']
		]);
		expect(teacherWeek([a1, a2], 'hoa').days[1]!.periods.map((p) => p.className)).toEqual(['6A1']);
		expect(teacherWeek([a1, a2], 'nobody').days.every((d) => d.periods.length === 0)).toBe(true);
	});

	it('TK14 a room week holds the lessons in that room only', () => {
		const week = roomWeek([a1, a2], 'phong-may');
		expect(week.days.flatMap((d) => d.periods.map((p) => [d.day, p.className, p.subjectName]))).toEqual([
			[2, '6A1', 'Tin học'],
			[4, '6A2', 'Tin học']
		]);
	});

	it('TK15 today first, then the following days wrapping to Monday; Sunday has no today', () => {
		const week = classWeek(a1);
		const wednesday = todayFirst(week, '2025-09-10');
		expect(wednesday.today?.name).toBe('Thứ Tư');
		expect(wednesday.rest.map((d) => d.day)).toEqual([5, 6, 7, 2, 3]);
		const sunday = todayFirst(week, '2025-09-14');
		expect(sunday.today).toBeNull();
		expect(sunday.rest.map((d) => d.day)).toEqual([2, 3, 4, 5, 6, 7]);
	});
});
