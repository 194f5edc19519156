// Projections SPEC P1–P4: what a gradebook projection takes from a document, and what it skips.
import { describe, expect, it } from 'vitest';
import type { CellEntry } from '../../ydoc/gradebook';
import { isSaneTimestamp } from '../integrity/timestamps';
import type { CellChange } from './cell-changes';
import { gradebookScope, screenChanges } from './gradebook-scope';

const AT = Date.UTC(2025, 9, 1);
const entry = (value: CellEntry['value'], at = AT): CellEntry => ({ value, by: 'p1', byName: 'Cô Lan', at, offline: false });
const change = (studentId: string, columnKey: string, newValue: string | null, value?: CellEntry): CellChange => ({ studentId, columnKey, oldValue: '5.0', newValue, entry: value });

describe('gradebook scope (P3)', () => {
	it('takes the columns from the curriculum for the class’s grade, not from the document', () => {
		expect([...gradebookScope(new Set(), 9, 'toan').columns]).toEqual(['tx1', 'tx2', 'tx3', 'tx4', 'gk', 'ck']);
		expect([...gradebookScope(new Set(), 6, 'gdcd').columns]).toEqual(['tx1', 'tx2', 'gk', 'ck']);
		expect(gradebookScope(new Set(), 9, 'gdtc').assessment).toBe('comment');
	});

	it('has no columns for an unknown subject or class', () => {
		expect(gradebookScope(new Set(['s1']), 9, '=1+2').columns.size).toBe(0);
		expect(gradebookScope(new Set(['s1']), undefined, 'toan').columns.size).toBe(0);
		expect(gradebookScope(new Set(['s1']), 12, 'toan').columns.size).toBe(0);
	});
});

describe('screenChanges (P1–P4)', () => {
	const scope = gradebookScope(new Set(['s1', 's2']), 9, 'toan');

	it('accepts an enrolled student’s mark in a subject column with a real time', () => {
		const ok = change('s1', 'tx1', '7.0', entry(70));
		expect(screenChanges([ok], scope)).toEqual({ accepted: [ok], skipped: new Map(), problems: [] });
	});

	it('skips and reports an off-roster student, an invented column, a misfit value and an impossible time', () => {
		const screened = screenChanges(
			[
				change('ghost', 'tx1', '7.0', entry(70)),
				change('s1', '=1+2', '7.0', entry(70)),
				change('s1', 'gk', 'Đ', entry('Đ')),
				change('s2', 'ck', '3.0', entry(30, 1e20))
			],
			scope
		);
		expect(screened.accepted).toEqual([]);
		expect(screened.problems.map((p) => [p.kind, p.key])).toEqual([
			['off-roster-student', 'ghost:tx1'],
			['unknown-column', 's1:=1+2'],
			['bad-value', 's1:gk'],
			['bad-timestamp', 's2:ck']
		]);
		expect(screened.skipped).toEqual(new Map([['ghost:tx1', '7.0'], ['s1:=1+2', '7.0'], ['s1:gk', 'Đ'], ['s2:ck', '3.0']]));
	});

	it('applies an erased cell (no entry) and reports it as erased history', () => {
		const erased = change('s1', 'tx2', null);
		const screened = screenChanges([erased], scope);
		expect(screened.accepted).toEqual([erased]);
		expect(screened.problems).toEqual([{ kind: 'erased-history', key: 's1:tx2', note: '5.0 → trống' }]);
	});

	it('accepts Đ/CĐ only in a comment subject', () => {
		const comment = gradebookScope(new Set(['s1']), 9, 'gdtc');
		expect(screenChanges([change('s1', 'tx1', 'Đ', entry('Đ'))], comment).accepted).toHaveLength(1);
		expect(screenChanges([change('s1', 'tx1', '7.0', entry(70))], comment).problems[0]?.kind).toBe('bad-value');
	});
});

describe('isSaneTimestamp (P4)', () => {
	it.each([1e20, -1, 0, Number.NaN, Infinity, 1.5 + AT, Date.UTC(1999, 11, 31), Date.UTC(2100, 0, 1)])('refuses %s', (at) => {
		expect(isSaneTimestamp(at)).toBe(false);
	});
	it.each([Date.UTC(2000, 0, 1), AT, Date.UTC(2099, 11, 31)])('accepts %s', (at) => {
		expect(isSaneTimestamp(at)).toBe(true);
	});
});
