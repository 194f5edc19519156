/** Starting and ending sessions, shared by the demo sign-in and (later) VNeID. */
import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin } from './http';
import { services } from './services';
import { createSession, deleteSessionCookie, generateSessionToken, invalidateSession, setSessionCookie } from './session';

export async function startSession(cookies: Cookies, personId: string): Promise<void> {
	const { db, config, now } = services();
	const token = generateSessionToken();
	const session = await createSession(db, token, personId, now());
	setSessionCookie(cookies, token, session.expiresAt, isSecureOrigin(config.origin));
}

export async function endSession(cookies: Cookies, sessionId: string | undefined): Promise<void> {
	const { db, config } = services();
	if (sessionId) await invalidateSession(db, sessionId);
	deleteSessionCookie(cookies, isSecureOrigin(config.origin));
}
