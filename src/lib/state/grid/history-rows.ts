/**
 * A cell's history as rows for the history view: who, when, old → new, offline or not. The rows
 * come from the document's own log today; the server's audit log (another source) can be mapped to
 * the same shape.
 */
import type { HistoryItem } from '../../ydoc/cell-history';
import { formatMark } from './columns';

export interface CellHistoryRow {
	id: string;
	at: number;
	who: string;
	from: string;
	to: string;
	offline: boolean;
	/** Made without seeing another edit of the same cell (or the other way round). */
	concurrent: boolean;
	note: string | null;
	source: 'document' | 'server';
}

const NOTES = { edit: null, paste: 'dán', undo: 'hoàn tác', redo: 'làm lại', resolve: 'giải quyết xung đột' } as const;

export function historyRows(items: readonly HistoryItem[]): CellHistoryRow[] {
	return items.map(({ edit, previous, concurrent }) => ({
		id: edit.id,
		at: edit.at,
		who: edit.byName,
		from: previous.length === 0 ? '' : previous.map((v) => formatMark(v) || '(trống)').join(' / '),
		to: formatMark(edit.value) || '(trống)',
		offline: edit.offline,
		concurrent,
		note: NOTES[edit.kind] ?? null,
		source: 'document'
	}));
}
