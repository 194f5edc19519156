/**
 * Where a pasted block goes and what each of its cells becomes, before anything is written:
 * the grid shows the refused cells and applies the accepted ones in one transaction.
 *
 * Placement follows the spreadsheets teachers copy from: the block starts at the selection's
 * top-left cell; a single value pasted into a larger selection fills it; a block pasted into a
 * selection that is an exact multiple of its size is repeated to fill it.
 */
import type { Bounds, Rect } from './selection';

export type CellVerdict<E> = { ok: true; edit: E } | { ok: false; reason: string };

export interface RefusedCell {
	row: number;
	col: number;
	text: string;
	reason: string;
}

export interface PastePlan<E> {
	edits: E[];
	refused: RefusedCell[];
	/** The rectangle the block covers (clipped to the grid), to select after pasting. */
	area: Rect;
}

export const OUTSIDE_REASON = 'Nằm ngoài sổ điểm (không có hàng hoặc cột này)';

export function planPaste<E>(
	block: readonly (readonly string[])[],
	selection: Rect,
	bounds: Bounds,
	accept: (row: number, col: number, text: string) => CellVerdict<E>
): PastePlan<E> {
	const blockRows = block.length;
	const blockCols = Math.max(0, ...block.map((row) => row.length));
	const selRows = selection.bottom - selection.top + 1;
	const selCols = selection.right - selection.left + 1;
	const tiles = blockRows > 0 && blockCols > 0 && selRows % blockRows === 0 && selCols % blockCols === 0;
	const rows = tiles ? Math.max(selRows, blockRows) : blockRows;
	const cols = tiles ? Math.max(selCols, blockCols) : blockCols;

	const edits: E[] = [];
	const refused: RefusedCell[] = [];
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const text = block[r % blockRows]?.[c % blockCols];
			if (text === undefined) continue; // a ragged row: nothing was copied there
			const row = selection.top + r;
			const col = selection.left + c;
			if (row >= bounds.rows || col >= bounds.cols) {
				refused.push({ row, col, text, reason: OUTSIDE_REASON });
				continue;
			}
			const verdict = accept(row, col, text);
			if (verdict.ok) edits.push(verdict.edit);
			else refused.push({ row, col, text, reason: verdict.reason });
		}
	}
	return {
		edits,
		refused,
		area: {
			top: selection.top,
			left: selection.left,
			bottom: Math.min(bounds.rows - 1, selection.top + rows - 1),
			right: Math.min(bounds.cols - 1, selection.left + cols - 1)
		}
	};
}
