/**
 * The answer of `GET /api/correction-requests` as the page uses it (sync SPEC O5): per cell key
 * (`studentId:columnKey`), the stored text of the value the teacher asked for ("9.5", "Đ", or
 * null to clear). Anything malformed is left out rather than shown as a request.
 */
import { cellKey } from '../ydoc/gradebook';

export type PendingCorrections = ReadonlyMap<string, string | null>;

export function pendingByCell(answer: unknown): PendingCorrections {
	const cells = (answer as { cells?: unknown } | null)?.cells;
	const pending = new Map<string, string | null>();
	if (!Array.isArray(cells)) return pending;
	for (const cell of cells as Array<Record<string, unknown>>) {
		if (typeof cell?.studentId !== 'string' || typeof cell.columnKey !== 'string') continue;
		if (cell.asked !== null && typeof cell.asked !== 'string') continue;
		pending.set(cellKey(cell.studentId, cell.columnKey), cell.asked);
	}
	return pending;
}

/** For localStorage: the page reloaded offline still marks the cells. */
export function serializePending(pending: PendingCorrections): string {
	return JSON.stringify({ cells: [...pending].map(([key, asked]) => ({ key, asked })) });
}

export function parseStoredPending(stored: string | null): PendingCorrections {
	const pending = new Map<string, string | null>();
	try {
		const cells = (JSON.parse(stored ?? '') as { cells?: unknown }).cells;
		if (!Array.isArray(cells)) return pending;
		for (const cell of cells as Array<Record<string, unknown>>) {
			if (typeof cell?.key === 'string' && (cell.asked === null || typeof cell.asked === 'string')) pending.set(cell.key, cell.asked);
		}
	} catch {
		// Nothing stored, or something this version cannot read: no markers until the server answers.
	}
	return pending;
}
