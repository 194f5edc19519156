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

describe('document access policy (access SPEC DA1–DA7)', () => {
	it('DA2: a subject teacher writes the gradebook of their own assignment', () => {
		expect(documentAccess(mathTeacher, gradebook)).toBe('write');
	});

	it("DA2, DA3: a subject teacher cannot open another teacher's subject or class", () => {
		expect(documentAccess(mathTeacher, { ...gradebook, subject: 'ngu-van' })).toBe('none');
		expect(documentAccess(mathTeacher, { ...gradebook, classCode: '6a2' })).toBe('none');
		expect(documentAccess(mathTeacher, { ...gradebook, year: '2024-2025' })).toBe('none');
	});

	it('DA7: a locked term turns the teacher into a reader', () => {
		expect(documentAccess(mathTeacher, gradebook, { locked: true })).toBe('read');
	});

	it('DA3, DA4: the homeroom teacher reads the class gradebooks and writes the homeroom document', () => {
		const gvcn = grants({ roles: [{ organisation: school, role: 'teacher' }], homeroom: [{ school, year, classCode: '6a1' }] });
		expect(documentAccess(gvcn, gradebook)).toBe('read');
		expect(documentAccess(gvcn, homeroom)).toBe('write');
		expect(documentAccess(gvcn, { ...homeroom, classCode: '6a2' })).toBe('none');
	});

	it('DA4: subject teachers of the class read its homeroom document', () => {
		expect(documentAccess(mathTeacher, homeroom)).toBe('read');
	});

	it('DA3, DA4, DA6: school leaders read everything of their school and nothing of another', () => {
		const principal = grants({ roles: [{ organisation: school, role: 'principal' }] });
		expect(documentAccess(principal, gradebook)).toBe('read');
		expect(documentAccess(principal, homeroom)).toBe('read');
		expect(documentAccess(principal, { ...gradebook, school: 'thcs-khac' })).toBe('none');
		expect(documentAccess(principal, studentView, { studentSchool: school })).toBe('read');
	});

	it('DA5: schedulers write timetables; other staff read them; outsiders see nothing', () => {
		expect(documentAccess(grants({ roles: [{ organisation: school, role: 'scheduler' }] }), timetable)).toBe('write');
		expect(documentAccess(mathTeacher, timetable)).toBe('read');
		expect(documentAccess(grants({}), timetable)).toBe('none');
	});

	it('DA6: a guardian reads only the view of a child linked through a verified guardianship', () => {
		const parent = grants({ guardianOf: [{ student: 'hs1', state: 'school_checked' }, { student: 'hs2', state: 'declared' }] });
		expect(documentAccess(parent, studentView)).toBe('read');
		expect(documentAccess(parent, { ...studentView, student: 'hs2' })).toBe('none');
		expect(documentAccess(parent, { ...studentView, student: 'hs3' })).toBe('none');
		expect(documentAccess(parent, gradebook)).toBe('none');
	});

	it('DA1: a disabled person gets nothing', () => {
		expect(documentAccess({ ...mathTeacher, disabled: true }, gradebook)).toBe('none');
	});
	it('DA4, DA7: a locked term turns the homeroom teacher into a reader of the homeroom document', () => {
		const gvcn = grants({ homeroom: [{ school, year, classCode: '6a1' }] });
		expect(documentAccess(gvcn, homeroom, { locked: true })).toBe('read');
	});

	it('DA5: a vice-principal writes timetables, a principal reads them, a district officer sees nothing', () => {
		expect(documentAccess(grants({ roles: [{ organisation: school, role: 'vice_principal' }] }), timetable)).toBe('write');
		expect(documentAccess(grants({ roles: [{ organisation: school, role: 'principal' }] }), timetable)).toBe('read');
		expect(documentAccess(grants({ roles: [{ organisation: school, role: 'district_officer' }] }), timetable)).toBe('none');
	});

	it('DA3: a district officer opens no gradebook', () => {
		expect(documentAccess(grants({ roles: [{ organisation: 'pgd-ba-dinh', role: 'district_officer' }] }), gradebook)).toBe('none');
	});

	it('DA6: nobody writes a student view; a leader of another school does not read it', () => {
		const principal = grants({ roles: [{ organisation: school, role: 'principal' }] });
		const parent = grants({ guardianOf: [{ student: 'hs1', state: 'authority_confirmed' }] });
		expect(documentAccess(parent, studentView)).toBe('read');
		expect(documentAccess(principal, studentView, { studentSchool: 'thcs-khac' })).toBe('none');
		expect(documentAccess(principal, studentView)).toBe('none');
	});
});
