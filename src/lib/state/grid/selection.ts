/**
 * Selection maths of the grade grid, as pure functions on row/column indices: the active cell
 * (focus), the anchor a Shift+move or a mouse drag started from, and the rectangle between them.
 */

export interface Point {
	row: number;
	col: number;
}

/** `focus` is the active cell; `anchor` the other corner of the selected rectangle. */
export interface Selection {
	anchor: Point;
	focus: Point;
}

export interface Rect {
	top: number;
	left: number;
	bottom: number;
	right: number;
}

export interface Bounds {
	rows: number;
	cols: number;
}

export function single(point: Point): Selection {
	return { anchor: point, focus: point };
}

export function rectOf(selection: Selection): Rect {
	const { anchor, focus } = selection;
	return {
		top: Math.min(anchor.row, focus.row),
		left: Math.min(anchor.col, focus.col),
		bottom: Math.max(anchor.row, focus.row),
		right: Math.max(anchor.col, focus.col)
	};
}

export function contains(rect: Rect, row: number, col: number): boolean {
	return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}

export function rectSize(rect: Rect): { rows: number; cols: number } {
	return { rows: rect.bottom - rect.top + 1, cols: rect.right - rect.left + 1 };
}

export function isSingle(selection: Selection): boolean {
	return selection.anchor.row === selection.focus.row && selection.anchor.col === selection.focus.col;
}

export function clamp(point: Point, bounds: Bounds): Point {
	return {
		row: Math.max(0, Math.min(bounds.rows - 1, point.row)),
		col: Math.max(0, Math.min(bounds.cols - 1, point.col))
	};
}

/** Every cell of the rectangle, row by row. */
export function cellsOf(rect: Rect): Point[] {
	const points: Point[] = [];
	for (let row = rect.top; row <= rect.bottom; row++) for (let col = rect.left; col <= rect.right; col++) points.push({ row, col });
	return points;
}

export interface NavigationKey {
	key: string;
	shiftKey: boolean;
	ctrlKey: boolean;
}

/**
 * Where a navigation key takes the selection, as in a spreadsheet: arrows, Home/End (Ctrl: first
 * or last row), PageUp/PageDown by `page` rows, Tab/Enter move the active cell (Shift: backwards).
 * Shift with arrows, Home/End and PageUp/PageDown extends the rectangle instead of moving it.
 * Returns null for keys that are not navigation.
 */
export function navigate(selection: Selection, event: NavigationKey, bounds: Bounds, page = 10): Selection | null {
	const { row, col } = selection.focus;
	const edge = (toEnd: boolean): Point => (event.ctrlKey ? { row: toEnd ? bounds.rows - 1 : 0, col } : { row, col: toEnd ? bounds.cols - 1 : 0 });
	const targets: Record<string, Point> = {
		ArrowUp: { row: row - 1, col },
		ArrowDown: { row: row + 1, col },
		ArrowLeft: { row, col: col - 1 },
		ArrowRight: { row, col: col + 1 },
		Home: edge(false),
		End: edge(true),
		PageUp: { row: row - page, col },
		PageDown: { row: row + page, col }
	};
	const target = targets[event.key];
	if (target) {
		const focus = clamp(target, bounds);
		return event.shiftKey ? { anchor: selection.anchor, focus } : single(focus);
	}
	if (event.key === 'Enter' || event.key === 'Tab') return single(advance(selection.focus, event.key, event.shiftKey, bounds));
	return null;
}

/**
 * Enter goes down a column, Tab along a row; at the end of a row Tab wraps to the next row and at
 * the bottom Enter stays put. Shift goes backwards.
 */
export function advance(point: Point, key: 'Enter' | 'Tab', backwards: boolean, bounds: Bounds): Point {
	const step = backwards ? -1 : 1;
	if (key === 'Enter') return clamp({ row: point.row + step, col: point.col }, bounds);
	let col = point.col + step;
	let row = point.row;
	if (col >= bounds.cols && row < bounds.rows - 1) {
		col = 0;
		row += 1;
	} else if (col < 0 && row > 0) {
		col = bounds.cols - 1;
		row -= 1;
	}
	return clamp({ row, col }, bounds);
}
