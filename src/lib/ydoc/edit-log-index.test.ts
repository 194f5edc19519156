import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { EditLogIndex, groupEditsByCell } from './edit-log-index';
import { applyEdits, initGradebook, readCells, type Edit } from './gradebook';
import { testGradebookMeta } from './testing/gradebook-meta';

const STUDENTS = ['hs1', 'hs2', 'hs3'];
const COLUMNS = ['tx1', 'gk', 'ck'];
const meta = testGradebookMeta(['tx1', 'gk', 'ck']);
const roster = STUDENTS.map((id, i) => ({ id, name: `Học Sinh ${i + 1}`, code: `HS00${i + 1}` }));

/** A server document and `count` replicas of it. */
function replicas(count: number): Y.Doc[] {
	const server = new Y.Doc();
	initGradebook(server, meta, roster);
	return Array.from({ length: count }, () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
		return doc;
	});
}

/** What a full scan of the log says: the reference the index must always equal. */
function scanned(doc: Y.Doc, only?: ReadonlySet<string>) {
	return groupEditsByCell(doc.getArray<unknown>('history').toArray(), only);
}

type Step =
	| { type: 'write'; replica: number; edits: Array<{ student: string; column: string; value: number | null }> }
	| { type: 'nested'; replica: number; first: { student: string; column: string; value: number }; second: { student: string; column: string; value: number } }
	| { type: 'sync'; from: number; to: number }
	| { type: 'junk'; replica: number }
	| { type: 'erase'; replica: number };

const cell = fc.record({ student: fc.constantFrom(...STUDENTS), column: fc.constantFrom(...COLUMNS), value: fc.integer({ min: 0, max: 100 }) });
const step = (count: number): fc.Arbitrary<Step> =>
	fc.oneof(
		{ weight: 5, arbitrary: fc.record({ type: fc.constant('write' as const), replica: fc.nat(count - 1), edits: fc.array(fc.record({ student: cell.map((c) => c.student), column: cell.map((c) => c.column), value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) }), { minLength: 1, maxLength: 4 }) }) },
		{ weight: 1, arbitrary: fc.record({ type: fc.constant('nested' as const), replica: fc.nat(count - 1), first: cell, second: cell }) },
		{ weight: 4, arbitrary: fc.record({ type: fc.constant('sync' as const), from: fc.nat(count - 1), to: fc.nat(count - 1) }) },
		{ weight: 1, arbitrary: fc.record({ type: fc.constant('junk' as const), replica: fc.nat(count - 1) }) },
		{ weight: 1, arbitrary: fc.record({ type: fc.constant('erase' as const), replica: fc.nat(count - 1) }) }
	);

const mark = (c: { student: string; column: string; value: number | null }): Edit => ({ kind: 'mark', studentId: c.student, columnKey: c.column, value: c.value });

function run(docs: Y.Doc[], s: Step, at: number): void {
	const stamp = { actor: { id: 'gv1', name: 'Lê Thị Hoa' }, at, offline: true };
	if (s.type === 'write') applyEdits(docs[s.replica]!, s.edits.map(mark), stamp);
	else if (s.type === 'nested') {
		// Two writes in one outer transaction: the second reads the log before the first's event fired.
		const doc = docs[s.replica]!;
		doc.transact(() => {
			applyEdits(doc, [mark(s.first)], stamp);
			applyEdits(doc, [mark(s.second)], stamp);
		});
	} else if (s.type === 'sync') {
		const [from, to] = [docs[s.from]!, docs[s.to]!];
		Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
	} else if (s.type === 'junk') docs[s.replica]!.getArray('history').push([{ cell: 'hs1:tx1', value: 'not a mark' }, 42]);
	else {
		const log = docs[s.replica]!.getArray('history');
		if (log.length > 0) log.delete(0, 1);
	}
}

describe('edit log index (incremental, equal to a full scan of the log)', () => {
	it('equals a full scan after every local write, sync in any order, nested transaction, junk entry and deletion', () => {
		fc.assert(
			fc.property(fc.array(step(3), { minLength: 1, maxLength: 30 }), (steps) => {
				const docs = replicas(3);
				// Index every replica from the start, so each step after this is applied incrementally.
				for (const doc of docs) readCells(doc);
				steps.forEach((s, i) => {
					run(docs, s, 1_700_000_000_000 + i);
					for (const doc of docs) {
						expect(readCells(doc).history).toEqual(scanned(doc));
						const some = new Set(['hs1:tx1', 'hs2:ck', 'hs3:gk']);
						expect(readCells(doc, some).history).toEqual(scanned(doc, some));
					}
				});
			}),
			{ numRuns: 80 }
		);
	}, 60_000);

	it('keeps a cell in log order when a concurrent edit lands before edits already indexed', () => {
		const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
		const index = new EditLogIndex(b.getArray('history'));
		applyEdits(a, [mark({ student: 'hs1', column: 'tx1', value: 10 })], { actor: { id: 'gv1', name: 'A' }, at: 1, offline: true });
		applyEdits(b, [mark({ student: 'hs1', column: 'tx1', value: 20 })], { actor: { id: 'gv2', name: 'B' }, at: 2, offline: true });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
		expect(index.edits().get('hs1:tx1')?.map((e) => e.value)).toEqual(scanned(b).get('hs1:tx1')?.map((e) => e.value));
		expect(index.edits().get('hs1:tx1')).toHaveLength(2);
		index.destroy();
	});

	it('hands out lists that never change afterwards: an append gives the cell a new list', () => {
		const [doc] = replicas(1) as [Y.Doc];
		const index = new EditLogIndex(doc.getArray('history'));
		const stamp = { actor: { id: 'gv1', name: 'A' }, at: 1, offline: false };
		applyEdits(doc, [mark({ student: 'hs1', column: 'tx1', value: 10 })], stamp);
		const before = index.edits().get('hs1:tx1')!;
		const other = index.edits().get('hs2:gk');
		applyEdits(doc, [mark({ student: 'hs1', column: 'tx1', value: 20 })], stamp);
		expect(before.map((e) => e.value)).toEqual([10]);
		expect(index.edits().get('hs1:tx1')!.map((e) => e.value)).toEqual([10, 20]);
		expect(index.edits().get('hs2:gk')).toBe(other);
		index.destroy();
	});
});
