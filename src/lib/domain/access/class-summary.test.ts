import { describe, expect, it } from 'vitest';
import { classSummaryAccess, homeroomClasses } from './class-summary';
import { emptyGrants, type Grants } from './grants';

const school = 'thcs-nvb';
const year = '2025-2026';
const ref = { school, year, classCode: '6a1' };
const grants = (patch: Partial<Grants>): Grants => ({ ...emptyGrants('p1'), ...patch });

describe('class summary access', () => {
	it('the homeroom teacher of the class sees its summary; of another class or year, not', () => {
		const gvcn = grants({ roles: [{ organisation: school, role: 'teacher' }], homeroom: [{ school, year, classCode: '6a1' }] });
		expect(classSummaryAccess(gvcn, ref)).toBe('homeroom');
		expect(classSummaryAccess(gvcn, { ...ref, classCode: '6a2' })).toBe('none');
		expect(classSummaryAccess(gvcn, { ...ref, year: '2024-2025' })).toBe('none');
		expect(homeroomClasses(gvcn)).toEqual([ref]);
	});

	it('principal and vice-principal of the school see every class; of another school, not', () => {
		for (const role of ['principal', 'vice_principal'] as const) {
			const leader = grants({ roles: [{ organisation: school, role }] });
			expect(classSummaryAccess(leader, ref)).toBe('leader');
			expect(classSummaryAccess(leader, { ...ref, school: 'thcs-khac' })).toBe('none');
		}
	});

	it('a subject teacher of the class does not (the summary holds every subject)', () => {
		const teacher = grants({ roles: [{ organisation: school, role: 'teacher' }], teaching: [{ school, year, classCode: '6a1', subject: 'toan' }] });
		expect(classSummaryAccess(teacher, ref)).toBe('none');
	});

	it('schedulers, district officers, guardians and disabled people do not', () => {
		expect(classSummaryAccess(grants({ roles: [{ organisation: school, role: 'scheduler' }] }), ref)).toBe('none');
		expect(classSummaryAccess(grants({ roles: [{ organisation: 'so-gddt', role: 'district_officer' }], districtSchools: [school] }), ref)).toBe('none');
		expect(classSummaryAccess(grants({ guardianOf: [{ student: 's1', state: 'school_checked' }] }), ref)).toBe('none');
		const disabled = grants({ disabled: true, homeroom: [{ school, year, classCode: '6a1' }], roles: [{ organisation: school, role: 'principal' }] });
		expect(classSummaryAccess(disabled, ref)).toBe('none');
		expect(homeroomClasses(disabled)).toEqual([]);
	});
});
