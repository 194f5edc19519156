// Projections SPEC P1: deletions are changes too.
import { describe, expect, it } from 'vitest';
import type { CellEntry } from '../../ydoc/gradebook';
import { cellChanges } from './cell-changes';

const entry = (value: CellEntry['value']): CellEntry => ({ value, by: 'p1', byName: 'Cô Lan', at: 1_700_000_000_000, offline: false });

describe('cellChanges (P1)', () => {
	it('reports a changed mark and a new mark with their entries', () => {
		const changes = cellChanges(
			new Map([['s1:tx1', '7.0']]),
			new Map([
				['s1:tx1', entry(80)],
				['s2:gk', entry(65)]
			])
		);
		expect(changes.map((c) => [c.studentId, c.columnKey, c.oldValue, c.newValue, c.entry?.value])).toEqual([
			['s1', 'tx1', '7.0', '8.0', 80],
			['s2', 'gk', null, '6.5', 65]
		]);
	});

	it('reports a cell whose entries disappeared as a change to null without an entry', () => {
		const changes = cellChanges(new Map([['s1:tx1', '7.0'], ['s1:gk', '6.0']]), new Map([['s1:gk', entry(60)]]));
		expect(changes).toEqual([{ studentId: 's1', columnKey: 'tx1', oldValue: '7.0', newValue: null, entry: undefined }]);
	});

	it('ignores unchanged cells, and a vanished cell that was already empty', () => {
		expect(cellChanges(new Map([['s1:tx1', '7.0'], ['s1:tx2', null]]), new Map([['s1:tx1', entry(70)]]))).toEqual([]);
	});

	it('keeps everything after the first colon as the column key', () => {
		const [change] = cellChanges(new Map(), new Map([['s1:=1+2:x', entry(10)]]));
		expect([change?.studentId, change?.columnKey]).toEqual(['s1', '=1+2:x']);
	});
});
