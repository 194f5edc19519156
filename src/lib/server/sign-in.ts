/** Starting and ending sessions in the browser: the session cookie, and sign-out at the provider too. */
import type { Cookies } from '@sveltejs/kit';
import { isSecureOrigin } from './http';
import { decryptSensitiveText } from './personal-id';
import { services } from './services';
import { deleteSessionCookie, invalidateSession, sessionIdTokenCiphertext, setSessionCookie, type Session } from './session';

export function startSession(cookies: Cookies, token: string, session: Session): void {
	setSessionCookie(cookies, token, session.expiresAt, isSecureOrigin(services().config.origin));
}

/**
 * Invalidates the session and clears the cookie. Returns where to send the browser to end the
 * VNeID session as well (RP-initiated logout), when the provider offers it.
 */
export async function endSession(cookies: Cookies, session: Session | null): Promise<URL | null> {
	const { db, config, keys, vneid, sync } = services();
	let idToken: string | null = null;
	if (session) {
		const sealed = await sessionIdTokenCiphertext(db, session.id, session.personId);
		if (sealed) {
			try {
				idToken = decryptSensitiveText(keys.idEncryptionKey, sealed);
			} catch {
				// Sealed under a rotated key: sign out without the hint.
			}
		}
		await invalidateSession(db, sync, session.id);
	}
	deleteSessionCookie(cookies, isSecureOrigin(config.origin));
	return session && vneid ? vneid.endSessionUrl(idToken) : null;
}
