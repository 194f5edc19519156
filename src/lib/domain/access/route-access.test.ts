import { describe, expect, it } from 'vitest';
import { actingRolesOf, grantsActingAs, initialActingRole } from './acting-role';
import { emptyGrants, type Grants } from './grants';
import { personRoles } from './person-roles';
import { documentAccess } from './policy';
import { routeAccess, routeAccessAll } from './route-access';

const school = 'thcs-nvb';
const other = 'thcs-khac';
const year = '2025-2026';

function grants(patch: Partial<Grants>): Grants {
	return { ...emptyGrants('p1'), ...patch };
}

const teacher = grants({ roles: [{ organisation: school, role: 'teacher' }], teaching: [{ school, year, classCode: '6a1', subject: 'toan' }] });
const homeroomTeacher = grants({
	roles: [{ organisation: school, role: 'teacher' }],
	teaching: [{ school, year, classCode: '6a1', subject: 'hdtn-hn' }],
	homeroom: [{ school, year, classCode: '6a1' }]
});
const principal = grants({ roles: [{ organisation: school, role: 'principal' }] });
const vicePrincipal = grants({ roles: [{ organisation: school, role: 'vice_principal' }, { organisation: school, role: 'scheduler' }] });
const scheduler = grants({ roles: [{ organisation: school, role: 'scheduler' }] });
const districtOfficer = grants({ roles: [{ organisation: 'so-gddt', role: 'district_officer' }], districtSchools: [school] });
const parent = grants({ guardianOf: [{ student: 'hs1', state: 'school_checked' }] });
const pendingParent = grants({ guardianOf: [{ student: 'hs1', state: 'declared' }] });
const teacherParent = grants({ ...teacher, guardianOf: [{ student: 'hs1', state: 'authority_confirmed' }] });

describe('acting roles (SPEC A1–A3)', () => {
	it('A1 staff by role or assignment, guardian by a pending or verified link', () => {
		expect(actingRolesOf(teacher)).toEqual(['staff']);
		expect(actingRolesOf(principal)).toEqual(['staff']);
		expect(actingRolesOf(grants({ homeroom: [{ school, year, classCode: '6a1' }] }))).toEqual(['staff']);
		expect(actingRolesOf(parent)).toEqual(['guardian']);
		expect(actingRolesOf(pendingParent)).toEqual(['guardian']);
		expect(actingRolesOf(teacherParent)).toEqual(['staff', 'guardian']);
	});

	it('A1 rejected and revoked links, an empty record and a disabled person act as nothing', () => {
		expect(actingRolesOf(grants({ guardianOf: [{ student: 'hs1', state: 'revoked' }, { student: 'hs2', state: 'rejected' }] }))).toEqual([]);
		expect(actingRolesOf(grants({}))).toEqual([]);
		expect(actingRolesOf({ ...teacherParent, disabled: true })).toEqual([]);
	});

	it('A2 a session starts in the only role; a person with two must choose', () => {
		expect(initialActingRole(teacher)).toBe('staff');
		expect(initialActingRole(parent)).toBe('guardian');
		expect(initialActingRole(teacherParent)).toBeNull();
	});

	it('A3 acting as a parent, a teacher cannot open their gradebook; acting as staff, not the child view', () => {
		const gradebook = { kind: 'gradebook', school, year, term: 'hk1', classCode: '6a1', subject: 'toan' } as const;
		const childView = { kind: 'student', student: 'hs1', year } as const;
		expect(documentAccess(grantsActingAs(teacherParent, 'staff'), gradebook)).toBe('write');
		expect(documentAccess(grantsActingAs(teacherParent, 'staff'), childView)).toBe('none');
		expect(documentAccess(grantsActingAs(teacherParent, 'guardian'), gradebook)).toBe('none');
		expect(documentAccess(grantsActingAs(teacherParent, 'guardian'), childView)).toBe('read');
		expect(documentAccess(grantsActingAs(teacherParent, null), gradebook)).toBe('none');
		expect(documentAccess(grantsActingAs(teacherParent, null), childView)).toBe('none');
	});
});

describe('route groups (SPEC A4–A9)', () => {
	it('A4 teacher: write with a teaching assignment, read for school leaders, none for outsiders', () => {
		expect(routeAccess(teacher, 'teacher', { school })).toBe('write');
		expect(routeAccess(teacher, 'teacher', { school: other })).toBe('none');
		expect(routeAccess(principal, 'teacher', { school })).toBe('read');
		expect(routeAccess(grants({ roles: [{ organisation: school, role: 'teacher' }] }), 'teacher', { school })).toBe('read');
		expect(routeAccess(parent, 'teacher')).toBe('none');
		expect(routeAccess(districtOfficer, 'teacher', { school })).toBe('none');
	});

	it('A5 homeroom: write for the homeroom teacher, read for leaders, none for a subject teacher', () => {
		expect(routeAccess(homeroomTeacher, 'homeroom', { school })).toBe('write');
		expect(routeAccess(vicePrincipal, 'homeroom', { school })).toBe('read');
		expect(routeAccess(teacher, 'homeroom', { school })).toBe('none');
	});

	it('A6 school admin: principal and vice-principal of that school only', () => {
		expect(routeAccess(principal, 'school-admin', { school })).toBe('write');
		expect(routeAccess(vicePrincipal, 'school-admin', { school })).toBe('write');
		expect(routeAccess(principal, 'school-admin', { school: other })).toBe('none');
		expect(routeAccess(scheduler, 'school-admin', { school })).toBe('none');
		expect(routeAccess(teacher, 'school-admin', { school })).toBe('none');
		expect(routeAccess(districtOfficer, 'school-admin', { school })).toBe('none');
	});

	it('A7 district: district officers read their own schools only', () => {
		expect(routeAccess(districtOfficer, 'district')).toBe('read');
		expect(routeAccess(districtOfficer, 'district', { school })).toBe('read');
		expect(routeAccess(districtOfficer, 'district', { school: other })).toBe('none');
		expect(routeAccess(principal, 'district', { school })).toBe('none');
	});

	it('A8 guardian: read with a verified link, none while it is only declared', () => {
		expect(routeAccess(parent, 'guardian')).toBe('read');
		expect(routeAccess(pendingParent, 'guardian')).toBe('none');
		expect(routeAccess(teacher, 'guardian')).toBe('none');
	});

	it('A9 a disabled person gets none in every group', () => {
		for (const g of [teacher, homeroomTeacher, principal, districtOfficer, parent]) {
			expect(Object.values(routeAccessAll({ ...g, disabled: true }))).toEqual(['none', 'none', 'none', 'none', 'none']);
		}
	});

	it('the whole matrix for one person at once', () => {
		expect(routeAccessAll(homeroomTeacher, { school })).toEqual({ teacher: 'write', homeroom: 'write', 'school-admin': 'none', district: 'none', guardian: 'none' });
	});
});

describe('person roles (what /api/me reports)', () => {
	it('lists school roles, homerooms and live guardianships in a stable order', () => {
		const everything = grants({
			roles: [{ organisation: school, role: 'teacher' }, { organisation: school, role: 'vice_principal' }],
			homeroom: [{ school, year, classCode: '6a1' }],
			guardianOf: [{ student: 'hs1', state: 'school_checked' }, { student: 'hs2', state: 'revoked' }]
		});
		expect(personRoles(everything)).toEqual([
			{ role: 'vice_principal', organisation: school },
			{ role: 'teacher', organisation: school },
			{ role: 'homeroom_teacher', organisation: school, year, classCode: '6a1' },
			{ role: 'guardian', student: 'hs1', state: 'school_checked' }
		]);
		expect(personRoles({ ...everything, disabled: true })).toEqual([]);
	});
});
