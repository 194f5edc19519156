import { describe, expect, it } from 'vitest';
import { advance, cellsOf, clamp, contains, isSingle, navigate, rectOf, single, type Selection } from './selection';

const bounds = { rows: 45, cols: 6 };
const key = (k: string, shiftKey = false, ctrlKey = false) => ({ key: k, shiftKey, ctrlKey });

describe('grid selection', () => {
	it('a rectangle is the same whichever corner the selection started from', () => {
		expect(rectOf({ anchor: { row: 5, col: 3 }, focus: { row: 2, col: 1 } })).toEqual({ top: 2, left: 1, bottom: 5, right: 3 });
		expect(rectOf({ anchor: { row: 2, col: 1 }, focus: { row: 5, col: 3 } })).toEqual({ top: 2, left: 1, bottom: 5, right: 3 });
	});

	it('contains, cellsOf and isSingle agree on the rectangle', () => {
		const rect = rectOf({ anchor: { row: 1, col: 1 }, focus: { row: 2, col: 3 } });
		expect(cellsOf(rect)).toHaveLength(6);
		expect(cellsOf(rect).every((p) => contains(rect, p.row, p.col))).toBe(true);
		expect(contains(rect, 0, 1)).toBe(false);
		expect(isSingle(single({ row: 3, col: 3 }))).toBe(true);
	});

	it('arrows move a single cell and stop at the edges', () => {
		const at = (row: number, col: number): Selection => single({ row, col });
		expect(navigate(at(0, 0), key('ArrowUp'), bounds)).toEqual(at(0, 0));
		expect(navigate(at(0, 0), key('ArrowDown'), bounds)).toEqual(at(1, 0));
		expect(navigate(at(44, 5), key('ArrowRight'), bounds)).toEqual(at(44, 5));
		expect(navigate(at(3, 2), key('Home'), bounds)).toEqual(at(3, 0));
		expect(navigate(at(3, 2), key('End'), bounds)).toEqual(at(3, 5));
		expect(navigate(at(3, 2), key('End', false, true), bounds)).toEqual(at(44, 2));
		expect(navigate(at(3, 2), key('PageDown'), bounds)).toEqual(at(13, 2));
		expect(navigate(at(3, 2), key('PageUp'), bounds)).toEqual(at(0, 2));
		expect(navigate(at(3, 2), key('x'), bounds)).toBeNull();
	});

	it('Shift extends the rectangle from the anchor instead of moving it', () => {
		let selection: Selection = single({ row: 2, col: 1 });
		selection = navigate(selection, key('ArrowDown', true), bounds)!;
		selection = navigate(selection, key('ArrowDown', true), bounds)!;
		selection = navigate(selection, key('ArrowRight', true), bounds)!;
		expect(rectOf(selection)).toEqual({ top: 2, left: 1, bottom: 4, right: 2 });
		expect(selection.focus).toEqual({ row: 4, col: 2 });
		// A plain arrow collapses it again.
		expect(isSingle(navigate(selection, key('ArrowDown'), bounds)!)).toBe(true);
	});

	it('Tab wraps to the next row, Enter goes down and stays at the bottom', () => {
		expect(advance({ row: 0, col: 5 }, 'Tab', false, bounds)).toEqual({ row: 1, col: 0 });
		expect(advance({ row: 1, col: 0 }, 'Tab', true, bounds)).toEqual({ row: 0, col: 5 });
		expect(advance({ row: 44, col: 2 }, 'Enter', false, bounds)).toEqual({ row: 44, col: 2 });
		expect(advance({ row: 44, col: 5 }, 'Tab', false, bounds)).toEqual({ row: 44, col: 5 });
	});

	it('clamp keeps a point inside the grid', () => {
		expect(clamp({ row: -3, col: 99 }, bounds)).toEqual({ row: 0, col: 5 });
	});
});
