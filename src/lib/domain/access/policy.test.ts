import { describe, expect, it } from 'vitest';
import { emptyGrants, type Grants } from './grants';
import { documentAccess } from './policy';
import type { DocumentRef } from './document-ref';

const school = 'thcs-nvb';
const year = '2025-2026';
const gradebook: DocumentRef = { kind: 'gradebook', school, year, term: 'hk1', classCode: '6a1', subject: 'toan' };
const homeroom: DocumentRef = { kind: 'homeroom', school, year, term: 'hk1', classCode: '6a1' };
const timetable: DocumentRef = { kind: 'timetable', school, year, version: 'v1' };
const studentView: DocumentRef = { kind: 'student', student: 'hs1', year };

function grants(patch: Partial<Grants>): Grants {
	return { ...emptyGrants('p1'), ...patch };
}

const mathTeacher = grants({
	roles: [{ organisation: school, role: 'teacher' }],
	teaching: [{ school, year, classCode: '6a1', subject: 'toan' }]
});

describe('access policy (ARCHITECTURE.md §2)', () => {
	it('a subject teacher writes the gradebook of their own assignment', () => {
		expect(documentAccess(mathTeacher, gradebook)).toBe('write');
	});

	it("a subject teacher cannot open another teacher's subject or class", () => {
		expect(documentAccess(mathTeacher, { ...gradebook, subject: 'ngu-van' })).toBe('none');
		expect(documentAccess(mathTeacher, { ...gradebook, classCode: '6a2' })).toBe('none');
		expect(documentAccess(mathTeacher, { ...gradebook, year: '2024-2025' })).toBe('none');
	});

	it('a locked term turns the teacher into a reader', () => {
		expect(documentAccess(mathTeacher, gradebook, { locked: true })).toBe('read');
	});

	it('the homeroom teacher reads the class gradebooks and writes the homeroom document', () => {
		const gvcn = grants({ roles: [{ organisation: school, role: 'teacher' }], homeroom: [{ school, year, classCode: '6a1' }] });
		expect(documentAccess(gvcn, gradebook)).toBe('read');
		expect(documentAccess(gvcn, homeroom)).toBe('write');
		expect(documentAccess(gvcn, { ...homeroom, classCode: '6a2' })).toBe('none');
	});

	it('subject teachers of the class read its homeroom document', () => {
		expect(documentAccess(mathTeacher, homeroom)).toBe('read');
	});

	it('school leaders read everything of their school and nothing of another', () => {
		const principal = grants({ roles: [{ organisation: school, role: 'principal' }] });
		expect(documentAccess(principal, gradebook)).toBe('read');
		expect(documentAccess(principal, homeroom)).toBe('read');
		expect(documentAccess(principal, { ...gradebook, school: 'thcs-khac' })).toBe('none');
		expect(documentAccess(principal, studentView, { studentSchool: school })).toBe('read');
	});

	it('schedulers write timetables; other staff read them; outsiders see nothing', () => {
		expect(documentAccess(grants({ roles: [{ organisation: school, role: 'scheduler' }] }), timetable)).toBe('write');
		expect(documentAccess(mathTeacher, timetable)).toBe('read');
		expect(documentAccess(grants({}), timetable)).toBe('none');
	});

	it('a guardian reads only the view of a child linked through a verified guardianship', () => {
		const parent = grants({ guardianOf: [{ student: 'hs1', state: 'school_checked' }, { student: 'hs2', state: 'declared' }] });
		expect(documentAccess(parent, studentView)).toBe('read');
		expect(documentAccess(parent, { ...studentView, student: 'hs2' })).toBe('none');
		expect(documentAccess(parent, { ...studentView, student: 'hs3' })).toBe('none');
		expect(documentAccess(parent, gradebook)).toBe('none');
	});

	it('a disabled person gets nothing', () => {
		expect(documentAccess({ ...mathTeacher, disabled: true }, gradebook)).toBe('none');
	});
});
