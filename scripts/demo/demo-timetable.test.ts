import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../src/lib/domain/timetable/conflicts';
import { DEFAULT_GRID } from '../../src/lib/domain/timetable/period-grid';
import { weeklyPlanFor } from '../../src/lib/domain/timetable/weekly-plan';
import { countedSubject } from '../../src/lib/domain/timetable/activities';
import { timetableRoster } from '../../src/lib/ydoc/testing/timetable-fixture';
import { demoWeek } from './demo-timetable';

describe('the demo timetable week', () => {
	const roster = timetableRoster();
	const week = demoWeek(roster, new Map([['6a1', 'gv-lan']]));

	it('puts chào cờ first on Monday and sinh hoạt lớp with the homeroom teacher last on Saturday, in the class session', () => {
		expect(week).toContainEqual({ classCode: '6a1', slot: '2-chieu-1', subject: 'chao-co', teacher: null, room: null });
		expect(week).toContainEqual({ classCode: '6a1', slot: '7-chieu-5', subject: 'sinh-hoat-lop', teacher: 'gv-lan', room: null });
		expect(week.every((l) => l.slot.includes('-chieu-'))).toBe(true);
	});

	it('gives each class its term I plan (activities counted as HĐTN-HN), one lesson per slot, the same every run', () => {
		for (const klass of roster.classes) {
			const counts = new Map<string, number>();
			for (const l of week.filter((l) => l.classCode === klass.code)) counts.set(countedSubject(l.subject), (counts.get(countedSubject(l.subject)) ?? 0) + 1);
			expect(counts).toEqual(new Map([...weeklyPlanFor(6, 'hk1')].filter(([, n]) => n > 0)));
		}
		expect(new Set(week.map((l) => `${l.classCode}|${l.slot}`)).size).toBe(week.length);
		expect(demoWeek(roster, new Map([['6a1', 'gv-lan']]))).toEqual(week);
	});

	it('keeps the assigned teachers free of double bookings where the week allows', () => {
		const rules = { grid: DEFAULT_GRID, plan: new Map(), weeklyNorm: new Map(), dailyMaximum: 10, unavailable: new Map(), noSessionSplit: false };
		expect([...findConflicts(rules, week).values()].filter((c) => c.rule === 'TK2')).toEqual([]);
	});
});
