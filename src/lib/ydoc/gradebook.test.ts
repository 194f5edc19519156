import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdits, cellKey, cellsWrittenBy, commentsWrittenBy, initGradebook, isGradebookCell, observeCellEdits, observeGradebook, readGradebook, splitCellKey, writeCell, writeCells } from './gradebook';
import { mergeRoster } from './roster';
import { cellHistory } from './cell-history';
import { testGradebookMeta } from './testing/gradebook-meta';

const meta = testGradebookMeta(['tx1', 'gk', 'ck']);
const roster = [
	{ id: 'hs1', name: 'Nguyễn Văn An', code: 'HS001' },
	{ id: 'hs2', name: 'Trần Thị Ánh', code: 'HS002' }
];
const stamp = { actor: { id: 'gv1', name: 'Lê Thị Hoa' }, at: 1_700_000_000_000, offline: false };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('gradebook document adapter', () => {
	it('reads back the header, roster and marks written through it', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs1', 'tx1', 75, stamp);
		const read = readGradebook(doc);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.meta).toMatchObject({ ...meta, schemaVersion: 1 });
		expect(read.roster.map((r) => r.id).sort()).toEqual(['hs1', 'hs2']);
		expect(read.cells.get(cellKey('hs1', 'tx1'))).toMatchObject({ value: 75, by: 'gv1', byName: 'Lê Thị Hoa', at: stamp.at, offline: false });
	});

	it('an empty document is reported as empty, a newer schema as too new', () => {
		const doc = new Y.Doc();
		expect(readGradebook(doc)).toEqual({ ok: false, reason: 'empty' });
		doc.getMap('meta').set('schemaVersion', 99);
		expect(readGradebook(doc)).toEqual({ ok: false, reason: 'too-new' });
	});

	it('ignores malformed cells written by a peer instead of showing them as marks', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		doc.getMap('cells').set(cellKey('hs1', 'tx1'), { value: 105, by: 'x', at: 1 });
		doc.getMap('cells').set(cellKey('hs1', 'gk'), 'seven');
		const read = readGradebook(doc);
		expect(read.ok && read.cells.size).toBe(0);
	});

	it('writes a block of cells in one update', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		let updates = 0;
		doc.on('update', () => updates++);
		writeCells(doc, [
			{ studentId: 'hs1', columnKey: 'tx1', value: 80 },
			{ studentId: 'hs2', columnKey: 'tx1', value: 65 }
		], stamp);
		expect(updates).toBe(1);
	});

	it('two replicas converge after concurrent edits of different cells', () => {
		const a = new Y.Doc();
		initGradebook(a, meta, roster);
		const b = new Y.Doc();
		sync(a, b);
		writeCell(a, 'hs1', 'tx1', 70, stamp);
		writeCell(b, 'hs2', 'tx1', 90, { ...stamp, offline: true });
		sync(a, b);
		const ra = readGradebook(a);
		const rb = readGradebook(b);
		const sorted = (r: typeof ra) => (r.ok ? [...r.cells.entries()].sort(([x], [y]) => x.localeCompare(y)) : []);
		expect(sorted(ra)).toEqual(sorted(rb));
		expect(ra.ok && ra.cells.size).toBe(2);
	});

	it('a roster merge adds who joined and renames, removes nobody (V19: who left keeps the row and marks)', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs2', 'tx1', 60, stamp);
		mergeRoster(doc, [{ ...roster[1]!, name: 'Trần Thị Bình An' }, { id: 'hs3', name: 'Lê Bảo', code: 'HS003' }]);
		const read = readGradebook(doc);
		expect(read.ok && read.roster.map((r) => r.id).sort()).toEqual(['hs1', 'hs2', 'hs3']);
		expect(read.ok && read.roster.find((r) => r.id === 'hs2')?.name).toBe('Trần Thị Bình An');
		expect(read.ok && read.cells.get(cellKey('hs2', 'tx1'))?.value).toBe(60);
		// The same roster again writes nothing.
		let updates = 0;
		doc.on('update', () => (updates += 1));
		mergeRoster(doc, [{ ...roster[1]!, name: 'Trần Thị Bình An' }]);
		expect(updates).toBe(0);
	});
});

describe('cell history and concurrent edits', () => {
	const hoa = { actor: { id: 'gv1', name: 'Lê Thị Hoa' }, at: 1_000, offline: false };
	const nam = { actor: { id: 'gv2', name: 'Phạm Văn Nam' }, at: 2_000, offline: true };
	const key = cellKey('hs1', 'tx1');

	function twoReplicas() {
		const a = new Y.Doc();
		initGradebook(a, meta, roster);
		const b = new Y.Doc();
		sync(a, b);
		return { a, b };
	}
	const read = (doc: Y.Doc) => {
		const r = readGradebook(doc);
		if (!r.ok) throw new Error(r.reason);
		return r;
	};

	it('sequential edits, each seeing the last, are never a conflict', () => {
		const { a, b } = twoReplicas();
		writeCell(a, 'hs1', 'tx1', 60, hoa);
		sync(a, b);
		writeCell(b, 'hs1', 'tx1', 65, nam);
		sync(a, b);
		writeCell(a, 'hs1', 'tx1', 70, { ...hoa, at: 3_000 });
		sync(a, b);
		expect(read(a).conflicts.size).toBe(0);
		expect(read(b).cells.get(key)?.value).toBe(70);
		expect(cellHistory(read(b).history.get(key)!).map((h) => [h.previous, h.edit.value, h.concurrent])).toEqual([
			[[], 60, false],
			[[60], 65, false],
			[[65], 70, false]
		]);
	});

	it('two offline replicas writing one cell: both values kept, the same conflict seen on both sides', () => {
		const { a, b } = twoReplicas();
		writeCell(a, 'hs1', 'tx1', 60, hoa);
		sync(a, b);
		// Both go offline and each changes the cell without seeing the other's change.
		writeCell(a, 'hs1', 'tx1', 80, { ...hoa, offline: true });
		writeCell(b, 'hs1', 'tx1', 90, nam);
		sync(a, b);
		const ra = read(a);
		const rb = read(b);
		// The cell shows the value Yjs settled on, the same on both replicas.
		expect(ra.cells.get(key)?.value).toBe(rb.cells.get(key)?.value);
		expect([80, 90]).toContain(ra.cells.get(key)?.value);
		// …and is flagged, with both values and who entered them.
		const conflict = ra.conflicts.get(key)!;
		expect(conflict.map((e) => [e.value, e.byName])).toEqual([
			[80, 'Lê Thị Hoa'],
			[90, 'Phạm Văn Nam']
		]);
		expect(rb.conflicts.get(key)).toEqual(conflict);
		const items = cellHistory(ra.history.get(key)!);
		expect(items.map((h) => [h.edit.value, h.previous, h.concurrent])).toEqual([
			[60, [], false],
			[80, [60], true],
			[90, [60], true]
		]);
	});

	it('one write after seeing both values resolves the conflict for everyone', () => {
		const { a, b } = twoReplicas();
		writeCell(a, 'hs1', 'tx1', 80, hoa);
		writeCell(b, 'hs1', 'tx1', 90, nam);
		sync(a, b);
		const written = applyEdits(b, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 80 }], { ...nam, at: 5_000 }, 'resolve');
		sync(a, b);
		expect(read(a).conflicts.size).toBe(0);
		expect(read(a).cells.get(key)).toMatchObject({ value: 80, id: written[0]!.id });
		const last = cellHistory(read(a).history.get(key)!).at(-1)!;
		expect(last.edit.kind).toBe('resolve');
		expect(last.previous.sort()).toEqual([80, 90]);
	});

	it('concurrent edits that agree on the value are not flagged', () => {
		const { a, b } = twoReplicas();
		writeCell(a, 'hs1', 'tx1', 80, hoa);
		writeCell(b, 'hs1', 'tx1', 80, nam);
		sync(a, b);
		expect(read(a).conflicts.size).toBe(0);
	});

	it('concurrent edits of different cells of the same student are not a conflict', () => {
		const { a, b } = twoReplicas();
		writeCell(a, 'hs1', 'tx1', 80, hoa);
		writeCell(b, 'hs1', 'gk', 90, nam);
		sync(a, b);
		expect(read(a).conflicts.size).toBe(0);
	});

	it('reports what each write replaced, for undo', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs1', 'tx1', 50, hoa);
		const written = applyEdits(doc, [
			{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 55 },
			{ kind: 'mark', studentId: 'hs2', columnKey: 'tx1', value: 65 },
			{ kind: 'comment', studentId: 'hs1', text: 'Tiến bộ rõ.' }
		], hoa, 'paste');
		expect(written.map((w) => [w.kind, w.before])).toEqual([
			['mark', 50],
			['mark', null],
			['comment', '']
		]);
		expect(new Set(written.map((w) => w.id)).size).toBe(3);
		expect(read(doc).comments.get('hs1')).toMatchObject({ text: 'Tiến bộ rõ.', byName: 'Lê Thị Hoa' });
	});

	it('ignores malformed history entries and comments from a peer', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		doc.getArray('history').push([{ id: 'x', cell: key, value: 500, replaces: [] }, 'junk']);
		doc.getMap('comments').set('hs1', { text: 42 });
		const r = read(doc);
		expect(r.history.size).toBe(0);
		expect(r.comments.size).toBe(0);
	});

	it('tells observers which cells changed and whether the change was made here', () => {
		const { a, b } = twoReplicas();
		const seen: Array<{ cells: string[]; local: boolean }> = [];
		observeGradebook(b, (change) => {
			if (change.cells.length) seen.push({ cells: change.cells, local: change.local });
		});
		writeCell(a, 'hs1', 'tx1', 80, hoa);
		sync(a, b);
		writeCell(b, 'hs2', 'gk', 70, nam);
		expect(seen).toEqual([
			{ cells: [key], local: false },
			{ cells: [cellKey('hs2', 'gk')], local: true }
		]);
	});

	it('reads schema-1 marks (the cells map) and lets a logged edit replace them', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		doc.getMap('cells').set(key, { value: 55, by: 'gv0', byName: 'Cũ', at: 1, offline: false });
		expect(read(doc).cells.get(key)?.value).toBe(55);
		const [written] = applyEdits(doc, [{ kind: 'mark', studentId: 'hs1', columnKey: 'tx1', value: 60 }], hoa);
		expect(written!.kind === 'mark' && written!.before).toBe(55);
		expect(read(doc).cells.get(key)?.value).toBe(60);
	});

	it('one mark is one change on this device (the status bar counts changes by Yjs clock)', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const before = Y.getState(doc.store, doc.clientID);
		writeCells(doc, [
			{ studentId: 'hs1', columnKey: 'tx1', value: 80 },
			{ studentId: 'hs2', columnKey: 'tx1', value: 65 },
			{ studentId: 'hs1', columnKey: 'gk', value: 70 }
		], hoa);
		expect(Y.getState(doc.store, doc.clientID) - before).toBe(3);
	});

	it('follows edits one by one, with their cell and stamp, for latency tools', () => {
		const { a, b } = twoReplicas();
		const seen: Array<[string, number, boolean]> = [];
		observeCellEdits(b, (edits, local) => seen.push(...edits.map((e): [string, number, boolean] => [e.cell, e.at, local])));
		writeCells(a, [
			{ studentId: 'hs1', columnKey: 'tx1', value: 80 },
			{ studentId: 'hs2', columnKey: 'gk', value: 70 }
		], hoa);
		sync(a, b);
		expect(seen).toEqual([
			[key, hoa.at, false],
			[cellKey('hs2', 'gk'), hoa.at, false]
		]);
	});
});

describe('cell keys: built by cellKey, split by splitCellKey only', () => {
	it('round-trips a student id and a column key', () => {
		expect(splitCellKey(cellKey('hs1', 'tx1'))).toEqual(['hs1', 'tx1']);
	});

	it('a key without ":" has no student, so it is never a gradebook cell', () => {
		expect(splitCellKey('tx1')).toEqual(['', 'tx1']);
		const frame = { students: new Set(['hs1']), columns: new Set(['tx1']) };
		expect(isGradebookCell('tx1', frame)).toBe(false);
		expect(isGradebookCell(':tx1', frame)).toBe(false);
		expect(isGradebookCell(cellKey('hs1', 'tx1'), frame)).toBe(true);
		expect(isGradebookCell(cellKey('hs2', 'tx1'), frame)).toBe(false);
	});
});

describe('cellsWrittenBy: the cells an update writes, from the update alone (sync-server SPEC F5)', () => {
	function updateOf(doc: Y.Doc, write: () => void): Uint8Array {
		const captured: Uint8Array[] = [];
		const listener = (update: Uint8Array) => void captured.push(update);
		doc.on('update', listener);
		write();
		doc.off('update', listener);
		return Y.mergeUpdates(captured);
	}

	it('names only the cells the sender wrote, not those already in the document from others', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs1', 'tx1', 70, stamp);
		const update = updateOf(doc, () => writeCells(doc, [{ studentId: 'hs2', columnKey: 'gk', value: 85 }], stamp));
		expect(cellsWrittenBy(update, doc)).toEqual(new Set([cellKey('hs2', 'gk')]));
	});

	it('an update that writes no mark (a comment) names no cell; an undecodable one gives null', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		const update = updateOf(doc, () => applyEdits(doc, [{ kind: 'comment', studentId: 'hs1', text: 'Chăm chỉ' }], stamp));
		expect(cellsWrittenBy(update, doc)).toEqual(new Set());
		expect(cellsWrittenBy(new Uint8Array([1, 2, 3, 250]), doc)).toBeNull();
	});

	it('an update that erases history entries cannot be told by its cells: null, so every cell is compared', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs1', 'tx1', 70, stamp);
		const update = updateOf(doc, () => doc.getArray('history').delete(0, 1));
		expect(cellsWrittenBy(update, doc)).toBeNull();
	});
});

describe('commentsWrittenBy (parents SPEC PV9: the comments an update writes)', () => {
	/** A server copy with the gradebook, and the update one teacher edit sends to it. */
	function sent(edit: (doc: Y.Doc) => void): { server: Y.Doc; update: Uint8Array } {
		const teacher = new Y.Doc();
		initGradebook(teacher, meta, roster);
		applyEdits(teacher, [{ kind: 'comment', studentId: roster[0]!.id, text: 'Lần đầu.' }], stamp);
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(teacher));
		const before = Y.encodeStateVector(teacher);
		edit(teacher);
		const update = Y.encodeStateAsUpdate(teacher, before);
		Y.applyUpdate(server, update);
		return { server, update };
	}

	it('PV9 names the student whose comment an update writes or overwrites', () => {
		const { server, update } = sent((doc) => applyEdits(doc, [{ kind: 'comment', studentId: roster[0]!.id, text: 'Sửa lại.' }], stamp));
		expect(commentsWrittenBy(update, server)).toEqual(new Set([roster[0]!.id]));
	});

	it('PV9 a mark-only update writes no comment', () => {
		const { server, update } = sent((doc) => writeCell(doc, roster[1]!.id, 'tx1', 70, stamp));
		expect(commentsWrittenBy(update, server)).toEqual(new Set());
	});

	it('PV9 an update it cannot decode is "cannot tell" (null)', () => {
		const { server } = sent(() => undefined);
		expect(commentsWrittenBy(new Uint8Array([1, 2, 3]), server)).toBeNull();
	});
});
