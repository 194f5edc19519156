import { describe, expect, it } from 'vitest';
import { actingRolesOf } from './acting-role';
import { emptyGrants, type Grants } from './grants';
import { documentAccess } from './policy';
import { mayDisableEverywhere, withoutSuspendedSchools, workplacesOf } from './staff-management';

const year = '2025-2026';
const A = 'thcs-a';
const B = 'thcs-b';
const OFFICE = 'phong-gd';

const grants = (personId: string, patch: Partial<Grants>): Grants => ({ ...emptyGrants(personId), ...patch });

/** Teaches at two schools and is a parent too. */
const teacher = grants('t', {
	roles: [
		{ organisation: A, role: 'teacher' },
		{ organisation: B, role: 'teacher' }
	],
	teaching: [
		{ school: A, year, classCode: '6a1', subject: 'toan' },
		{ school: B, year, classCode: '7a1', subject: 'toan' }
	],
	homeroom: [{ school: A, year, classCode: '6a1' }],
	guardianOf: [{ student: 'hs-1', state: 'school_checked' }]
});

const officer = grants('d', { roles: [{ organisation: OFFICE, role: 'district_officer' }], districtSchools: [A] });

describe('staff management (access SPEC A10–A11)', () => {
	it('A10 disabling at a school drops only that school’s roles and assignments', () => {
		const left = withoutSuspendedSchools(teacher, [A]);
		expect(left.roles).toEqual([{ organisation: B, role: 'teacher' }]);
		expect(left.teaching).toEqual([{ school: B, year, classCode: '7a1', subject: 'toan' }]);
		expect(left.homeroom).toEqual([]);
		expect(left.guardianOf).toEqual(teacher.guardianOf);
		expect(documentAccess(left, { kind: 'gradebook', school: A, year, term: 'hk1', classCode: '6a1', subject: 'toan' })).toBe('none');
		expect(documentAccess(left, { kind: 'gradebook', school: B, year, term: 'hk1', classCode: '7a1', subject: 'toan' })).toBe('write');
		expect(actingRolesOf(left)).toEqual(['staff', 'guardian']);
	});

	it('A10 disabled at every school, a parent still acts as a guardian; nothing else is left', () => {
		const left = withoutSuspendedSchools(teacher, [A, B]);
		expect(actingRolesOf(left)).toEqual(['guardian']);
		const staffOnly = withoutSuspendedSchools({ ...teacher, guardianOf: [] }, [A, B]);
		expect(actingRolesOf(staffOnly)).toEqual([]);
	});

	it('A10 no suspension leaves the grants as they are', () => {
		expect(withoutSuspendedSchools(teacher, [])).toBe(teacher);
	});

	it('A10 keeps a district office role when a school disables its officer', () => {
		const both = grants('x', { roles: [{ organisation: OFFICE, role: 'district_officer' }, { organisation: A, role: 'teacher' }], districtSchools: [A] });
		expect(withoutSuspendedSchools(both, [A]).roles).toEqual([{ organisation: OFFICE, role: 'district_officer' }]);
	});

	it('A11 a district officer may disable everywhere someone working at a school the office supervises', () => {
		expect(workplacesOf(teacher).sort()).toEqual([A, B]);
		expect(mayDisableEverywhere(officer, teacher)).toBe(true);
	});

	it('A11 not for a person outside the office’s schools, not for a parent only, not oneself', () => {
		expect(mayDisableEverywhere(officer, grants('o', { roles: [{ organisation: B, role: 'teacher' }] }))).toBe(false);
		expect(mayDisableEverywhere(officer, grants('p', { guardianOf: [{ student: 'hs-1', state: 'school_checked' }] }))).toBe(false);
		expect(mayDisableEverywhere(officer, officer)).toBe(false);
	});

	it('A11 a principal, or a disabled officer, may not disable anyone everywhere', () => {
		const principal = grants('h', { roles: [{ organisation: A, role: 'principal' }] });
		expect(mayDisableEverywhere(principal, teacher)).toBe(false);
		expect(mayDisableEverywhere({ ...officer, disabled: true }, teacher)).toBe(false);
	});
});
