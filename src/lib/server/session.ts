/**
 * Sessions as the Lucia guide teaches (lucia-auth.com, "Basic API"): a random token in the
 * cookie, only its SHA-256 hash in the database, 30-day expiry renewed when half used up.
 * A session also remembers the capacity the person acts in (staff or guardian).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../../../drizzle/database';
import type { ActingRole } from '../domain/access/acting-role';
import { people, sessions } from '../../../drizzle/schema';
import type { SyncControl } from './services';

type SessionSync = Pick<SyncControl, 'endSession'>;

export const SESSION_COOKIE = 'sodiem_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;

export interface Session {
	id: string;
	personId: string;
	expiresAt: Date;
	/** null until a person who is both staff and guardian has chosen. */
	activeRole: ActingRole | null;
}

export interface NewSession {
	activeRole: ActingRole | null;
	/** The provider's ID token, encrypted (it names the personal ID): the `id_token_hint` at sign-out. */
	idTokenCiphertext?: string | null;
}

export interface SessionPerson {
	id: string;
	fullName: string;
}

export type SessionValidation = { session: Session; person: SessionPerson } | { session: null; person: null };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Database, token: string, personId: string, now: Date, options: NewSession = { activeRole: null }): Promise<Session> {
	const session: Session = {
		id: sessionIdOf(token),
		personId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
		activeRole: options.activeRole
	};
	await db.insert(sessions).values({ ...session, idTokenCiphertext: options.idTokenCiphertext ?? null, createdAt: now });
	return session;
}

export async function validateSessionToken(db: Database, token: string, now: Date): Promise<SessionValidation> {
	const id = sessionIdOf(token);
	const [row] = await db
		.select({ session: sessions, person: { id: people.id, fullName: people.fullName, disabledAt: people.disabledAt } })
		.from(sessions)
		.innerJoin(people, eq(sessions.personId, people.id))
		.where(eq(sessions.id, id));
	if (!row) return { session: null, person: null };
	const { session, person } = row;
	if (now.getTime() >= session.expiresAt.getTime() || person.disabledAt !== null) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, person: null };
	}
	if (session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return {
		session: { id: session.id, personId: session.personId, expiresAt: session.expiresAt, activeRole: session.activeRole },
		person: { id: person.id, fullName: person.fullName }
	};
}

/**
 * Switches the capacity of one session (the caller checked that the person holds it). Sockets the
 * session opened in the other capacity are re-decided: a parent's view does not stay open to the
 * teacher, nor a gradebook to the parent (sync-server SPEC R4).
 */
export async function setActiveRole(db: Database, sync: Pick<SyncControl, 'reauthorizePerson'>, session: Pick<Session, 'id' | 'personId'>, role: ActingRole): Promise<void> {
	await db.update(sessions).set({ activeRole: role }).where(eq(sessions.id, session.id));
	await sync.reauthorizePerson(session.personId);
}

/** The encrypted ID token of a session, read just before the session is invalidated at sign-out. */
export async function sessionIdTokenCiphertext(db: Database, sessionId: string, personId: string): Promise<string | null> {
	const [row] = await db
		.select({ idToken: sessions.idTokenCiphertext })
		.from(sessions)
		.where(and(eq(sessions.id, sessionId), eq(sessions.personId, personId)));
	return row?.idToken ?? null;
}

/**
 * Ends a session: its row first, so no upgrade can be authorised with it any more, then the
 * sync connections its tickets opened (sync-server SPEC R5).
 */
export async function invalidateSession(db: Database, sync: SessionSync, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	sync.endSession(sessionId);
}

/** Ends every session of the person (disabled), and the sync connections each one opened. */
export async function invalidateAllSessions(db: Database, sync: SessionSync, personId: string): Promise<void> {
	const ended = await db.delete(sessions).where(eq(sessions.personId, personId)).returning({ id: sessions.id });
	for (const { id } of ended) sync.endSession(id);
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, expires: expiresAt, path: '/' });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, maxAge: 0, path: '/' });
}
