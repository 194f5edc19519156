/**
 * Revoking a guardian's link to a student (a court order, a mistaken declaration). There is no
 * page for it yet: the guardians' screens call this. The guardian's live connections are
 * re-decided at once, so the child's view closes on their devices (sync-server SPEC R4).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { guardianships } from '../../../drizzle/schema';
import type { SyncControl } from './services';

/** Marks the guardianship revoked; false when there is no such guardianship. */
export async function revokeGuardianship(
	db: Database,
	sync: Pick<SyncControl, 'reauthorizePerson'>,
	link: { guardianId: string; studentId: string }
): Promise<boolean> {
	const revoked = await db
		.update(guardianships)
		.set({ state: 'revoked' })
		.where(and(eq(guardianships.guardianId, link.guardianId), eq(guardianships.studentId, link.studentId)))
		.returning({ guardianId: guardianships.guardianId });
	if (revoked.length === 0) return false;
	await sync.reauthorizePerson(link.guardianId);
	return true;
}
