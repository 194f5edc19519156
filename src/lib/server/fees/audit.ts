/** FA1: every change to fees is written here with who and when, in the same transaction as the change. */
import type { Database } from '../../../../drizzle/database';
import { feeAudit } from '../../../../drizzle/schema';

export async function audit(db: Database, school: string, person: string, action: string, subject: string, detail?: unknown): Promise<void> {
	await db.insert(feeAudit).values({ schoolId: school, personId: person, action, subject, detail: detail ?? null });
}
