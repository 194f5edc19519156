/** What each staff role is called in Vietnamese schools, as people read it on screen. */
import type { StaffRole } from './grants';

export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
	principal: 'Hiệu trưởng',
	vice_principal: 'Phó hiệu trưởng',
	scheduler: 'Xếp TKB',
	teacher: 'Giáo viên',
	accountant: 'Kế toán',
	district_officer: 'Cán bộ Phòng GD&ĐT'
};

const ORDER: StaffRole[] = ['principal', 'vice_principal', 'district_officer', 'accountant', 'scheduler', 'teacher'];

/** The roles held, most senior first, each once: "Hiệu trưởng, Giáo viên". */
export function staffRoleNames(roles: readonly StaffRole[]): string[] {
	return ORDER.filter((role) => roles.includes(role)).map((role) => STAFF_ROLE_NAMES[role]);
}
