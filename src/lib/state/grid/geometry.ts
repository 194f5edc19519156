/**
 * Where the grid's rows and columns are, measured once (rows have a fixed height and columns
 * fixed widths), and the pure maths on it: the box of the cell editor, and how far to scroll so
 * the active cell is neither under the sticky header row nor under the sticky name columns.
 * With these, a keystroke needs no layout read.
 */

export interface GridGeometry {
	rowTops: number[];
	rowHeights: number[];
	colLefts: number[];
	colWidths: number[];
	/** Height of the sticky header row. */
	head: number;
	/** Right edge of the sticky STT and name columns. */
	frozen: number;
	viewWidth: number;
	viewHeight: number;
}

export const EMPTY_GEOMETRY: GridGeometry = { rowTops: [], rowHeights: [], colLefts: [], colWidths: [], head: 0, frozen: 0, viewWidth: 0, viewHeight: 0 };

export interface Box {
	top: number;
	left: number;
	width: number;
	height: number;
}

/** The editor over a cell; `minWidth` widens it leftwards from the cell's right edge (comments). */
export function editorBox(g: GridGeometry, row: number, col: number, minWidth = 0): Box {
	const left = g.colLefts[col] ?? 0;
	const width = g.colWidths[col] ?? 0;
	const wide = Math.max(width, Math.min(minWidth, g.viewWidth - g.frozen));
	return { top: g.rowTops[row] ?? 0, left: left + width - wide, width: wide, height: g.rowHeights[row] ?? 0 };
}

/** The scroll position that brings a cell fully into view with the least movement. */
export function revealScroll(g: GridGeometry, scroll: { top: number; left: number }, row: number, col: number): { top: number; left: number } {
	const top = g.rowTops[row];
	const left = g.colLefts[col];
	if (top === undefined || left === undefined) return scroll;
	const bottom = top + (g.rowHeights[row] ?? 0);
	const right = left + (g.colWidths[col] ?? 0);
	const next = { ...scroll };
	if (top - g.head < scroll.top) next.top = top - g.head;
	else if (bottom > scroll.top + g.viewHeight) next.top = bottom - g.viewHeight;
	if (left - g.frozen < scroll.left) next.left = left - g.frozen;
	else if (right > scroll.left + g.viewWidth) next.left = right - g.viewWidth;
	return next;
}

/** Reads the geometry from the rendered table (once per roster/column change or resize). */
export function measureGrid(table: HTMLTableElement, wrap: HTMLElement): GridGeometry {
	const rows = [...table.querySelectorAll<HTMLElement>('tbody tr')];
	const firstRow = [...(rows[0]?.querySelectorAll<HTMLElement>('td[data-col]') ?? [])];
	const name = table.querySelector<HTMLElement>('thead th.name');
	return {
		rowTops: rows.map((row) => table.offsetTop + row.offsetTop),
		rowHeights: rows.map((row) => row.offsetHeight),
		colLefts: firstRow.map((cell) => table.offsetLeft + cell.offsetLeft),
		colWidths: firstRow.map((cell) => cell.offsetWidth),
		head: table.tHead?.offsetHeight ?? 0,
		frozen: name ? name.offsetLeft + name.offsetWidth : 0,
		viewWidth: wrap.clientWidth,
		viewHeight: wrap.clientHeight
	};
}
