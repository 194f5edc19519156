import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { applyEdits, cellKey, initGradebook, readCells, type CellValue } from '../ydoc/gradebook';
import { GradebookView } from './gradebook-view.svelte';

const STUDENTS = ['hs1', 'hs2', 'hs3'];
const COLUMNS = ['tx1', 'gk', 'ck'];
const meta = {
	school: 's', year: '2025-2026', term: 'hk1' as const, classCode: '6a1', className: '6A1', subjectCode: 'toan', subjectName: 'Toán',
	assessment: 'score' as const,
	columns: [
		{ key: 'tx1', label: 'ĐĐGtx1', kind: 'regular' as const },
		{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' as const },
		{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' as const }
	]
};
const roster = STUDENTS.map((id, i) => ({ id, name: `Học Sinh ${i + 1}`, code: `HS00${i + 1}` }));
const KEYS = STUDENTS.flatMap((s) => COLUMNS.map((c) => cellKey(s, c)));
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function replicas(count: number): Y.Doc[] {
	const server = new Y.Doc();
	initGradebook(server, meta, roster);
	return Array.from({ length: count }, () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
		return doc;
	});
}

const write = (doc: Y.Doc, student: string, column: string, value: CellValue, at: number) =>
	applyEdits(doc, [{ kind: 'mark', studentId: student, columnKey: column, value }], { actor: { id: 'gv1', name: 'Lê Thị Hoa' }, at, offline: true });

type Step = { type: 'write'; replica: number; student: string; column: string; value: number | null } | { type: 'sync'; from: number; to: number };
const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ type: fc.constant('write' as const), replica: fc.nat(1), student: fc.constantFrom(...STUDENTS), column: fc.constantFrom(...COLUMNS), value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) }),
	fc.record({ type: fc.constant('sync' as const), from: fc.nat(1), to: fc.nat(1) })
);

describe('gradebook view (refreshed only where a change landed)', () => {
	it('shows what a full read of the document shows, after any local and remote writes', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
				const docs = replicas(2);
				const views = docs.map((doc) => new GradebookView(doc));
				for (const [i, s] of steps.entries()) {
					if (s.type === 'write') write(docs[s.replica]!, s.student, s.column, s.value, i);
					else Y.applyUpdate(docs[s.to]!, Y.encodeStateAsUpdate(docs[s.from]!, Y.encodeStateVector(docs[s.to]!)));
					await settle();
					docs.forEach((doc, d) => {
						const full = readCells(doc);
						for (const key of KEYS) {
							expect(views[d]!.cells.get(key)).toEqual(full.cells.get(key));
							expect(views[d]!.conflicts.get(key)).toEqual(full.conflicts.get(key));
							expect(views[d]!.history.get(key)).toEqual(full.history.get(key));
						}
					});
				}
				for (const view of views) view.destroy();
			}),
			{ numRuns: 40 }
		);
	}, 60_000);

	// A SvelteMap read of a missing key depends on every later write of the map: an empty cell of
	// the grid re-rendered on each keystroke anywhere. So every cell of the grid always has a key.
	// (Unit tests run Svelte's server build, where effects do not run; bench:grid shows the effect.)
	it('keeps a key for every cell of the grid, empty or cleared, so a reader of one cell depends on that cell only', async () => {
		const [doc] = replicas(1) as [Y.Doc];
		const view = new GradebookView(doc);
		expect(KEYS.filter((key) => !view.cells.has(key))).toEqual([]);
		write(doc, 'hs1', 'tx1', 75, 1);
		await settle();
		expect(view.cells.get('hs1:tx1')?.value).toBe(75);
		write(doc, 'hs1', 'tx1', null, 2);
		await settle();
		expect(view.cells.get('hs1:tx1')?.value).toBeNull();
		expect(KEYS.filter((key) => !view.cells.has(key))).toEqual([]);
		view.destroy();
	});
});
