/** Recording and reading guardians' acceptance of the purpose notice (privacy SPEC PR1–PR3). */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { guardianConsents } from '../../../../drizzle/schema';
import { CURRENT_NOTICE_VERSION } from '../../domain/privacy/notice';

export async function acceptedVersions(db: Database, personId: string): Promise<string[]> {
	const rows = await db.select({ version: guardianConsents.version }).from(guardianConsents).where(eq(guardianConsents.personId, personId));
	return rows.map((r) => r.version);
}

/** Records acceptance of `version` (the current one unless told); accepting twice keeps the first time. */
export async function recordConsent(db: Database, personId: string, at: Date, version: string = CURRENT_NOTICE_VERSION): Promise<void> {
	await db.insert(guardianConsents).values({ personId, version, acceptedAt: at }).onConflictDoNothing();
}

export async function consentRecordsOf(db: Database, personId: string): Promise<Array<{ version: string; acceptedAt: Date }>> {
	return db.select({ version: guardianConsents.version, acceptedAt: guardianConsents.acceptedAt }).from(guardianConsents).where(eq(guardianConsents.personId, personId)).orderBy(guardianConsents.acceptedAt);
}
