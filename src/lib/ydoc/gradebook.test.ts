import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellKey, initGradebook, readGradebook, writeCell, writeCells, setRoster } from './gradebook';

const meta = {
	school: 'thcs-nvb',
	year: '2025-2026',
	term: 'hk1' as const,
	classCode: '6a1',
	className: '6A1',
	subjectCode: 'toan',
	subjectName: 'Toán',
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
		expect(read.cells.get(cellKey('hs1', 'tx1'))).toEqual({ value: 75, by: 'gv1', byName: 'Lê Thị Hoa', at: stamp.at, offline: false });
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

	it('a roster change keeps the marks of the students who stay', () => {
		const doc = new Y.Doc();
		initGradebook(doc, meta, roster);
		writeCell(doc, 'hs2', 'tx1', 60, stamp);
		setRoster(doc, [roster[1]!, { id: 'hs3', name: 'Lê Bảo', code: 'HS003' }]);
		const read = readGradebook(doc);
		expect(read.ok && read.roster.map((r) => r.id).sort()).toEqual(['hs2', 'hs3']);
		expect(read.ok && read.cells.get(cellKey('hs2', 'tx1'))?.value).toBe(60);
	});
});
