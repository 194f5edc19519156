/** Loads what the access policy needs about a person from the database (the policy itself is pure). */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { guardianships, homeroomAssignments, organisations, people, staffRoles, staffSuspensions, teachingAssignments } from '../../../drizzle/schema';
import type { Grants } from '../domain/access/grants';
import { withoutSuspendedSchools } from '../domain/access/staff-management';

/** What the person holds, minus the schools that disabled them (access SPEC A10). */
export async function loadGrants(db: Database, personId: string): Promise<Grants> {
	const [grants, suspended] = await Promise.all([loadAllGrants(db, personId), suspendedSchoolsOf(db, personId)]);
	return withoutSuspendedSchools(grants, suspended);
}

export async function suspendedSchoolsOf(db: Database, personId: string): Promise<string[]> {
	const rows = await db.select({ school: staffSuspensions.schoolId }).from(staffSuspensions).where(eq(staffSuspensions.personId, personId));
	return rows.map((r) => r.school);
}

/** Every role and assignment, including those at schools that disabled the person. */
export async function loadAllGrants(db: Database, personId: string): Promise<Grants> {
	const [person] = await db.select({ disabledAt: people.disabledAt }).from(people).where(eq(people.id, personId));
	const [roles, teaching, homeroom, guardianOf] = await Promise.all([
		db.select({ organisation: staffRoles.organisationId, role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.personId, personId)),
		db
			.select({ school: teachingAssignments.schoolId, year: teachingAssignments.year, classCode: teachingAssignments.classCode, subject: teachingAssignments.subjectCode })
			.from(teachingAssignments)
			.where(eq(teachingAssignments.personId, personId)),
		db
			.select({ school: homeroomAssignments.schoolId, year: homeroomAssignments.year, classCode: homeroomAssignments.classCode })
			.from(homeroomAssignments)
			.where(eq(homeroomAssignments.personId, personId)),
		db.select({ student: guardianships.studentId, state: guardianships.state }).from(guardianships).where(eq(guardianships.guardianId, personId))
	]);
	const offices = roles.filter((r) => r.role === 'district_officer').map((r) => r.organisation);
	const districtSchools =
		offices.length === 0
			? []
			: (
					await db
						.select({ id: organisations.id })
						.from(organisations)
						.where(and(eq(organisations.kind, 'school'), inArray(organisations.parentId, offices)))
				).map((row) => row.id);
	return { personId, disabled: !person || person.disabledAt !== null, roles, districtSchools, teaching, homeroom, guardianOf };
}
