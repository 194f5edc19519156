import { describe, expect, it } from 'vitest';
import { parseScoreInput } from '$lib/domain/marks/mark-input';
import { OUTSIDE_REASON, planPaste, type CellVerdict } from './paste-plan';
import { parseTsv } from './tsv';

const bounds = { rows: 45, cols: 7 };
/** Columns 0–5 take marks; column 6 is computed (ĐTBmhk). */
function accept(row: number, col: number, text: string): CellVerdict<{ row: number; col: number; tenths: number | null }> {
	if (col === 6) return { ok: false, reason: 'ĐTBmhk được tính tự động' };
	const parsed = parseScoreInput(text);
	if (!parsed.ok) return { ok: false, reason: parsed.message };
	return { ok: true, edit: { row, col, tenths: parsed.kind === 'score' ? parsed.tenths : null } };
}
const at = (row: number, col: number) => ({ top: row, left: col, bottom: row, right: col });

describe('paste plan', () => {
	it('a 45×4 block from Excel lands from the active cell, decimal commas read exactly', () => {
		const lines = Array.from({ length: 45 }, (_, i) => [`${i % 10},5`, '8', '7', '10'].join('\t'));
		const plan = planPaste(parseTsv(lines.join('\r\n') + '\r\n'), at(0, 0), bounds, accept);
		expect(plan.refused).toEqual([]);
		expect(plan.edits).toHaveLength(180);
		expect(plan.edits[0]).toEqual({ row: 0, col: 0, tenths: 5 });
		expect(plan.edits[179]).toEqual({ row: 44, col: 3, tenths: 100 });
		expect(plan.area).toEqual({ top: 0, left: 0, bottom: 44, right: 3 });
	});

	it('refused cells are listed with the reason; the valid ones are still planned', () => {
		const plan = planPaste(parseTsv('7\t11\r\nabc\t7,25\r\n'), at(2, 1), bounds, accept);
		expect(plan.edits).toEqual([{ row: 2, col: 1, tenths: 70 }]);
		expect(plan.refused.map((r) => [r.row, r.col, r.text])).toEqual([
			[2, 2, '11'],
			[3, 1, 'abc'],
			[3, 2, '7,25']
		]);
		expect(plan.refused[0]!.reason).toBe('Điểm phải từ 0 đến 10.');
	});

	it('cells that would fall outside the gradebook or on a computed column are refused, not dropped silently', () => {
		const plan = planPaste(parseTsv('8\t9\r\n8\t9\r\n'), at(44, 5), bounds, accept);
		expect(plan.edits).toEqual([{ row: 44, col: 5, tenths: 80 }]);
		expect(plan.refused.map((r) => r.reason)).toEqual(['ĐTBmhk được tính tự động', OUTSIDE_REASON, OUTSIDE_REASON]);
		expect(plan.area).toEqual({ top: 44, left: 5, bottom: 44, right: 6 });
	});

	it('one value pasted into a selection fills it', () => {
		const plan = planPaste([['9']], { top: 0, left: 0, bottom: 2, right: 1 }, bounds, accept);
		expect(plan.edits).toHaveLength(6);
		expect(plan.edits.every((e) => e.tenths === 90)).toBe(true);
	});

	it('a block is repeated over a selection that is a multiple of its size, otherwise pasted once', () => {
		expect(planPaste([['1', '2']], { top: 0, left: 0, bottom: 1, right: 3 }, bounds, accept).edits.map((e) => e.tenths)).toEqual([
			10, 20, 10, 20, 10, 20, 10, 20
		]);
		expect(planPaste([['1', '2']], { top: 0, left: 0, bottom: 1, right: 2 }, bounds, accept).edits).toHaveLength(2);
	});

	it('a blank cell in the block clears the cell it lands on', () => {
		expect(planPaste([['', '8']], at(0, 0), bounds, accept).edits).toEqual([
			{ row: 0, col: 0, tenths: null },
			{ row: 0, col: 1, tenths: 80 }
		]);
	});
});
