import { describe, expect, it } from 'vitest';
import { staffRoleNames } from './staff-role-names';

describe('staffRoleNames', () => {
	it('names the roles most senior first, each once', () => {
		expect(staffRoleNames(['teacher', 'principal', 'teacher'])).toEqual(['Hiệu trưởng', 'Giáo viên']);
		expect(staffRoleNames(['teacher', 'vice_principal'])).toEqual(['Phó hiệu trưởng', 'Giáo viên']);
		expect(staffRoleNames([])).toEqual([]);
	});
});
