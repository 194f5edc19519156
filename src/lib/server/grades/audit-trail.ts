/** The mark audit trail of one school, newest first (the leaders' CSV download). */
import { desc, like } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { gradeAudit } from '../../../../drizzle/schema';
import { documentNamePrefix } from '../../ydoc/document-name';

export type AuditRow = typeof gradeAudit.$inferSelect;

export async function auditTrailOfSchool(db: Database, school: string): Promise<AuditRow[]> {
	return db
		.select()
		.from(gradeAudit)
		.where(like(gradeAudit.document, `${documentNamePrefix('gradebook', school)}%`))
		.orderBy(desc(gradeAudit.id));
}
