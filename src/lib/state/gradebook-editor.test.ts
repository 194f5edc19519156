import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initGradebook, readGradebook, writeCell } from '../ydoc/gradebook';
import { GradebookEditor } from './gradebook-editor.svelte';
import { GradebookView } from './gradebook-view.svelte';

const meta = {
	school: 's', year: '2025-2026', term: 'hk1' as const, classCode: '6a1', className: '6A1', subjectCode: 'toan', subjectName: 'Toán',
	assessment: 'score' as const,
	columns: [
		{ key: 'tx1', label: 'ĐĐGtx1', kind: 'regular' as const },
		{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' as const },
		{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' as const }
	]
};
const roster = [
	{ id: 'hs1', name: 'Nguyễn Văn An', code: 'HS001' },
	{ id: 'hs2', name: 'Trần Thị Ánh', code: 'HS002' }
];
const me = { id: 'gv1', name: 'Lê Thị Hoa' };
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function memoryStorage() {
	const data = new Map<string, string>();
	return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}
function open(doc: Y.Doc, storage: ReturnType<typeof memoryStorage>, isClosed?: (studentId: string) => boolean) {
	const view = new GradebookView(doc);
	const editor = new GradebookEditor({ doc, view, me, document: 'gradebook/x', isOffline: () => false, storage, isClosed });
	return { view, editor };
}
const value = (doc: Y.Doc, key: string) => {
	const read = readGradebook(doc);
	return read.ok ? (read.cells.get(key)?.value ?? null) : undefined;
};

describe('undo/redo of the teacher’s own edits', () => {
	it('a paste is one step; undo and redo are new writes, and survive a reload', async () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const storage = memoryStorage();
		const first = open(doc, storage);
		first.editor.apply([
			{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 },
			{ kind: 'mark', studentId: 'hs2', columnKey: 'tx1', value: 80 }
		], 'paste');
		await settle();
		first.editor.flush(); // as on pagehide
		first.view.destroy();

		// "Reload": a new view and editor over the same document and storage.
		const second = open(doc, storage);
		expect(second.editor.canUndo).toBe(true);
		expect(second.editor.undo()).toEqual({ applied: 2, skipped: 0, closed: 0 });
		await settle();
		expect([value(doc, 'hs1:tx1'), value(doc, 'hs2:tx1')]).toEqual([null, null]);
		expect(second.editor.redo()).toEqual({ applied: 2, skipped: 0, closed: 0 });
		await settle();
		expect([value(doc, 'hs1:tx1'), value(doc, 'hs2:tx1')]).toEqual([75, 80]);
		// Undo is recorded in the cell's history, not erased from it.
		const read = readGradebook(doc);
		expect(read.ok && read.history.get('hs1:tx1')!.map((e) => e.kind)).toEqual(['paste', 'undo', 'redo']);
	});

	it('V19: undo and redo leave the cells of a student who left since as they are, writing nothing for them', async () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const left = new Set<string>();
		const { editor } = open(doc, memoryStorage(), (id) => left.has(id));
		editor.apply([
			{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 },
			{ kind: 'mark', studentId: 'hs2', columnKey: 'tx1', value: 80 }
		]);
		await settle();
		left.add('hs1');
		const historyOf = () => {
			const read = readGradebook(doc);
			return read.ok ? read.history.get('hs1:tx1')?.length : undefined;
		};
		const historyBefore = historyOf();
		expect(editor.undo()).toEqual({ applied: 1, skipped: 0, closed: 1 });
		await settle();
		expect([value(doc, 'hs1:tx1'), value(doc, 'hs2:tx1')]).toEqual([75, null]);
		expect(historyOf()).toBe(historyBefore);
		// Redo brings back only the mark it took away.
		expect(editor.redo()).toEqual({ applied: 1, skipped: 0, closed: 0 });
		await settle();
		expect([value(doc, 'hs1:tx1'), value(doc, 'hs2:tx1')]).toEqual([75, 80]);
	});

	it('leaves alone a cell a co-teacher changed after this teacher', async () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const { editor } = open(doc, memoryStorage());
		editor.apply([
			{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 },
			{ kind: 'mark', studentId: 'hs2', columnKey: 'tx1', value: 80 }
		]);
		// The co-teacher's edit arrives from another replica.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		writeCell(other, 'hs1', 'tx1', 90, { actor: { id: 'gv2', name: 'Phạm Nam' }, at: 2, offline: false });
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
		await settle();
		expect(editor.undo()).toEqual({ applied: 1, skipped: 1, closed: 0 });
		await settle();
		expect([value(doc, 'hs1:tx1'), value(doc, 'hs2:tx1')]).toEqual([90, null]);
	});

	it('writes that change nothing are not written and not undo steps', async () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const { editor } = open(doc, memoryStorage());
		editor.apply([{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 }]);
		await settle();
		expect(editor.apply([{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 75 }])).toBe(0);
		expect(editor.stacks.undo).toHaveLength(1);
	});
});
