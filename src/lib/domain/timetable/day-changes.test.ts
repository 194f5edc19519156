import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lesson } from './conflicts';
import { absenceCovers, addDays, affectedLessons, changeProblem, datesBetween, freeTeachers, versionInEffect, weekdayOf, weekWithChanges, type Absence, type DayChange } from './day-changes';

const lesson = (classCode: string, slot: string, subject: string, teacher: string | null = null, room: string | null = null): Lesson => ({ classCode, slot, subject, teacher, room });

// 2026-01-05 is a Monday (Thứ Hai); 2026-01-06 a Tuesday; 2026-01-12 the next Monday.
const MON = '2026-01-05';
const TUE = '2026-01-06';
const NEXT_MON = '2026-01-12';

const week: Lesson[] = [
	lesson('6a1', '2-sang-1', 'chao-co'),
	lesson('6a1', '2-sang-2', 'toan', 'gv-an'),
	lesson('6a1', '2-sang-3', 'van', 'gv-binh'),
	lesson('6a2', '2-sang-2', 'van', 'gv-binh'),
	lesson('6a2', '2-sang-3', 'toan', 'gv-an'),
	lesson('7a1', '2-sang-2', 'khtn', 'gv-cuc', 'phong-thi-nghiem'),
	lesson('7a1', '3-sang-1', 'toan', 'gv-an')
];
const teachers = ['gv-an', 'gv-binh', 'gv-cuc', 'gv-dung', 'gv-em'];

describe('TK20 dates and weekdays', () => {
	it('TK20 gives the Vietnamese weekday of a date, null for Sunday and for no real date', () => {
		expect(weekdayOf(MON)).toBe(2);
		expect(weekdayOf(TUE)).toBe(3);
		expect(weekdayOf('2026-01-10')).toBe(7);
		expect(weekdayOf('2026-01-11')).toBeNull();
		expect(weekdayOf('2026-02-30')).toBeNull();
		expect(weekdayOf('05/01/2026')).toBeNull();
		expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addDays(MON, -1)).toBe('2026-01-04');
		expect(datesBetween(MON, '2026-01-07')).toEqual([MON, TUE, '2026-01-07']);
	});
});

describe('TK21 the version in effect', () => {
	const versions = [
		{ version: 'v1', effectiveFrom: '2025-09-08' },
		{ version: 'v3', effectiveFrom: '2026-03-02' },
		{ version: 'v2', effectiveFrom: '2026-01-19' }
	];
	it('TK21 is the latest effective-from on or before the date; none before the first', () => {
		expect(versionInEffect(versions, '2025-09-07')).toBeNull();
		expect(versionInEffect(versions, '2025-09-08')?.version).toBe('v1');
		expect(versionInEffect(versions, '2026-01-18')?.version).toBe('v1');
		expect(versionInEffect(versions, '2026-01-19')?.version).toBe('v2');
		expect(versionInEffect(versions, '2026-05-01')?.version).toBe('v3');
	});
});

describe('TK22 the lessons an absence affects', () => {
	it('TK22 a whole-day absence covers the teacher\'s lessons of that weekday, in slot order', () => {
		const absence: Absence = { teacher: 'gv-an', date: MON, slots: null };
		expect(affectedLessons(week, absence).map((l) => `${l.classCode}@${l.slot}`)).toEqual(['6a1@2-sang-2', '6a2@2-sang-3']);
		expect(affectedLessons(week, { ...absence, date: TUE }).map((l) => l.classCode)).toEqual(['7a1']);
		expect(affectedLessons(week, { ...absence, date: '2026-01-11' })).toEqual([]);
	});
	it('TK22 an absence for some periods covers only those', () => {
		const absence: Absence = { teacher: 'gv-an', date: MON, slots: ['2-sang-3'] };
		expect(affectedLessons(week, absence).map((l) => l.classCode)).toEqual(['6a2']);
		expect(absenceCovers(absence, '2-sang-2')).toBe(false);
		// A slot of another weekday is never covered.
		expect(absenceCovers({ teacher: 'gv-an', date: MON, slots: ['3-sang-1'] }, '3-sang-1')).toBe(false);
	});
});

describe('TK23 teachers free to substitute', () => {
	const ask = (patch: Partial<Parameters<typeof freeTeachers>[0]> = {}) =>
		freeTeachers({ week, teachers, date: MON, classCode: '6a1', slot: '2-sang-2', absences: [{ teacher: 'gv-an', date: MON, slots: null }], changes: [], ...patch });

	it('TK23 excludes whoever teaches in that slot, the absent teacher and the unavailable', () => {
		// gv-an absent (and the lesson's own teacher), gv-binh teaches 6a2, gv-cuc teaches 7a1 in 2-sang-2.
		expect(ask()).toEqual(['gv-dung', 'gv-em']);
		expect(ask({ unavailable: new Map([['gv-em', new Set(['2-sang-2'])]]) })).toEqual(['gv-dung']);
		expect(ask({ absences: [{ teacher: 'gv-an', date: MON, slots: null }, { teacher: 'gv-dung', date: MON, slots: ['2-sang-2'] }] })).toEqual(['gv-em']);
		// Another date's absence is not this date's.
		expect(ask({ absences: [{ teacher: 'gv-dung', date: NEXT_MON, slots: null }] })).toEqual(['gv-dung', 'gv-em']);
	});

	it('TK23 a teacher already substituting then is not free; the same lesson decided again does not count', () => {
		const dungIn6a2: DayChange = { date: MON, classCode: '6a2', slot: '2-sang-2', kind: 'substitute', substitute: 'gv-dung' };
		// gv-binh (6a2's teacher) is then free: a substitute took their lesson.
		expect(ask({ changes: [dungIn6a2] })).toEqual(['gv-binh', 'gv-em']);
		const emIn6a1: DayChange = { date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'substitute', substitute: 'gv-em' };
		expect(ask({ changes: [emIn6a1] })).toEqual(['gv-dung', 'gv-em']);
		// On another date the substitution does not make anyone busy.
		expect(ask({ changes: [{ ...dungIn6a2, date: NEXT_MON }] })).toEqual(['gv-dung', 'gv-em']);
	});

	it('TK23 a teacher whose own lesson then is cancelled is free', () => {
		expect(ask({ changes: [{ date: MON, classCode: '7a1', slot: '2-sang-2', kind: 'cancelled', substitute: null }] })).toEqual(['gv-cuc', 'gv-dung', 'gv-em']);
	});

	it('TK23 property: a suggested substitute never ends up in two places, and everyone left out is busy, absent or unavailable', () => {
		const classes = ['6a1', '6a2', '7a1', '7a2'];
		const slots = ['2-sang-1', '2-sang-2', '2-sang-3', '3-sang-1'];
		const staff = ['t1', 't2', 't3', 't4', 't5', 't6'];
		const arbWeek = fc
			.array(fc.record({ classCode: fc.constantFrom(...classes), slot: fc.constantFrom(...slots), teacher: fc.constantFrom(...staff) }), { maxLength: 14 })
			.map((entries) => {
				// At most one lesson per class and slot, and no teacher twice in a slot (a valid week).
				const byPlace = new Map<string, Lesson>();
				const teaching = new Set<string>();
				for (const e of entries) {
					if (byPlace.has(`${e.classCode}|${e.slot}`) || teaching.has(`${e.teacher}|${e.slot}`)) continue;
					byPlace.set(`${e.classCode}|${e.slot}`, lesson(e.classCode, e.slot, 'toan', e.teacher));
					teaching.add(`${e.teacher}|${e.slot}`);
				}
				return [...byPlace.values()];
			});
		const arbAbsences = fc.array(fc.record({ teacher: fc.constantFrom(...staff), slots: fc.option(fc.subarray(slots), { nil: null }) }), { maxLength: 3 });
		fc.assert(
			fc.property(arbWeek, arbAbsences, fc.array(fc.nat(), { maxLength: 6 }), (lessons, absent, picks) => {
				const absences: Absence[] = absent.map((a) => ({ ...a, date: MON }));
				// Decide the affected Monday lessons one by one, always with a suggested teacher (or cancel).
				const changes: DayChange[] = [];
				const affected = absences.flatMap((a) => affectedLessons(lessons, a));
				affected.forEach((l, i) => {
					const q = { week: lessons, teachers: staff, date: MON, classCode: l.classCode, slot: l.slot, absences, changes };
					const free = freeTeachers(q);
					const others = weekWithChanges(lessons, changes, [MON]).filter((d) => d.slot === l.slot && d.status !== 'cancelled' && !(d.classCode === l.classCode));
					for (const t of staff) {
						const reason = others.some((d) => d.teacher === t) || l.teacher === t || absences.some((a) => a.teacher === t && absenceCovers(a, l.slot));
						expect(free.includes(t)).toBe(!reason);
					}
					const existing = changes.findIndex((c) => c.classCode === l.classCode && c.slot === l.slot);
					if (existing >= 0) changes.splice(existing, 1);
					const pick = picks[i % Math.max(picks.length, 1)] ?? 0;
					const change: DayChange =
						free.length > 0 ? { date: MON, classCode: l.classCode, slot: l.slot, kind: 'substitute', substitute: free[pick % free.length]! } : { date: MON, classCode: l.classCode, slot: l.slot, kind: 'cancelled', substitute: null };
					expect(changeProblem({ week: lessons, teachers: staff, date: MON, absences, changes }, change)).toBeNull();
					changes.push(change);
				});
				// No teacher teaches two classes in one slot that day, and no absent teacher teaches.
				const day = weekWithChanges(lessons, changes, [MON]).filter((d) => d.status !== 'cancelled');
				const seen = new Set<string>();
				for (const d of day) {
					expect(seen.has(`${d.teacher}|${d.slot}`)).toBe(false);
					seen.add(`${d.teacher}|${d.slot}`);
					if (d.status === 'substituted') expect(absences.some((a) => a.teacher === d.teacher && absenceCovers(a, d.slot))).toBe(false);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

describe('TK24 a week on concrete dates with that date\'s changes', () => {
	const changes: DayChange[] = [
		{ date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'substitute', substitute: 'gv-dung' },
		{ date: MON, classCode: '6a2', slot: '2-sang-3', kind: 'cancelled', substitute: null },
		// A change for a lesson the week does not have changes nothing.
		{ date: MON, classCode: '6a2', slot: '2-sang-5', kind: 'cancelled', substitute: null }
	];

	it('TK24 applies a substitution and a cancellation on that date only', () => {
		const days = weekWithChanges(week, changes, [NEXT_MON, MON], { classCode: '6a1' });
		expect(days.map((d) => [d.date, d.slot, d.teacher, d.originalTeacher, d.status])).toEqual([
			[MON, '2-sang-1', null, null, 'normal'],
			[MON, '2-sang-2', 'gv-dung', 'gv-an', 'substituted'],
			[MON, '2-sang-3', 'gv-binh', null, 'normal'],
			[NEXT_MON, '2-sang-1', null, null, 'normal'],
			[NEXT_MON, '2-sang-2', 'gv-an', null, 'normal'],
			[NEXT_MON, '2-sang-3', 'gv-binh', null, 'normal']
		]);
		const sixA2 = weekWithChanges(week, changes, [MON], { classCode: '6a2' });
		expect(sixA2.map((d) => [d.slot, d.status])).toEqual([
			['2-sang-2', 'normal'],
			['2-sang-3', 'cancelled']
		]);
	});

	it('TK24 a teacher sees what they teach that day, as substitute too, and their lessons taken or cancelled', () => {
		expect(weekWithChanges(week, changes, [MON], { teacher: 'gv-dung' }).map((d) => [d.classCode, d.slot, d.status])).toEqual([['6a1', '2-sang-2', 'substituted']]);
		expect(weekWithChanges(week, changes, [NEXT_MON], { teacher: 'gv-dung' })).toEqual([]);
		expect(weekWithChanges(week, changes, [MON, TUE], { teacher: 'gv-an' }).map((d) => [d.date, d.classCode, d.teacher, d.status])).toEqual([
			[MON, '6a1', 'gv-dung', 'substituted'],
			[MON, '6a2', 'gv-an', 'cancelled'],
			[TUE, '7a1', 'gv-an', 'normal']
		]);
	});

	it('TK24 takes each date\'s week from the version in effect, and skips Sundays', () => {
		const v2: Lesson[] = [lesson('6a1', '2-sang-2', 'van', 'gv-em')];
		const byDate = (date: string) => (date >= NEXT_MON ? v2 : week);
		const days = weekWithChanges(byDate, [], [MON, '2026-01-11', NEXT_MON], { classCode: '6a1' });
		expect(days.filter((d) => d.slot === '2-sang-2').map((d) => [d.date, d.subject, d.teacher])).toEqual([
			[MON, 'toan', 'gv-an'],
			[NEXT_MON, 'van', 'gv-em']
		]);
		expect(days.some((d) => d.date === '2026-01-11')).toBe(false);
	});
});

describe('TK25 what a change may be', () => {
	const q = { week, teachers, date: MON, absences: [{ teacher: 'gv-an', date: MON, slots: null }], changes: [] };
	it('TK25 refuses a lesson the week does not have, a busy substitute and a substitution without one', () => {
		expect(changeProblem(q, { date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'substitute', substitute: 'gv-dung' })).toBeNull();
		expect(changeProblem(q, { date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'cancelled', substitute: null })).toBeNull();
		expect(changeProblem(q, { date: MON, classCode: '6a1', slot: '2-sang-4', kind: 'cancelled', substitute: null })).toBe('not-a-lesson');
		expect(changeProblem(q, { date: MON, classCode: '7a1', slot: '3-sang-1', kind: 'cancelled', substitute: null })).toBe('not-a-lesson');
		expect(changeProblem(q, { date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'substitute', substitute: 'gv-binh' })).toBe('not-free');
		expect(changeProblem(q, { date: MON, classCode: '6a1', slot: '2-sang-2', kind: 'substitute', substitute: null })).toBe('no-substitute');
	});
});
