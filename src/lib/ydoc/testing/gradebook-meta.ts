/** The gradebook header unit tests build documents with: a Toán gradebook of 6A1, term I. */
import type { GradebookMeta } from '../gradebook';

const COLUMNS = {
	tx1: { key: 'tx1', label: 'ĐĐGtx1', kind: 'regular' },
	gk: { key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' },
	ck: { key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' }
} as const;

export function testGradebookMeta(columns: ReadonlyArray<keyof typeof COLUMNS>): Omit<GradebookMeta, 'schemaVersion'> {
	return {
		school: 'thcs-nvb',
		year: '2025-2026',
		term: 'hk1',
		classCode: '6a1',
		className: '6A1',
		subjectCode: 'toan',
		subjectName: 'Toán',
		assessment: 'score',
		columns: columns.map((key) => ({ ...COLUMNS[key] }))
	};
}
