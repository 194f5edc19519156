import { describe, expect, it } from 'vitest';
import { parseStoredPending, pendingByCell, serializePending } from './pending-corrections';

describe('waiting correction requests as the page marks them (sync SPEC O5)', () => {
	it('keys the asked value by cell', () => {
		const pending = pendingByCell({
			cells: [
				{ studentId: 'hs1', columnKey: 'tx1', asked: '9.5' },
				{ studentId: 'hs2', columnKey: 'ck', asked: null }
			]
		});
		expect([...pending]).toEqual([
			['hs1:tx1', '9.5'],
			['hs2:ck', null]
		]);
	});

	it('leaves out anything malformed rather than marking a cell', () => {
		expect(pendingByCell(null).size).toBe(0);
		expect(pendingByCell({ cells: 'x' }).size).toBe(0);
		const pending = pendingByCell({ cells: [null, { studentId: 1, columnKey: 'tx1', asked: '1' }, { studentId: 'hs1', columnKey: 'tx1', asked: 7 }, { studentId: 'hs1', columnKey: 'gk', asked: '7.0' }] });
		expect([...pending]).toEqual([['hs1:gk', '7.0']]);
	});

	it('survives localStorage, and reads nothing from junk', () => {
		const pending = pendingByCell({ cells: [{ studentId: 'hs1', columnKey: 'tx1', asked: 'Đ' }] });
		expect(parseStoredPending(serializePending(pending))).toEqual(pending);
		expect(parseStoredPending(null).size).toBe(0);
		expect(parseStoredPending('{"cells":[{"key":3}]}').size).toBe(0);
		expect(parseStoredPending('not json').size).toBe(0);
	});
});
