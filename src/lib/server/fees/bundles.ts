/**
 * A guardian's bundle (server SPEC FA23): one reference, one VietQR code, paying every open due of
 * a child at once. The reference is derived from the school and the set of dues, so the same set
 * always gives the same bundle; a new month makes a new bundle, and the older one keeps paying
 * the dues it named (FE29: a due may be in several bundles).
 */
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { paymentReference } from '../../domain/fees/reference';
import { audit } from './audit';

export function bundleReference(school: string, dueIds: readonly number[]): string {
	return paymentReference(`bundle|${school}|${[...dueIds].sort((a, b) => a - b).join(',')}`);
}

/** The bundle of these dues, made (and audited as the guardian's) the first time it is asked for. */
export async function ensureBundle(db: Database, school: string, person: string, dueIds: readonly number[]): Promise<string> {
	const reference = bundleReference(school, dueIds);
	await db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const made = await tx.insert(t.feeBundles).values({ schoolId: school, reference, createdBy: person }).onConflictDoNothing().returning();
		if (made.length === 0) return;
		await tx.insert(t.feeBundleDues).values(dueIds.map((dueId) => ({ schoolId: school, reference, dueId })));
		await audit(tx, school, person, 'bundle.create', reference, { dueIds });
	});
	return reference;
}
