import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { services } from '$lib/server/services';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie, validateSessionToken } from '$lib/server/session';
import { isSecureOrigin } from '$lib/server/http';

/** Puts the signed-in person (or null) on locals; renews the cookie when the session slid. */
const session: Handle = async ({ event, resolve }) => {
	const { db, config, now } = services();
	const secure = isSecureOrigin(config.origin);
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.person = null;
	event.locals.session = null;
	if (token) {
		const result = await validateSessionToken(db, token, now());
		if (result.session) {
			setSessionCookie(event.cookies, token, result.session.expiresAt, secure);
			event.locals.person = result.person;
			event.locals.session = result.session;
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Security headers for every response. */
const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handle = sequence(headers, session);

/** Unexpected errors are logged with an id and never shown raw. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = crypto.randomUUID().slice(0, 8);
	if (status !== 404) console.error(`[app] error ${id} on ${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? 'Không tìm thấy trang.' : `Đã có lỗi xảy ra (mã ${id}). Vui lòng thử lại.` };
};
