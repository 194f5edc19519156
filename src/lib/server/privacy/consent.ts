/** Recording and reading guardians' acceptance of the purpose notice (privacy SPEC PR1–PR3, PR15). */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { guardianConsents, guardianConsentWithdrawals } from '../../../../drizzle/schema';
import { CURRENT_NOTICE_VERSION } from '../../domain/privacy/notice';

/** The notice versions the person has accepted and not withdrawn. */
export async function acceptedVersions(db: Database, personId: string): Promise<string[]> {
	const rows = await db
		.select({ version: guardianConsents.version })
		.from(guardianConsents)
		.where(and(eq(guardianConsents.personId, personId), isNull(guardianConsents.withdrawnAt)));
	return rows.map((r) => r.version);
}

/**
 * Records acceptance of `version` (the current one unless told); accepting twice keeps the first
 * time. Accepting again after a withdrawal (PR15) records the new time.
 */
export async function recordConsent(db: Database, personId: string, at: Date, version: string = CURRENT_NOTICE_VERSION): Promise<void> {
	await db
		.insert(guardianConsents)
		.values({ personId, version, acceptedAt: at })
		.onConflictDoUpdate({
			target: [guardianConsents.personId, guardianConsents.version],
			set: { acceptedAt: sql`excluded.accepted_at`, withdrawnAt: null },
			setWhere: isNotNull(guardianConsents.withdrawnAt)
		});
}

/**
 * PR15: the guardian withdraws consent. Every acceptance still standing is marked withdrawn and
 * copied into the withdrawal history, in one transaction. Returns how many acceptances it ended
 * (0: nothing to withdraw). The caller closes the guardian's live connections.
 */
export async function withdrawConsent(db: Database, personId: string, at: Date): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await tx
			.update(guardianConsents)
			.set({ withdrawnAt: at })
			.where(and(eq(guardianConsents.personId, personId), isNull(guardianConsents.withdrawnAt)))
			.returning({ version: guardianConsents.version, acceptedAt: guardianConsents.acceptedAt });
		if (ended.length > 0) await tx.insert(guardianConsentWithdrawals).values(ended.map((e) => ({ personId, version: e.version, acceptedAt: e.acceptedAt, withdrawnAt: at })));
		return ended.length;
	});
}

export async function consentRecordsOf(db: Database, personId: string): Promise<Array<{ version: string; acceptedAt: Date; withdrawnAt: Date | null }>> {
	return db
		.select({ version: guardianConsents.version, acceptedAt: guardianConsents.acceptedAt, withdrawnAt: guardianConsents.withdrawnAt })
		.from(guardianConsents)
		.where(eq(guardianConsents.personId, personId))
		.orderBy(guardianConsents.acceptedAt);
}
