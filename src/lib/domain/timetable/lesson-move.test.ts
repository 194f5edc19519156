import { describe, expect, it } from 'vitest';
import { planMove, type PlacedLesson } from './lesson-move';

const week = (lessons: Record<string, PlacedLesson>) => (slot: string) => lessons[slot];
const toan: PlacedLesson = { subject: 'toan', teacher: 'gv-lan', room: null };
const tin: PlacedLesson = { subject: 'tin-hoc', teacher: 'gv-hoa', room: 'phong-may' };
const flag: PlacedLesson = { subject: 'chao-co', teacher: null, room: null, fixed: true };

describe('TK40 moving a lesson within its class', () => {
	it('TK40 a lesson moved to an empty slot takes its teacher and room there and leaves the old slot cleared', () => {
		const plan = planMove('6a1', '2-sang-2', '3-sang-4', week({ '2-sang-2': tin }));
		expect(plan).toEqual({
			ok: true,
			kind: 'move',
			moved: tin,
			displaced: null,
			changes: [
				{ classCode: '6a1', slot: '3-sang-4', lesson: tin },
				{ classCode: '6a1', slot: '2-sang-2', lesson: null }
			]
		});
	});

	it('TK40 a lesson dropped on another swaps with it, both keeping teacher and room', () => {
		const plan = planMove('6a1', '2-sang-2', '2-sang-3', week({ '2-sang-2': toan, '2-sang-3': tin }));
		expect(plan.ok && plan.kind).toBe('swap');
		expect(plan.ok && plan.changes).toEqual([
			{ classCode: '6a1', slot: '2-sang-3', lesson: toan },
			{ classCode: '6a1', slot: '2-sang-2', lesson: tin }
		]);
	});

	it('TK40 nothing to move from an empty slot, nor onto the same slot', () => {
		expect(planMove('6a1', '2-sang-2', '2-sang-3', week({ '2-sang-3': tin }))).toEqual({ ok: false, reason: 'empty' });
		expect(planMove('6a1', '2-sang-2', '2-sang-2', week({ '2-sang-2': toan }))).toEqual({ ok: false, reason: 'same-slot' });
	});
});

describe('TK41 fixed lessons stay where they are', () => {
	it('TK41 a fixed lesson cannot be moved', () => {
		expect(planMove('6a1', '2-sang-1', '2-sang-3', week({ '2-sang-1': flag }))).toEqual({ ok: false, reason: 'fixed-source' });
	});

	it('TK41 no lesson is moved or swapped onto a fixed one', () => {
		expect(planMove('6a1', '2-sang-2', '2-sang-1', week({ '2-sang-1': flag, '2-sang-2': toan }))).toEqual({ ok: false, reason: 'fixed-target' });
	});

	it('TK41 a moved lesson is written without the fixed flag whatever the reader gave', () => {
		const plan = planMove('6a1', '2-sang-2', '2-sang-3', week({ '2-sang-2': { ...toan, fixed: false } }));
		expect(plan.ok && plan.changes[0]!.lesson).toEqual(toan);
	});
});
