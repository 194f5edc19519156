import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summarySubjects } from '../domain/reports';
import { buildStudentView } from '../domain/student-view/build';
import { readStudentView, writeStudentView } from './student-view';

const view = buildStudentView({
	student: { id: 's1', name: 'Lê Thị Hoa', code: '001' },
	schoolName: 'THCS A',
	className: '6A1',
	grade: 6,
	year: '2025-2026',
	subjects: summarySubjects(['toan', 'gdtc'], 6),
	marks: [{ studentId: 's1', subject: 'toan', term: 'hk1', column: 'tx1', value: '7.5' }],
	homeroom: [],
	locks: { hk1: false, hk2: false },
	pending: []
});

describe('student view document', () => {
	it('reads back what was written', () => {
		const doc = new Y.Doc();
		expect(readStudentView(doc)).toEqual({ ok: false, reason: 'empty' });
		expect(writeStudentView(doc, view, 1000)).toBe(true);
		const read = readStudentView(doc);
		expect(read.ok && read.view).toEqual(view);
		expect(read.ok && read.projectedAt).toBe(1000);
	});

	it('PV5 writes nothing when the content is unchanged, and only the changed entry otherwise', () => {
		const doc = new Y.Doc();
		writeStudentView(doc, view, 1000);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.transact(() => expect(writeStudentView(doc, structuredClone(view), 2000)).toBe(false));
		expect(updates).toHaveLength(0);
		const locked = { ...view, locks: { hk1: true, hk2: false } };
		doc.transact(() => expect(writeStudentView(doc, locked, 3000)).toBe(true));
		expect(updates).toHaveLength(1);
		const read = readStudentView(doc);
		expect(read.ok && read.view.locks.hk1).toBe(true);
		expect(read.ok && read.projectedAt).toBe(3000);
	});
});
