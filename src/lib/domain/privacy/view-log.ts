/**
 * The view log's pure rules (privacy SPEC PR4–PR9): the scope one entry names, which entries
 * concern a child, and the role label a viewer is shown with.
 */
import type { Grants } from '../access/grants';
import { STAFF_ROLE_NAMES } from '../access/staff-role-names';

/** What one entry is about: one student, one class, or a whole school (PR5). */
export type ViewScope =
	| { kind: 'student'; school: string; year: string | null; student: string }
	| { kind: 'class'; school: string; year: string; classCode: string }
	| { kind: 'school'; school: string; year: string | null };

export interface LoggedScope {
	schoolId: string;
	year: string | null;
	classCode: string | null;
	studentId: string | null;
}

export function scopeColumns(scope: ViewScope): LoggedScope {
	switch (scope.kind) {
		case 'student':
			return { schoolId: scope.school, year: scope.year, classCode: null, studentId: scope.student };
		case 'class':
			return { schoolId: scope.school, year: scope.year, classCode: scope.classCode, studentId: null };
		case 'school':
			return { schoolId: scope.school, year: scope.year, classCode: null, studentId: null };
	}
}

/** A child as the log sees them: their id and every class they were enrolled in. */
export interface ChildPlacement {
	student: string;
	school: string;
	enrolments: ReadonlyArray<{ school: string; year: string; classCode: string }>;
}

/**
 * PR7: an entry concerns the child when it names the child; or names a class the child was enrolled
 * in that year (a class view showed the whole class); or is a school-wide view of a school and year
 * the child was enrolled at (a school-wide view showed every student of it). Nothing else — never an
 * entry about another student.
 */
export function entryConcernsChild(entry: LoggedScope, child: ChildPlacement): boolean {
	if (entry.studentId !== null) return entry.studentId === child.student;
	if (entry.classCode !== null) return child.enrolments.some((e) => e.school === entry.schoolId && e.year === entry.year && e.classCode === entry.classCode);
	return child.enrolments.some((e) => e.school === entry.schoolId && (entry.year === null || e.year === entry.year));
}

export interface RoleContext {
	school: string;
	year?: string;
	classCode?: string;
	/** The subject of a gradebook view, with its Vietnamese name. */
	subject?: { code: string; name: string };
	/** The guardian's relation to the child, when a guardian views their child's data. */
	relation?: string;
}

const RELATIONS: Record<string, string> = { father: 'cha', mother: 'mẹ', guardian: 'người giám hộ' };

/** How a guardian relation reads in Vietnamese ("cha", "mẹ", "người giám hộ"). */
export function relationName(relation: string): string {
	return RELATIONS[relation] ?? relation;
}

/**
 * PR6: the role a viewer is shown with in the log, fixed at the time of the view, most specific
 * first: "Phụ huynh (cha)"; "Hiệu trưởng", "Phó hiệu trưởng"; for a class,
 * "Giáo viên bộ môn Toán" (the subject viewed, or every subject taught in that class),
 * "Giáo viên chủ nhiệm lớp 6A1"; else the person's staff roles at the school.
 */
export function viewerRoleLabel(grants: Grants, context: RoleContext, className?: string): string {
	if (context.relation !== undefined) return `Phụ huynh (${relationName(context.relation)})`;
	const atSchool = grants.roles.filter((r) => r.organisation === context.school).map((r) => r.role);
	if (atSchool.includes('principal')) return STAFF_ROLE_NAMES.principal;
	if (atSchool.includes('vice_principal')) return STAFF_ROLE_NAMES.vice_principal;
	if (context.classCode !== undefined && context.year !== undefined) {
		const inClass = (a: { school: string; year: string; classCode: string }) => a.school === context.school && a.year === context.year && a.classCode === context.classCode;
		const teaches = grants.teaching.filter(inClass);
		if (context.subject && teaches.some((t) => t.subject === context.subject!.code)) return `Giáo viên bộ môn ${context.subject.name}`;
		if (grants.homeroom.some(inClass)) return `Giáo viên chủ nhiệm lớp ${className ?? context.classCode.toUpperCase()}`;
		if (teaches.length > 0) return 'Giáo viên bộ môn';
	}
	if (atSchool.length > 0) return STAFF_ROLE_NAMES[atSchool[0]!];
	if (grants.districtSchools.includes(context.school)) return STAFF_ROLE_NAMES.district_officer;
	return 'Cán bộ nhà trường';
}

/**
 * PR16: how long a view-log entry is kept — 24 months, so the current and the previous school
 * year can always be answered for (a complaint about last year's marks, an inspection), and then
 * removed (storage limitation).
 */
export const VIEW_LOG_RETENTION_MONTHS = 24;

/** Entries at or before this instant are past retention: the same instant `VIEW_LOG_RETENTION_MONTHS` calendar months earlier (UTC; a day missing in the shorter month clamps to its last day). */
export function viewLogCutoff(now: Date): Date {
	const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - VIEW_LOG_RETENTION_MONTHS, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	return new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds())
	);
}
