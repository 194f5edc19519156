import { describe, expect, it } from 'vitest';
import { describeFixedPlan, fixedSlotsOf, homeSession, mayBeFixed, planFixedSlots } from './fixed-slots';
import type { PlacedLesson } from './lesson-move';
import { DEFAULT_GRID, type PeriodGrid } from './period-grid';

type Week = Record<string, Record<string, PlacedLesson>>;
const reader = (week: Week) => (classCode: string, slot: string) => week[classCode]?.[slot];
const toan = (teacher = 'gv-lan'): PlacedLesson => ({ subject: 'toan', teacher, room: null });
const TEACHERS = new Set(['gv-lan', 'gv-minh', 'gv-cn1']);
const flag = { subject: 'chao-co', teacher: null, room: null, fixed: true };
const meeting = (teacher: string | null) => ({ subject: 'sinh-hoat-lop', teacher, room: null, fixed: true });

describe('TK42 where the fixed slots are', () => {
	it('TK42 chào cờ is Monday period 1 and sinh hoạt lớp Saturday\'s last period, in the morning by default', () => {
		expect(fixedSlotsOf(DEFAULT_GRID, homeSession(DEFAULT_GRID, () => undefined))).toEqual({ flag: '2-sang-1', meeting: '7-sang-5' });
	});

	it('TK42 a class studying in the afternoon has them in the afternoon; activities do not decide the session', () => {
		const week: Record<string, PlacedLesson> = { '2-chieu-2': toan(), '3-chieu-1': toan(), '2-sang-1': flag, '7-sang-5': meeting('gv-cn1'), '4-sang-1': toan() };
		expect(homeSession(DEFAULT_GRID, (s) => week[s])).toBe('chieu');
		expect(fixedSlotsOf(DEFAULT_GRID, 'chieu')).toEqual({ flag: '2-chieu-1', meeting: '7-chieu-5' });
	});

	it('TK42 the grid decides the first and last day and the last period', () => {
		const grid: PeriodGrid = { days: [3, 4, 5, 6], sessions: ['sang'], periodsPerSession: 4 };
		expect(fixedSlotsOf(grid, 'sang')).toEqual({ flag: '3-sang-1', meeting: '6-sang-4' });
	});
});

describe('TK43 who takes the fixed lessons', () => {
	it('TK43 sinh hoạt lớp goes to the homeroom teacher, chào cờ to nobody and no room', () => {
		const plan = planFixedSlots(DEFAULT_GRID, [{ code: '6a1', homeroom: 'gv-cn1' }], TEACHERS, reader({}));
		expect(plan.changes).toEqual([
			{ classCode: '6a1', slot: '2-sang-1', lesson: flag },
			{ classCode: '6a1', slot: '7-sang-5', lesson: meeting('gv-cn1') }
		]);
		expect(plan.withoutHomeroom).toEqual([]);
	});

	it('TK43 a class without a homeroom teacher the timetable knows gets sinh hoạt lớp without teacher, and is named', () => {
		const plan = planFixedSlots(DEFAULT_GRID, [{ code: '6a1', homeroom: null }, { code: '6a2', homeroom: 'gv-gone' }], TEACHERS, reader({}));
		expect(plan.changes.filter((c) => c.lesson?.subject === 'sinh-hoat-lop').map((c) => c.lesson?.teacher)).toEqual([null, null]);
		expect(plan.withoutHomeroom).toEqual(['6a1', '6a2']);
	});
});

describe('TK44 only school activities are fixed', () => {
	it('TK44 chào cờ and sinh hoạt lớp may be fixed, a programme subject may not', () => {
		expect(mayBeFixed('chao-co')).toBe(true);
		expect(mayBeFixed('sinh-hoat-lop')).toBe(true);
		expect(mayBeFixed('toan')).toBe(false);
		expect(mayBeFixed(null)).toBe(false);
	});
});

describe('TK45 what the fixed slots overwrite', () => {
	const classes = [
		{ code: '6a1', homeroom: 'gv-cn1' },
		{ code: '6a2', homeroom: 'gv-minh' }
	];

	it('TK45 reports each lesson of another subject it replaces, and every class', () => {
		const plan = planFixedSlots(DEFAULT_GRID, classes, TEACHERS, reader({ '6a1': { '2-sang-1': toan(), '7-sang-5': { subject: 'ngu-van', teacher: 'gv-minh', room: null } } }));
		expect(plan.classes).toBe(2);
		expect(plan.replaced).toEqual([
			{ classCode: '6a1', slot: '2-sang-1', subject: 'toan' },
			{ classCode: '6a1', slot: '7-sang-5', subject: 'ngu-van' }
		]);
		expect(plan.changes).toHaveLength(4);
		expect(describeFixedPlan(plan, (c) => c.toUpperCase())).toBe('Xếp chào cờ và sinh hoạt lớp cho 2 lớp; 2 tiết đang có môn khác sẽ bị thay.');
	});

	it('TK45 an unfixed chào cờ in place is fixed without counting as replaced; one already fixed is not written again', () => {
		const week: Week = { '6a1': { '2-sang-1': { subject: 'chao-co', teacher: null, room: null }, '7-sang-5': meeting('gv-cn1') }, '6a2': { '2-sang-1': flag, '7-sang-5': meeting('gv-minh') } };
		const plan = planFixedSlots(DEFAULT_GRID, classes, TEACHERS, reader(week));
		expect(plan.replaced).toEqual([]);
		expect(plan.changes).toEqual([{ classCode: '6a1', slot: '2-sang-1', lesson: flag }]);
	});

	it('TK45 sinh hoạt lớp with another teacher is given to the homeroom teacher', () => {
		const plan = planFixedSlots(DEFAULT_GRID, [classes[0]!], TEACHERS, reader({ '6a1': { '2-sang-1': flag, '7-sang-5': meeting('gv-lan') } }));
		expect(plan.replaced).toEqual([]);
		expect(plan.changes).toEqual([{ classCode: '6a1', slot: '7-sang-5', lesson: meeting('gv-cn1') }]);
	});

	it('TK45 chào cờ or sinh hoạt lớp elsewhere in the week is cleared rather than doubled, and said so', () => {
		const plan = planFixedSlots(DEFAULT_GRID, [{ code: '6a1', homeroom: null }], TEACHERS, reader({ '6a1': { '3-sang-1': { subject: 'chao-co', teacher: null, room: null }, '6-sang-5': meeting(null) } }));
		expect(plan.cleared).toEqual([
			{ classCode: '6a1', slot: '3-sang-1', subject: 'chao-co' },
			{ classCode: '6a1', slot: '6-sang-5', subject: 'sinh-hoat-lop' }
		]);
		expect(plan.changes.filter((c) => c.lesson === null).map((c) => c.slot)).toEqual(['3-sang-1', '6-sang-5']);
		expect(describeFixedPlan(plan, (c) => c.toUpperCase())).toBe(
			'Xếp chào cờ và sinh hoạt lớp cho 1 lớp; không tiết nào đang có môn khác. 2 tiết chào cờ, sinh hoạt lớp xếp ở chỗ khác sẽ được bỏ. Lớp 6A1 chưa có giáo viên chủ nhiệm: tiết sinh hoạt lớp để trống giáo viên.'
		);
	});
});
