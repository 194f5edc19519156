/**
 * The access policy: one pure function decides write | read | none for a person and a document
 * (docs/architecture.md §2, §6). The app asks it before minting a sync ticket and in every server
 * route; the UI only mirrors its answers.
 */
import type { DocumentRef } from './document-ref';
import { isVerifiedGuardianOf, type Grants, type StaffRole } from './grants';

export type AccessLevel = 'write' | 'read' | 'none';

export interface DocumentContext {
	/** The gradebook's term is locked (khóa sổ): nobody writes, readers still read. */
	locked?: boolean;
	/** For student views: the school the student is enrolled at. */
	studentSchool?: string;
}

const LEADERS: StaffRole[] = ['principal', 'vice_principal'];

function hasRole(grants: Grants, school: string, roles: StaffRole[]): boolean {
	return grants.roles.some((r) => r.organisation === school && roles.includes(r.role));
}

function isStaffOf(grants: Grants, school: string): boolean {
	return grants.roles.some((r) => r.organisation === school && r.role !== 'district_officer');
}

function isLeaderOf(grants: Grants, school: string): boolean {
	return hasRole(grants, school, LEADERS);
}

export function documentAccess(grants: Grants, ref: DocumentRef, context: DocumentContext = {}): AccessLevel {
	if (grants.disabled) return 'none';
	switch (ref.kind) {
		case 'gradebook': {
			const teaches = grants.teaching.some(
				(t) => t.school === ref.school && t.year === ref.year && t.classCode === ref.classCode && t.subject === ref.subject
			);
			if (teaches) return context.locked ? 'read' : 'write';
			const homeroom = grants.homeroom.some(
				(h) => h.school === ref.school && h.year === ref.year && h.classCode === ref.classCode
			);
			return homeroom || isLeaderOf(grants, ref.school) ? 'read' : 'none';
		}
		case 'homeroom': {
			const isHomeroomTeacher = grants.homeroom.some(
				(h) => h.school === ref.school && h.year === ref.year && h.classCode === ref.classCode
			);
			if (isHomeroomTeacher) return context.locked ? 'read' : 'write';
			const teachesClass = grants.teaching.some(
				(t) => t.school === ref.school && t.year === ref.year && t.classCode === ref.classCode
			);
			return teachesClass || isLeaderOf(grants, ref.school) ? 'read' : 'none';
		}
		case 'timetable': {
			if (hasRole(grants, ref.school, ['scheduler', 'vice_principal'])) return 'write';
			return isStaffOf(grants, ref.school) ? 'read' : 'none';
		}
		case 'student': {
			// Student views are written by the server only (projections): nobody gets write.
			if (isVerifiedGuardianOf(grants, ref.student)) return 'read';
			const school = context.studentSchool;
			return school !== undefined && isLeaderOf(grants, school) ? 'read' : 'none';
		}
	}
}
