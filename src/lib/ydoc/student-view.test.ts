import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { summarySubjects } from '../domain/reports';
import { buildStudentView } from '../domain/student-view/build';
import { readStudentView, writeStudentTimetable, writeStudentView, type StudentTimetableWeek } from './student-view';

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

	it('PV5 TT9 the class week is written into `timetable` only when it differs, and read back', () => {
		const doc = new Y.Doc();
		writeStudentView(doc, view, 1000);
		expect(readStudentView(doc)).toMatchObject({ ok: true, timetable: [] });
		const weeks: StudentTimetableWeek[] = [
			{
				effectiveFrom: '2025-09-08',
				label: 'Thời khóa biểu số 1',
				className: '6A1',
				week: { days: [{ day: 2, name: 'Thứ Hai', periods: [{ session: 'sang', sessionName: 'Sáng', period: 1, start: '07:00', end: '07:45', subjectName: 'Chào cờ', teacherName: null, roomName: null, className: null }] }] }
			}
		];
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.transact(() => expect(writeStudentTimetable(doc, weeks, 2000)).toBe(true));
		expect(updates).toHaveLength(1);
		const read = readStudentView(doc);
		expect(read.ok && read.timetable).toEqual(weeks);
		expect(read.ok && read.projectedAt).toBe(2000);
		doc.transact(() => expect(writeStudentTimetable(doc, structuredClone(weeks), 3000)).toBe(false));
		expect(updates).toHaveLength(1);
		doc.transact(() => expect(writeStudentTimetable(doc, [], 4000)).toBe(true));
		const cleared = readStudentView(doc);
		expect(cleared.ok && cleared.timetable).toEqual([]);
	});
});
