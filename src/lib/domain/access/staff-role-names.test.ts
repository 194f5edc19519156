import { describe, expect, it } from 'vitest';
import { staffRoleNames } from './staff-role-names';

describe('staffRoleNames', () => {
	it('names the roles most senior first, each once', () => {
		expect(staffRoleNames(['teacher', 'principal', 'teacher'])).toEqual(['Hiệu trưởng', 'Giáo viên']);
		expect(staffRoleNames(['teacher', 'vice_principal'])).toEqual(['Phó hiệu trưởng', 'Giáo viên']);
		expect(staffRoleNames([])).toEqual([]);
	});

	it('calls the office officer by the office (Phòng GD&ĐT), not the province department', () => {
		expect(staffRoleNames(['district_officer'])).toEqual(['Cán bộ Phòng GD&ĐT']);
	});
});
