/**
 * Where the cell editor and the refusal message go, and how far to scroll so the active cell is
 * neither under the sticky header row nor under the sticky name columns.
 *
 * Every figure comes from the active cell's own box, read when the cell becomes active and again
 * whenever a row or column changes size (a remote edit that wraps a row, fonts arriving, a zoom):
 * nothing is derived from rows measured earlier, so the editor cannot drift from its cell when
 * rows do not all have the height they had when the grid first appeared.
 */

export interface Box {
	top: number;
	left: number;
	width: number;
	height: number;
}

/** The scrolling box: its scroll position and visible size, and what its sticky parts cover. */
export interface View {
	top: number;
	left: number;
	width: number;
	height: number;
	/** Height of the sticky header row. */
	head: number;
	/** Right edge of the sticky STT and name columns, from the view's left edge. */
	frozen: number;
}

/** The editor over a cell; `minWidth` widens it leftwards from the cell's right edge (comments). */
export function editorBox(cell: Box, view: View, minWidth = 0): Box {
	const wide = Math.max(cell.width, Math.min(minWidth, view.width - view.frozen));
	return { top: cell.top, left: cell.left + cell.width - wide, width: wide, height: cell.height };
}

/** The scroll position that brings a cell fully into view with the least movement. */
export function revealScroll(view: View, cell: Box): { top: number; left: number } {
	const next = { top: view.top, left: view.left };
	if (cell.top - view.head < view.top) next.top = cell.top - view.head;
	else if (cell.top + cell.height > view.top + view.height) next.top = cell.top + cell.height - view.height;
	if (cell.left - view.frozen < view.left) next.left = cell.left - view.frozen;
	else if (cell.left + cell.width > view.left + view.width) next.left = cell.left + cell.width - view.width;
	return next;
}

export interface MessagePlace {
	/** Content coordinates of the message's top-left corner (`above`: of its bottom-left corner). */
	top: number;
	left: number;
	above: boolean;
}

/**
 * A message next to a cell: just below it, or just above it when there is no room below inside
 * the visible part of the grid; shifted left when it would overflow the view's right edge.
 */
export function messagePlace(cell: Box, view: View, size: { width: number; height: number }): MessagePlace {
	const below = cell.top + cell.height;
	const above = below + size.height > view.top + view.height && cell.top - size.height >= view.top + view.head;
	const maxLeft = view.left + view.width - size.width;
	const left = Math.max(view.left, Math.min(cell.left, maxLeft));
	return { top: above ? cell.top : below, left, above };
}

/**
 * The part of a view that is inside the browser window. The grid's scrolling box may reach below
 * the window (notices above it push it down; the page scrolls then) or start above it: a message
 * placed "below the cell" inside the box could then be off screen. `contentTop` is where the
 * box's content edge is on screen (negative when scrolled past); rows hidden above the window
 * also hide the sticky header, which sticks to the box, not to the window.
 */
export function withinWindow(view: View, contentTop: number, windowHeight: number): View {
	const hiddenAbove = Math.max(0, -contentTop);
	const hiddenBelow = Math.max(0, contentTop + view.height - windowHeight);
	const height = Math.max(0, view.height - hiddenAbove - hiddenBelow);
	return { ...view, top: view.top + hiddenAbove, height, head: Math.max(0, view.head - hiddenAbove) };
}

/** Reads the box of `cell` in the content coordinates of the scrolling `wrap` (where the editor is positioned). */
export function boxInside(cell: Element, wrap: HTMLElement): Box {
	const c = cell.getBoundingClientRect();
	const w = wrap.getBoundingClientRect();
	return {
		top: c.top - w.top - wrap.clientTop + wrap.scrollTop,
		left: c.left - w.left - wrap.clientLeft + wrap.scrollLeft,
		width: c.width,
		height: c.height
	};
}

/** Reads the scrolling box's view; `frozenEdge` is the last sticky column's header cell. */
export function viewOf(wrap: HTMLElement, head: HTMLElement | null, frozenEdge: HTMLElement | null): View {
	const w = wrap.getBoundingClientRect();
	const frozen = frozenEdge ? frozenEdge.getBoundingClientRect().right - w.left - wrap.clientLeft : 0;
	return {
		top: wrap.scrollTop,
		left: wrap.scrollLeft,
		width: wrap.clientWidth,
		height: wrap.clientHeight,
		head: head?.getBoundingClientRect().height ?? 0,
		frozen
	};
}
