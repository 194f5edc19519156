import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from './period-grid';
import { classWeek, roomWeek, teacherWeek, type ClassWeekSource, type PublishedFrame } from './week';
import { describeDayChange, markWeekChanges, type NamedWeekChange } from './week-changes';

const frame: PublishedFrame = {
	version: 'v1',
	label: 'Thời khóa biểu số 1',
	grid: DEFAULT_GRID,
	bells: [
		{ session: 'sang', period: 1, start: '07:00', end: '07:45' },
		{ session: 'sang', period: 2, start: '07:50', end: '08:35' },
		{ session: 'sang', period: 3, start: '08:40', end: '09:25' }
	]
};
const lesson = (slot: string, subject: string, teacher: string, room: string | null = null) => ({
	slot,
	subject,
	subjectName: subject === 'toan' ? 'Toán' : 'Tin học',
	teacher,
	teacherName: `GV ${teacher}`,
	room,
	roomName: room ? 'Phòng máy tính' : null
});
const a1: ClassWeekSource = { classCode: '6a1', className: '6A1', effectiveFrom: '2025-09-08', frame, lessons: [lesson('3-sang-1', 'toan', 'lan'), lesson('3-sang-2', 'tin-hoc', 'minh', 'phong-may')] };
const a2: ClassWeekSource = { classCode: '6a2', className: '6A2', effectiveFrom: '2025-09-08', frame, lessons: [lesson('3-sang-1', 'tin-hoc', 'minh', 'phong-may'), lesson('4-sang-1', 'toan', 'lan')] };

/** Tuesday 18/11/2025: 6A1's Toán (Lan) taken by Hoa; Wednesday: 6A2's Toán (Lan) cancelled; 6A2's Tin học (Minh, in the room) taken by Lan. */
const change = (c: Partial<NamedWeekChange> & Pick<NamedWeekChange, 'date' | 'slot' | 'classCode' | 'kind'>): NamedWeekChange => ({
	className: c.classCode.toUpperCase(),
	subjectName: 'Toán',
	substitute: null,
	substituteName: null,
	originalTeacher: 'lan',
	originalTeacherName: 'cô Lan',
	...c
});
const hoaForLan = change({ date: '2025-11-18', slot: '3-sang-1', classCode: '6a1', kind: 'substitute', substitute: 'hoa', substituteName: 'cô Hoa' });
const cancelled = change({ date: '2025-11-19', slot: '4-sang-1', classCode: '6a2', kind: 'cancelled' });
const lanForMinh = change({ date: '2025-11-18', slot: '3-sang-1', classCode: '6a2', kind: 'substitute', subjectName: 'Tin học', substitute: 'lan', substituteName: 'cô Lan', originalTeacher: 'minh', originalTeacherName: 'thầy Minh' });
const all = [hoaForLan, lanForMinh, cancelled];

const periodsOn = (week: ReturnType<typeof markWeekChanges>['week'], day: number) => week.days.find((d) => d.day === day)!.periods;

describe('TK16 day changes marked on a week', () => {
	it("TK16 a class's week: only that class's changes, each on its lesson, dated and in words", () => {
		const { week, shown } = markWeekChanges(classWeek(a1), all, { kind: 'class', classCode: '6a1' }, frame);
		expect(shown).toEqual([hoaForLan]);
		const tuesday = periodsOn(week, 3);
		expect(tuesday.map((p) => p.change?.words ?? null)).toEqual(['cô Hoa dạy thay cô Lan', null]);
		expect(tuesday[0]!.change).toMatchObject({ date: '2025-11-18', kind: 'substitute', taken: false });
		// The unmarked week is not changed in place.
		expect(classWeek(a1).days.flatMap((d) => d.periods).some((p) => p.change)).toBe(false);
	});

	it("TK16 a teacher's week: their own lessons taken or cancelled marked, lessons they take as substitute added in slot order", () => {
		const { week, shown } = markWeekChanges(teacherWeek([a1, a2], 'lan'), all, { kind: 'teacher', teacher: 'lan' }, frame);
		expect(shown).toEqual(all);
		const tuesday = periodsOn(week, 3);
		expect(tuesday.map((p) => [p.className, p.subjectName, p.change?.words, p.change?.taken])).toEqual([
			['6A1', 'Toán', 'cô Hoa dạy thay', false],
			['6A2', 'Tin học', 'dạy thay thầy Minh', true]
		]);
		expect(tuesday[1]).toMatchObject({ start: '07:00', end: '07:45', sessionName: 'Sáng', period: 1 });
		expect(periodsOn(week, 4)[0]!.change).toMatchObject({ kind: 'cancelled', words: 'lớp nghỉ tiết này' });
	});

	it("TK16 a room's week: only the changes of lessons held in the room", () => {
		const week = roomWeek([a1, a2], 'phong-may');
		const { week: marked, shown } = markWeekChanges(week, all, { kind: 'room' }, frame);
		expect(shown).toEqual([lanForMinh]);
		expect(periodsOn(marked, 3).map((p) => [p.className, p.period, p.change?.words ?? null])).toEqual([
			['6A2', 1, 'cô Lan dạy thay thầy Minh'],
			['6A1', 2, null]
		]);
	});

	it("TK16 a change of a lesson the published week lacks marks nothing, yet the class's list keeps it; a room's does not", () => {
		const elsewhere = change({ date: '2025-11-20', slot: '5-sang-3', classCode: '6a1', kind: 'cancelled' });
		const { week, shown } = markWeekChanges(classWeek(a1), [elsewhere], { kind: 'class', classCode: '6a1' }, frame);
		expect(shown).toEqual([elsewhere]);
		expect(week.days.flatMap((d) => d.periods).some((p) => p.change)).toBe(false);
		expect(markWeekChanges(roomWeek([a1, a2], 'phong-may'), [elsewhere], { kind: 'room' }, frame).shown).toEqual([]);
	});
});

describe('TK17 a day change in words', () => {
	it('TK17 from the substitute, the absent teacher, a reader who is neither; addressed to "bạn"', () => {
		expect(describeDayChange(hoaForLan)).toBe('cô Hoa dạy thay cô Lan');
		expect(describeDayChange(hoaForLan, 'hoa')).toBe('dạy thay cô Lan');
		expect(describeDayChange(hoaForLan, 'hoa', true)).toBe('bạn dạy thay cô Lan');
		expect(describeDayChange(hoaForLan, 'lan')).toBe('cô Hoa dạy thay');
		expect(describeDayChange(hoaForLan, 'lan', true)).toBe('cô Hoa dạy thay bạn');
		expect(describeDayChange(hoaForLan, 'minh')).toBe('cô Hoa dạy thay cô Lan');
		expect(describeDayChange(cancelled, 'lan')).toBe('lớp nghỉ tiết này');
		expect(describeDayChange({ ...hoaForLan, substituteName: null })).toBe('giáo viên khác dạy thay cô Lan');
	});
});
