/** People as the pages show them. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes, enrolments, guardianships, people, schoolYears, students } from '../../../drizzle/schema';
import { VERIFIED_GUARDIANSHIP_STATES, LIVE_GUARDIANSHIP_STATES } from '../domain/access/grants';

export interface ChildListing {
	studentId: string;
	name: string;
	className: string | null;
	relation: string;
	verified: boolean;
}

/** The children a guardian is linked to (pending or verified), with their class this school year. */
export async function childrenOf(db: Database, guardianId: string): Promise<ChildListing[]> {
	const links = await db
		.select({ studentId: guardianships.studentId, relation: guardianships.relation, state: guardianships.state, name: people.fullName, school: students.schoolId })
		.from(guardianships)
		.innerJoin(students, eq(students.id, guardianships.studentId))
		.innerJoin(people, eq(people.id, students.personId))
		.where(and(eq(guardianships.guardianId, guardianId), inArray(guardianships.state, [...LIVE_GUARDIANSHIP_STATES] as Array<typeof guardianships.$inferSelect.state>)));
	if (links.length === 0) return [];
	const classRows = await db
		.select({ studentId: enrolments.studentId, name: classes.name })
		.from(enrolments)
		.innerJoin(schoolYears, and(eq(schoolYears.schoolId, enrolments.schoolId), eq(schoolYears.year, enrolments.year), eq(schoolYears.current, true)))
		.innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.year, enrolments.year), eq(classes.code, enrolments.classCode)))
		.where(inArray(enrolments.studentId, links.map((l) => l.studentId)));
	const classOf = new Map(classRows.map((c) => [c.studentId, c.name]));
	return links
		.map((l) => ({
			studentId: l.studentId,
			name: l.name,
			className: classOf.get(l.studentId) ?? null,
			relation: l.relation,
			verified: (VERIFIED_GUARDIANSHIP_STATES as readonly string[]).includes(l.state)
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
