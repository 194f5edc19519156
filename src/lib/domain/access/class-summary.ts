/**
 * Who may see a class's summary (tổng kết lớp: every student's averages, conduct, absences and
 * promotion path): the class's homeroom teacher and the school's leaders. Subject teachers of the
 * class read the homeroom document (policy.ts) but not the whole-class summary: it holds every
 * other subject's results too.
 */
import type { Grants } from './grants';
import { leadsSchool } from './leadership';

export interface ClassRef {
	school: string;
	year: string;
	classCode: string;
}

export type ClassSummaryAccess = 'homeroom' | 'leader' | 'none';

export function classSummaryAccess(grants: Grants, ref: ClassRef): ClassSummaryAccess {
	if (grants.disabled) return 'none';
	if (grants.homeroom.some((h) => h.school === ref.school && h.year === ref.year && h.classCode === ref.classCode)) return 'homeroom';
	return leadsSchool(grants, ref.school) ? 'leader' : 'none';
}

/** The classes whose summary this person may open as their homeroom teacher. */
export function homeroomClasses(grants: Grants): ClassRef[] {
	return grants.disabled ? [] : grants.homeroom.map((h) => ({ school: h.school, year: h.year, classCode: h.classCode }));
}
