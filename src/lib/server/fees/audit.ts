/** FA1: every change to fees is written here with who and when, in the same transaction as the change. */
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { feeAudit, people } from '../../../../drizzle/schema';

export async function audit(db: Database, school: string, person: string, action: string, subject: string, detail?: unknown): Promise<void> {
	await db.insert(feeAudit).values({ schoolId: school, personId: person, action, subject, detail: detail ?? null });
}

/** The school's latest fee changes, newest first, with the person's name. */
export async function recentFeeChanges(db: Database, school: string, limit = 10) {
	const rows = await db
		.select({ at: feeAudit.at, action: feeAudit.action, subject: feeAudit.subject, who: people.fullName })
		.from(feeAudit)
		.leftJoin(people, eq(people.id, feeAudit.personId))
		.where(eq(feeAudit.schoolId, school))
		.orderBy(desc(feeAudit.at))
		.limit(limit);
	return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
