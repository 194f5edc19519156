/**
 * sync-server SPEC F6: whatever order the fan-out, the database and reconnecting devices deliver
 * updates in, every replica of a gradebook ends with the same cells, the same conflict markers and
 * the same comments. N replicas make concurrent edits — marks, clears, comments, writes of the same
 * cell by two teachers who have not seen each other's — with partial syncs between some of them;
 * then each replica receives every update in its own shuffled order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdits, initGradebook, readGradebook, type Edit } from './gradebook';
import { testGradebookMeta } from './testing/gradebook-meta';

const meta = testGradebookMeta(['tx1', 'gk']);
const STUDENTS = ['hs1', 'hs2', 'hs3'];
const roster = STUDENTS.map((id, index) => ({ id, name: `Học sinh ${index + 1}`, code: `HS00${index + 1}` }));

type Step =
	| { kind: 'mark'; replica: number; student: number; column: number; value: number | null }
	| { kind: 'comment'; replica: number; student: number; text: string }
	/** `from` tells `to` what it has: what `to` writes next has seen it. */
	| { kind: 'sync'; from: number; to: number };

const REPLICAS = 4;
const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ kind: fc.constant('mark' as const), replica, student: fc.integer({ min: 0, max: 2 }), column: fc.integer({ min: 0, max: 1 }), value: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 4 }) }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), replica, student: fc.integer({ min: 0, max: 2 }), text: fc.string({ maxLength: 12 }) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) }
);

/** What a replica shows: cell values with the edit that put them there, conflicts by their heads, comments. */
function view(doc: Y.Doc) {
	const read = readGradebook(doc);
	if (!read.ok) throw new Error('no header');
	const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b));
	return {
		cells: sorted(read.cells).map(([key, entry]) => [key, entry.value, entry.id]),
		conflicts: sorted(read.conflicts).map(([key, edits]) => [key, edits.map((edit) => `${edit.id}=${edit.value}`)]),
		comments: sorted(read.comments).map(([key, comment]) => [key, comment.text, comment.id])
	};
}

describe('gradebook merge (sync-server SPEC F6)', () => {
	it('N replicas applying shuffled concurrent edits end with the same cells, conflict markers and comments', () => {
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.array(fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), { minLength: REPLICAS, maxLength: REPLICAS }), (steps, orders) => {
				const origin = new Y.Doc();
				initGradebook(origin, meta, roster);
				const seed = Y.encodeStateAsUpdate(origin);
				const docs = Array.from({ length: REPLICAS }, () => {
					const doc = new Y.Doc();
					Y.applyUpdate(doc, seed);
					return doc;
				});
				const updates: Uint8Array[] = [];
				docs.forEach((doc) => doc.on('update', (update: Uint8Array, from: unknown) => from === 'local' && updates.push(update)));
				let at = 1_700_000_000_000;
				for (const s of steps) {
					if (s.kind === 'sync') {
						Y.applyUpdate(docs[s.to]!, Y.encodeStateAsUpdate(docs[s.from]!, Y.encodeStateVector(docs[s.to]!)));
						continue;
					}
					const edit: Edit =
						s.kind === 'mark'
							? { kind: 'mark', studentId: STUDENTS[s.student]!, columnKey: meta.columns[s.column]!.key, value: s.value }
							: { kind: 'comment', studentId: STUDENTS[s.student]!, text: s.text };
					at += 1000;
					applyEdits(docs[s.replica]!, [edit], { actor: { id: `gv${s.replica}`, name: `Giáo viên ${s.replica}` }, at, offline: s.replica % 2 === 1 }, 'edit', 'local');
				}
				// Every replica receives every update, each in its own order (duplicates of what it has are harmless).
				docs.forEach((doc, index) => {
					const order = orders[index]!;
					const shuffled = updates.map((update, position) => ({ update, key: order[position % order.length]! * 1000 + position })).sort((a, b) => a.key - b.key);
					for (const { update } of shuffled) Y.applyUpdate(doc, update);
				});
				const views = docs.map(view);
				for (const other of views.slice(1)) expect(other).toEqual(views[0]);
				// A conflict is real: two or more heads that disagree.
				for (const [, heads] of views[0]!.conflicts) expect(new Set((heads as string[]).map((head) => head.split('=')[1])).size).toBeGreaterThan(1);
			}),
			{ numRuns: 100 }
		);
	}, 60_000);

	it('two teachers writing the same cell without seeing each other leave a conflict every replica shows alike', () => {
		const origin = new Y.Doc();
		initGradebook(origin, meta, roster);
		const docs = [0, 1, 2].map(() => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
			return doc;
		});
		applyEdits(docs[0]!, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 70 }], { actor: { id: 'gv0', name: 'A' }, at: 1, offline: false });
		applyEdits(docs[1]!, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 80 }], { actor: { id: 'gv1', name: 'B' }, at: 2, offline: true });
		const a = Y.encodeStateAsUpdate(docs[0]!);
		const b = Y.encodeStateAsUpdate(docs[1]!);
		Y.applyUpdate(docs[0]!, b);
		Y.applyUpdate(docs[1]!, a);
		Y.applyUpdate(docs[2]!, b);
		Y.applyUpdate(docs[2]!, a);
		const views = docs.map(view);
		expect(views[0]!.conflicts).toHaveLength(1);
		expect(views[1]).toEqual(views[0]);
		expect(views[2]).toEqual(views[0]);
	});
});
