import { describe, expect, it } from 'vitest';
import { editorBox, messagePlace, revealScroll, withinWindow, type Box, type View } from './geometry';

// A 600 × 400 view under a 37 px header; the STT + name columns end 200 px from its left edge.
const view: View = { top: 0, left: 0, width: 600, height: 400, head: 37, frozen: 200 };
const at = (top: number, left: number): Box => ({ top, left, width: 66, height: 37 });

describe('grid geometry', () => {
	it('the editor covers the cell exactly; a comment editor grows leftwards', () => {
		expect(editorBox(at(111.5, 398.25), view)).toEqual({ top: 111.5, left: 398.25, width: 66, height: 37 });
		expect(editorBox(at(111, 398), view, 300)).toEqual({ top: 111, left: 164, width: 300, height: 37 });
		// Never wider than the part of the view the sticky columns leave free.
		expect(editorBox(at(111, 398), view, 900).width).toBe(400);
	});

	it('a visible cell needs no scrolling', () => {
		expect(revealScroll(view, at(148, 332))).toEqual({ top: 0, left: 0 });
	});

	it('scrolls down just enough for a cell below the view, and back up to clear the sticky header', () => {
		expect(revealScroll(view, at(481, 200))).toEqual({ top: 481 + 37 - 400, left: 0 });
		expect(revealScroll({ ...view, top: 300 }, at(222, 200))).toEqual({ top: 222 - 37, left: 0 });
	});

	it('scrolls sideways so a cell is not hidden under the sticky name column', () => {
		expect(revealScroll(view, at(37, 794))).toEqual({ top: 0, left: 794 + 66 - 600 });
		expect(revealScroll({ ...view, left: 300 }, at(37, 266))).toEqual({ top: 0, left: 66 });
	});

	it('a message goes just below its cell, or above it when the view has no room below', () => {
		const size = { width: 240, height: 48 };
		expect(messagePlace(at(111, 300), view, size)).toEqual({ top: 148, left: 300, above: false });
		expect(messagePlace(at(340, 300), view, size)).toEqual({ top: 340, left: 300, above: true });
		// Scrolled: "room" is measured inside the visible part.
		expect(messagePlace(at(640, 300), { ...view, top: 300 }, size)).toEqual({ top: 640, left: 300, above: true });
		// Near the right edge it is pulled left to stay inside the view.
		expect(messagePlace(at(111, 534), view, size)).toEqual({ top: 148, left: 360, above: false });
	});

	it('GL5: a grid reaching below the window has no room below a row at the window\'s bottom edge: the message goes above', () => {
		const size = { width: 240, height: 48 };
		// The box starts 300 px down a 600 px window: its last 100 px (content 300–400) are off screen.
		const onScreen = withinWindow(view, 300, 600);
		expect(onScreen).toEqual({ ...view, height: 300 });
		expect(messagePlace(at(260, 300), onScreen, size)).toEqual({ top: 260, left: 300, above: true });
		expect(messagePlace(at(260, 300), view, size).above).toBe(false);
		// Scrolled past its top: the hidden rows and the sticky header are off screen too.
		expect(withinWindow(view, -50, 600)).toEqual({ ...view, top: 50, height: 350, head: 0 });
		// Wholly inside the window: unchanged.
		expect(withinWindow(view, 10, 900)).toEqual(view);
	});
});
