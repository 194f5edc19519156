import { json, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { consentGate, consentNeeded } from '$lib/domain/privacy/consent';
import { CURRENT_NOTICE_VERSION } from '$lib/domain/privacy/notice';
import { acceptedVersions } from '$lib/server/privacy/consent';
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

/**
 * Privacy SPEC PR3: a session acting as a guardian that has not accepted the current purpose notice
 * is sent to /dong-y from guardian pages and refused by every API (sync tickets included).
 */
const consent: Handle = async ({ event, resolve }) => {
	const gate = consentGate(event.url.pathname);
	const session = event.locals.session;
	if (gate === 'open' || !event.locals.person || session?.activeRole !== 'guardian') return resolve(event);
	const accepted = await acceptedVersions(services().db, event.locals.person.id);
	if (!consentNeeded(session.activeRole, accepted, CURRENT_NOTICE_VERSION)) return resolve(event);
	if (gate === 'redirect') redirect(303, '/dong-y');
	return json(
		{ message: 'Phụ huynh cần đọc và đồng ý với thông báo xử lý dữ liệu cá nhân (trang /dong-y) trước khi xem dữ liệu của con.' },
		{ status: 403, headers: { 'cache-control': 'no-store' } }
	);
};

export const handle = sequence(headers, session, consent);

/** Unexpected errors are logged with an id and never shown raw. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = crypto.randomUUID().slice(0, 8);
	if (status !== 404) console.error(`[app] error ${id} on ${event.request.method} ${event.url.pathname}:`, error);
	return { message: status === 404 ? 'Không tìm thấy trang.' : `Đã có lỗi xảy ra (mã ${id}). Vui lòng thử lại.` };
};
