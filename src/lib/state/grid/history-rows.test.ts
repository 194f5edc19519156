import { describe, expect, it } from 'vitest';
import { cellHistory, type CellEdit } from '../../ydoc/cell-history';
import { historyRows } from './history-rows';

const edit = (id: string, value: CellEdit['value'], replaces: string[], extra: Partial<CellEdit> = {}): CellEdit => ({
	id, cell: 'hs1:tx1', value, replaces, by: 'gv', byName: 'Lê Hoa', at: Number(id), offline: false, kind: 'edit', ...extra
});

describe('cell history rows', () => {
	it('old → new with Vietnamese decimal commas, offline and concurrent flags, resolution noted', () => {
		const rows = historyRows(cellHistory([
			edit('1', 75, []),
			edit('2', 80, ['1'], { offline: true }),
			edit('3', 90, ['1'], { byName: 'Phạm Nam' }),
			edit('4', 80, ['2', '3'], { kind: 'resolve' })
		]));
		expect(rows.map((r) => [r.who, r.from, r.to, r.offline, r.concurrent, r.note])).toEqual([
			['Lê Hoa', '', '7,5', false, false, null],
			['Lê Hoa', '7,5', '8', true, true, null],
			['Phạm Nam', '7,5', '9', false, true, null],
			['Lê Hoa', '8 / 9', '8', false, false, 'giải quyết xung đột']
		]);
	});

	it('a cleared cell reads "(trống)"', () => {
		expect(historyRows(cellHistory([edit('1', 75, []), edit('2', null, ['1'])]))[1]!.to).toBe('(trống)');
	});
});
