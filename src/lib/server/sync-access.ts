/**
 * One access decision for a document, shared by the ticket route (before minting) and the sync
 * server (at every upgrade and after every revocation, sync-server SPEC R1): the person's grants
 * in the capacity their session acts in, the document's context (term lock, a student's school),
 * and the pure policy. Indexed lookups only: a session by primary key, grants by person.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { sessions } from '../../../drizzle/schema';
import { grantsActingAs } from '../domain/access/acting-role';
import type { DocumentRef } from '../domain/access/document-ref';
import type { Grants } from '../domain/access/grants';
import { documentAccess, type AccessLevel } from '../domain/access/policy';
import { consentNeeded } from '../domain/privacy/consent';
import { CURRENT_NOTICE_VERSION } from '../domain/privacy/notice';
import { parseDocumentName } from '../ydoc/document-name';
import { documentContext } from './documents';
import { loadGrants } from './grants';
import { acceptedVersions } from './privacy/consent';

export interface DocumentDecision {
	access: AccessLevel;
	/** The term is locked: why a teacher of the gradebook only reads it. */
	locked: boolean;
}

/** What `grants` (already narrowed to the acting capacity) allow on the document `ref` names. */
export async function decideDocumentAccess(db: Database, grants: Grants, ref: DocumentRef): Promise<DocumentDecision> {
	const context = await documentContext(db, ref);
	return { access: documentAccess(grants, ref, context), locked: context.locked ?? false };
}

export interface AccessQuestion {
	personId: string;
	sessionId: string;
	document: string;
}

/**
 * What the person may do with the document now, through that session: 'none' when the session
 * ended or expired, belongs to someone else, or the person was disabled, or lost the grant — or
 * the session acts as a guardian who has not accepted the current purpose notice (privacy SPEC
 * PR14: the socket upgrade and every re-decision, not only the ticket).
 */
export async function currentDocumentAccess(db: Database, question: AccessQuestion, now: Date): Promise<AccessLevel> {
	const parsed = parseDocumentName(question.document);
	if (!parsed.ok) return 'none';
	const [session] = await db
		.select({ activeRole: sessions.activeRole })
		.from(sessions)
		.where(and(eq(sessions.id, question.sessionId), eq(sessions.personId, question.personId), gt(sessions.expiresAt, now)));
	if (!session) return 'none';
	if (session.activeRole === 'guardian' && consentNeeded('guardian', await acceptedVersions(db, question.personId), CURRENT_NOTICE_VERSION)) return 'none';
	// loadGrants marks a disabled person, and the policy grants a disabled person nothing.
	const grants = grantsActingAs(await loadGrants(db, question.personId), session.activeRole);
	return (await decideDocumentAccess(db, grants, parsed.ref)).access;
}

/** The sync server's authoriser (its `authorize` option), for the app and the standalone server alike. */
export function databaseAuthorizer(db: Database, now: () => Date = () => new Date()) {
	return (claim: { actor: { personId: string }; document: string; sessionId: string }): Promise<AccessLevel> =>
		currentDocumentAccess(db, { personId: claim.actor.personId, sessionId: claim.sessionId, document: claim.document }, now());
}
