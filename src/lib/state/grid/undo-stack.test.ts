import { describe, expect, it } from 'vitest';
import { completeRevert, emptyStacks, MAX_UNDO_STEPS, parseStacks, planRevert, recordStep, type UndoCell, type UndoTarget } from './undo-stack';

const tx1 = (studentId: string): UndoTarget => ({ kind: 'mark', studentId, columnKey: 'tx1' });
const cell = (studentId: string, before: number | null, after: number | null, id: string): UndoCell => ({ target: tx1(studentId), before, after, id });

describe('own-edit undo bookkeeping', () => {
	it('undo plans the previous values of the last step, then offers it for redo', () => {
		let stacks = recordStep(emptyStacks(), [cell('hs1', null, 75, 'a-1'), cell('hs2', 60, 80, 'a-2')]);
		const plan = planRevert(stacks, 'undo', (t) => ({ hs1: 'a-1', hs2: 'a-2' })[t.studentId])!;
		expect(plan.apply.map((c) => [c.target, c.before])).toEqual([
			[tx1('hs1'), null],
			[tx1('hs2'), 60]
		]);
		expect(plan.skipped).toEqual([]);
		stacks = completeRevert(stacks, 'undo', [{ target: tx1('hs1'), id: 'b-1' }, { target: tx1('hs2'), id: 'b-2' }], plan);
		expect(stacks.undo).toEqual([]);
		expect(stacks.redo).toEqual([{ cells: [cell('hs1', 75, null, 'b-1'), cell('hs2', 80, 60, 'b-2')] }]);
		// Redo puts the teacher's values back and the step returns to the undo stack.
		const redo = planRevert(stacks, 'redo', (t) => ({ hs1: 'b-1', hs2: 'b-2' })[t.studentId])!;
		expect(redo.apply.map((c) => c.before)).toEqual([75, 80]);
		stacks = completeRevert(stacks, 'redo', [{ target: tx1('hs1'), id: 'c-1' }, { target: tx1('hs2'), id: 'c-2' }], redo);
		expect(stacks.undo).toEqual([{ cells: [cell('hs1', null, 75, 'c-1'), cell('hs2', 60, 80, 'c-2')] }]);
	});

	it('never reverts a cell a co-teacher changed after this teacher', () => {
		const stacks = recordStep(emptyStacks(), [cell('hs1', null, 75, 'a-1'), cell('hs2', 60, 80, 'a-2')]);
		const plan = planRevert(stacks, 'undo', (t) => (t.studentId === 'hs1' ? 'someone-else' : 'a-2'))!;
		expect(plan.apply.map((c) => c.target.studentId)).toEqual(['hs2']);
		expect(plan.skipped.map((c) => c.target.studentId)).toEqual(['hs1']);
		const next = completeRevert(stacks, 'undo', [{ target: tx1('hs2'), id: 'b-2' }], plan);
		expect(next.redo[0]!.cells).toHaveLength(1);
	});

	it('V19: cells of a student who left are neither reverted nor offered for redo', () => {
		const stacks = recordStep(emptyStacks(), [cell('hs1', null, 75, 'a-1'), cell('hs2', 60, 80, 'a-2')]);
		const plan = planRevert(stacks, 'undo', (t) => ({ hs1: 'a-1', hs2: 'a-2' })[t.studentId], (id) => id === 'hs1')!;
		expect(plan.apply.map((c) => c.target.studentId)).toEqual(['hs2']);
		expect(plan.closed.map((c) => c.target.studentId)).toEqual(['hs1']);
		expect(plan.skipped).toEqual([]);
		const next = completeRevert(stacks, 'undo', [{ target: tx1('hs2'), id: 'b-2' }], plan);
		expect(next.redo[0]!.cells.map((c) => c.target.studentId)).toEqual(['hs2']);
	});

	it('a new edit drops the redo stack; writes that change nothing are not steps', () => {
		let stacks = recordStep(emptyStacks(), [cell('hs1', null, 75, 'a-1')]);
		const plan = planRevert(stacks, 'undo', () => 'a-1')!;
		stacks = completeRevert(stacks, 'undo', [{ target: tx1('hs1'), id: 'b-1' }], plan);
		expect(stacks.redo).toHaveLength(1);
		stacks = recordStep(stacks, [cell('hs3', 50, 50, 'a-3')]);
		expect(stacks.redo).toHaveLength(1);
		stacks = recordStep(stacks, [cell('hs3', 50, 55, 'a-4')]);
		expect(stacks.redo).toHaveLength(0);
	});

	it('keeps at most the last 100 steps', () => {
		let stacks = emptyStacks();
		for (let i = 0; i < MAX_UNDO_STEPS + 5; i++) stacks = recordStep(stacks, [cell('hs1', i, i + 1, `id-${i}`)]);
		expect(stacks.undo).toHaveLength(MAX_UNDO_STEPS);
		expect(stacks.undo[0]!.cells[0]!.id).toBe('id-5');
	});

	it('survives a reload through JSON, and refuses malformed stored data', () => {
		const stacks = recordStep(emptyStacks(), [cell('hs1', null, 75, 'a-1'), { target: { kind: 'comment', studentId: 'hs1' }, before: '', after: 'Ngoan', id: 'a-2' }]);
		expect(parseStacks(JSON.stringify(stacks))).toEqual(stacks);
		expect(parseStacks('{"undo":[{"cells":[{"target":{"kind":"mark"},"id":1}]}],"redo":[]}')).toEqual(emptyStacks());
		expect(parseStacks('not json')).toEqual(emptyStacks());
		expect(parseStacks(null)).toEqual(emptyStacks());
	});
});
