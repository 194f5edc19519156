import { describe, expect, it } from 'vitest';
import { groupByClass, subjectColumns, type Listing } from './gradebook-index';

const listing = (className: string, subjectCode: string, term: 'hk1' | 'hk2'): Listing => ({
	name: `gradebook/s/2025-2026/${term}/${className.toLowerCase()}/${subjectCode}`,
	access: 'write',
	term,
	className,
	subjectCode,
	subjectName: subjectCode,
	subjectShortName: subjectCode,
	subjectOrder: subjectCode === 'toan' ? 1 : 3
});

describe('home page grouping', () => {
	it('groups sorted listings by class, then subject, with both terms on one row', () => {
		const groups = groupByClass([listing('6A1', 'toan', 'hk1'), listing('6A1', 'toan', 'hk2'), listing('6A1', 'gdcd', 'hk1'), listing('7A2', 'toan', 'hk2')]);
		expect(groups.map((g) => [g.className, g.subjects.map((s) => [s.subjectCode, Object.keys(s.terms)])])).toEqual([
			['6A1', [['toan', ['hk1', 'hk2']], ['gdcd', ['hk1']]]],
			['7A2', [['toan', ['hk2']]]]
		]);
	});

	it('lists each subject once, in the programme order, as overview columns', () => {
		const groups = groupByClass([listing('6A1', 'gdcd', 'hk1'), listing('6A2', 'toan', 'hk1'), listing('6A2', 'gdcd', 'hk1')]);
		expect(subjectColumns(groups).map((s) => s.subjectCode)).toEqual(['toan', 'gdcd']);
	});
});
