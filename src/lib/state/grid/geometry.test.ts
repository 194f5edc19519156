import { describe, expect, it } from 'vitest';
import { editorBox, revealScroll, type GridGeometry } from './geometry';

// 45 rows of 37 px under a 37 px header; STT + name columns end at 200 px; 10 columns of 66 px.
const g: GridGeometry = {
	rowTops: Array.from({ length: 45 }, (_, r) => 37 + r * 37),
	rowHeights: Array(45).fill(37),
	colLefts: Array.from({ length: 10 }, (_, c) => 200 + c * 66),
	colWidths: Array(10).fill(66),
	head: 37,
	frozen: 200,
	viewWidth: 600,
	viewHeight: 400
};

describe('grid geometry', () => {
	it('the editor covers the cell; a comment editor grows leftwards', () => {
		expect(editorBox(g, 2, 3)).toEqual({ top: 111, left: 398, width: 66, height: 37 });
		expect(editorBox(g, 2, 3, 300)).toEqual({ top: 111, left: 164, width: 300, height: 37 });
	});

	it('a visible cell needs no scrolling', () => {
		expect(revealScroll(g, { top: 0, left: 0 }, 3, 2)).toEqual({ top: 0, left: 0 });
	});

	it('scrolls down just enough for a cell below the view, and back up to clear the sticky header', () => {
		expect(revealScroll(g, { top: 0, left: 0 }, 12, 0)).toEqual({ top: 37 + 12 * 37 + 37 - 400, left: 0 });
		expect(revealScroll(g, { top: 300, left: 0 }, 5, 0)).toEqual({ top: 37 + 5 * 37 - 37, left: 0 });
	});

	it('scrolls sideways so a cell is not hidden under the sticky name column', () => {
		expect(revealScroll(g, { top: 0, left: 0 }, 0, 9)).toEqual({ top: 0, left: 200 + 9 * 66 + 66 - 600 });
		expect(revealScroll(g, { top: 0, left: 300 }, 0, 1)).toEqual({ top: 0, left: 66 });
	});
});
