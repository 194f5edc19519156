import { describe, expect, it } from 'vitest';
import { feeSchools, managesFees, seesClassPayments } from './fees';
import { emptyGrants, type Grants, type StaffRole } from './grants';

const staff = (role: StaffRole, school = 's1'): Grants => ({ ...emptyGrants('p'), roles: [{ organisation: school, role }] });

describe('fee access (server SPEC FA1, FA2)', () => {
	it('FA1 the accountant and the principal of the school manage fees; nobody else, nowhere else', () => {
		expect(managesFees(staff('accountant'), 's1')).toBe(true);
		expect(managesFees(staff('principal'), 's1')).toBe(true);
		for (const role of ['vice_principal', 'scheduler', 'teacher', 'district_officer'] as const) expect(managesFees(staff(role), 's1'), role).toBe(false);
		expect(managesFees(staff('accountant', 's2'), 's1')).toBe(false);
		expect(managesFees({ ...staff('accountant'), disabled: true }, 's1')).toBe(false);
		expect(feeSchools({ ...emptyGrants('p'), roles: [{ organisation: 's1', role: 'accountant' }, { organisation: 's2', role: 'teacher' }] })).toEqual(['s1']);
	});

	it('FA2 a homeroom teacher sees their own class’s payments only; a subject teacher none', () => {
		const homeroom: Grants = { ...emptyGrants('p'), homeroom: [{ school: 's1', year: '2025-2026', classCode: '6a1' }] };
		expect(seesClassPayments(homeroom, 's1', '2025-2026', '6a1')).toBe(true);
		expect(seesClassPayments(homeroom, 's1', '2025-2026', '6a2')).toBe(false);
		expect(seesClassPayments(homeroom, 's1', '2024-2025', '6a1')).toBe(false);
		const teacher: Grants = { ...staff('teacher'), teaching: [{ school: 's1', year: '2025-2026', classCode: '6a1', subject: 'toan' }] };
		expect(seesClassPayments(teacher, 's1', '2025-2026', '6a1')).toBe(false);
		expect(seesClassPayments(staff('accountant'), 's1', '2025-2026', '6a1')).toBe(true);
	});
});
