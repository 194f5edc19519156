import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictTracker, type LessonContent } from './conflict-tracker';
import { findConflicts, type Lesson, type TimetableRules } from './conflicts';
import { DEFAULT_GRID, describeSlot, inGrid, parseSlotKey, slotKey, slotsOf } from './period-grid';

const rules = (patch: Partial<TimetableRules> = {}): TimetableRules => ({
	grid: DEFAULT_GRID,
	plan: new Map(),
	weeklyNorm: new Map(),
	dailyMaximum: 5,
	unavailable: new Map(),
	noSessionSplit: false,
	...patch
});
const at = (day: 2 | 3 | 4 | 5 | 6 | 7, session: 'sang' | 'chieu', period: number) => slotKey({ day, session, period });
const lesson = (classCode: string, slot: string, subject: string, teacher: string | null = null, room: string | null = null): Lesson => ({ classCode, slot, subject, teacher, room });
const ids = (map: ReadonlyMap<string, unknown>) => [...map.keys()].sort();

describe('TK1 the period grid', () => {
	it('TK1 keys slots as day-session-period and knows which exist', () => {
		const monday1 = { day: 2, session: 'sang', period: 1 } as const;
		expect(slotKey(monday1)).toBe('2-sang-1');
		expect(parseSlotKey('2-sang-1')).toEqual(monday1);
		expect(parseSlotKey('8-sang-1')).toBeNull();
		expect(parseSlotKey('2-toi-1')).toBeNull();
		expect(inGrid(DEFAULT_GRID, monday1)).toBe(true);
		expect(inGrid({ ...DEFAULT_GRID, days: [2, 3, 4, 5, 6] }, { day: 7, session: 'sang', period: 1 })).toBe(false);
		expect(inGrid(DEFAULT_GRID, { day: 2, session: 'sang', period: 6 })).toBe(false);
		expect(slotsOf(DEFAULT_GRID)).toHaveLength(6 * 2 * 5);
		expect(describeSlot(monday1)).toBe('Thứ Hai, sáng, tiết 1');
	});
});

describe('conflict rules (each found from scratch and incrementally)', () => {
	const both = (r: TimetableRules, lessons: Lesson[]) => {
		const full = findConflicts(r, lessons);
		expect(ids(new ConflictTracker(r, lessons).conflicts())).toEqual(ids(full));
		return [...full.values()];
	};

	it('TK2 a teacher in two classes in one slot', () => {
		const found = both(rules(), [lesson('6a1', at(2, 'sang', 2), 'toan', 'gv-an'), lesson('6a2', at(2, 'sang', 2), 'toan', 'gv-an'), lesson('6a3', at(2, 'sang', 3), 'toan', 'gv-an')]);
		expect(found).toEqual([{ rule: 'TK2', id: 'TK2:gv-an@2-sang-2', teacher: 'gv-an', slot: '2-sang-2', classes: ['6a1', '6a2'] }]);
	});

	it('TK3 a room booked by two classes in one slot; no room, no conflict', () => {
		const found = both(rules(), [
			lesson('6a1', at(3, 'chieu', 1), 'tin-hoc', 'gv-a', 'phong-may'),
			lesson('6a2', at(3, 'chieu', 1), 'tin-hoc', 'gv-b', 'phong-may'),
			lesson('6a3', at(3, 'chieu', 1), 'toan', 'gv-c', null),
			lesson('6a4', at(3, 'chieu', 1), 'van', 'gv-d', null)
		]);
		expect(found.map((c) => c.id)).toEqual(['TK3:phong-may@3-chieu-1']);
	});

	it('TK4 a class with more or fewer periods of a subject than planned, including none or unplanned', () => {
		const plan = new Map([['6a1', new Map([['toan', 2], ['gdcd', 1]])]]);
		const found = both(rules({ plan }), [lesson('6a1', at(2, 'sang', 2), 'toan'), lesson('6a1', at(2, 'sang', 3), 'tin-hoc')]);
		expect(found.filter((c) => c.rule === 'TK4')).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ classCode: '6a1', subject: 'toan', planned: 2, scheduled: 1 }),
				expect.objectContaining({ classCode: '6a1', subject: 'gdcd', planned: 1, scheduled: 0 }),
				expect.objectContaining({ classCode: '6a1', subject: 'tin-hoc', planned: 0, scheduled: 1 })
			])
		);
		expect(both(rules({ plan }), [lesson('6a1', at(2, 'sang', 2), 'toan'), lesson('6a1', at(2, 'sang', 3), 'toan'), lesson('6a1', at(3, 'sang', 1), 'gdcd')])).toEqual([]);
	});

	it('TK5 a teacher over the weekly norm; at the norm is fine; no norm, no check', () => {
		const weeklyNorm = new Map([['gv-an', 2]]);
		const three = [lesson('6a1', at(2, 'sang', 1), 'toan', 'gv-an'), lesson('6a1', at(3, 'sang', 1), 'toan', 'gv-an'), lesson('6a1', at(4, 'sang', 1), 'toan', 'gv-an')];
		expect(both(rules({ weeklyNorm }), three)).toEqual([{ rule: 'TK5', id: 'TK5:gv-an', teacher: 'gv-an', norm: 2, scheduled: 3 }]);
		expect(both(rules({ weeklyNorm }), three.slice(0, 2))).toEqual([]);
		expect(both(rules(), three)).toEqual([]);
	});

	it('TK6 a teacher over the daily maximum', () => {
		const day = [1, 2, 3].map((p) => lesson(`6a${p}`, at(5, 'sang', p), 'toan', 'gv-an'));
		expect(both(rules({ dailyMaximum: 2 }), day)).toEqual([{ rule: 'TK6', id: 'TK6:gv-an/5', teacher: 'gv-an', day: 5, maximum: 2, scheduled: 3 }]);
		expect(both(rules({ dailyMaximum: 3 }), day)).toEqual([]);
	});

	it('TK7 a teacher in a slot they marked unavailable', () => {
		const unavailable = new Map([['gv-an', new Set([at(6, 'chieu', 4)])]]);
		expect(both(rules({ unavailable }), [lesson('7a1', at(6, 'chieu', 4), 'van', 'gv-an'), lesson('7a1', at(6, 'chieu', 5), 'van', 'gv-an')])).toEqual([
			{ rule: 'TK7', id: 'TK7:7a1@6-chieu-4', teacher: 'gv-an', slot: '6-chieu-4', classCode: '7a1' }
		]);
	});

	it('TK8 a subject split across the morning and afternoon of one day, only where the school forbids it', () => {
		const split = [lesson('8a1', at(4, 'sang', 5), 'khtn'), lesson('8a1', at(4, 'chieu', 1), 'khtn'), lesson('8a1', at(5, 'sang', 1), 'khtn')];
		expect(both(rules({ noSessionSplit: true }), split)).toEqual([{ rule: 'TK8', id: 'TK8:8a1/khtn/4', classCode: '8a1', subject: 'khtn', day: 4 }]);
		expect(both(rules({ noSessionSplit: false }), split)).toEqual([]);
	});
});

describe('TK9 incremental recomputation', () => {
	it('TK9 reports what an edit changed: the double booking appears, then goes when the slot is cleared', () => {
		const tracker = new ConflictTracker(rules());
		tracker.set('6a1', at(2, 'sang', 2), { subject: 'toan', teacher: 'gv-an', room: null });
		const added = tracker.set('6a2', at(2, 'sang', 2), { subject: 'toan', teacher: 'gv-an', room: null });
		expect(added.upserted.map((c) => c.id)).toContain('TK2:gv-an@2-sang-2');
		const cleared = tracker.set('6a2', at(2, 'sang', 2), null);
		expect(cleared.removed).toEqual(['TK2:gv-an@2-sang-2']);
		expect(tracker.conflicts().size).toBe(0);
		expect(tracker.lessonAt('6a1', at(2, 'sang', 2))?.teacher).toBe('gv-an');
	});

	it('TK9 after any sequence of edits equals the conflicts computed from scratch', () => {
		const classes = ['6a1', '6a2', '7a1'];
		const teachers = ['gv-a', 'gv-b', 'gv-c'];
		const slots = slotsOf({ days: [2, 3], sessions: ['sang', 'chieu'], periodsPerSession: 3 }).map(slotKey);
		const content: fc.Arbitrary<LessonContent | null> = fc.option(
			fc.record({ subject: fc.constantFrom('toan', 'van', 'khtn'), teacher: fc.option(fc.constantFrom(...teachers)), room: fc.option(fc.constantFrom('p1', 'p2')) }),
			{ nil: null, freq: 4 }
		);
		const edit = fc.tuple(fc.constantFrom(...classes), fc.constantFrom(...slots), content);
		const r = rules({
			plan: new Map([['6a1', new Map([['toan', 2], ['van', 1]])], ['7a1', new Map([['khtn', 2]])]]),
			weeklyNorm: new Map([['gv-a', 3]]),
			dailyMaximum: 3,
			unavailable: new Map([['gv-b', new Set([slots[0]!, slots[5]!])]]),
			noSessionSplit: true
		});
		fc.assert(
			fc.property(fc.array(edit, { maxLength: 60 }), (edits) => {
				const tracker = new ConflictTracker(r);
				for (const [classCode, slot, next] of edits) tracker.set(classCode, slot, next);
				const full = findConflicts(r, [...tracker.lessons()]);
				expect(new Map([...tracker.conflicts()].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(new Map([...full].sort(([a], [b]) => (a < b ? -1 : 1))));
			}),
			{ numRuns: 300 }
		);
	});
});
