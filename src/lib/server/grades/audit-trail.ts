/** The mark audit trail of one school year, for the leaders' CSV export. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { gradeAudit, schoolYears, yjsDocuments } from '../../../../drizzle/schema';

/**
 * Every mark change in the school's gradebooks of that year, newest first. The gradebooks are
 * selected by their key columns and the audit by its document index: the cost follows the
 * school's year, not the district (a prefix LIKE on the name could not use the index).
 */
export async function auditTrailOf(db: Database, school: string, year: string) {
	const gradebooks = db
		.select({ name: yjsDocuments.name })
		.from(yjsDocuments)
		.where(and(eq(yjsDocuments.school, school), eq(yjsDocuments.year, year), eq(yjsDocuments.kind, 'gradebook')));
	return db.select().from(gradeAudit).where(inArray(gradeAudit.document, gradebooks)).orderBy(desc(gradeAudit.id));
}

/** Whether the school has (or had) that school year: a past year is exported only when it exists. */
export async function isSchoolYear(db: Database, school: string, year: string): Promise<boolean> {
	const rows = await db.select({ year: schoolYears.year }).from(schoolYears).where(and(eq(schoolYears.schoolId, school), eq(schoolYears.year, year)));
	return rows.length > 0;
}
