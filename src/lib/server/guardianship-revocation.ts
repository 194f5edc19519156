/**
 * Revoking a guardian's link to a student (a court order, a mistaken declaration). The
 * verification desk calls this with who and why (guardianship SPEC GV3, GV6); the state change
 * and its event are one transaction. The guardian's live connections are re-decided at once, so
 * the child's view closes on their devices (sync-server SPEC R4).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { guardianships, guardianshipEvents } from '../../../drizzle/schema';
import type { SyncControl } from './services';

export interface RevocationRecord {
	actorId: string;
	reason: string;
	at: Date;
}

const REVOCABLE = ['declared', 'needs_more_info', 'school_checked', 'authority_confirmed'] as const;

/** Marks the guardianship revoked; false when there is no such guardianship still live. */
export async function revokeGuardianship(
	db: Database,
	sync: Pick<SyncControl, 'reauthorizePerson'>,
	link: { guardianId: string; studentId: string },
	record?: RevocationRecord
): Promise<boolean> {
	const revoked = await db.transaction(async (tx) => {
		const where = and(eq(guardianships.guardianId, link.guardianId), eq(guardianships.studentId, link.studentId), inArray(guardianships.state, [...REVOCABLE]));
		const [current] = await tx.select({ state: guardianships.state }).from(guardianships).where(where).for('update');
		if (!current) return false;
		await tx.update(guardianships).set({ state: 'revoked' }).where(where);
		if (record) {
			await tx.insert(guardianshipEvents).values({ ...link, fromState: current.state, toState: 'revoked', method: 'staff', reason: record.reason, actorId: record.actorId, at: record.at });
		}
		return true;
	});
	if (revoked) await sync.reauthorizePerson(link.guardianId);
	return revoked;
}
