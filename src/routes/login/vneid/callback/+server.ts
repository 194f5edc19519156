import { redirect } from '@sveltejs/kit';
import { setProblemCookie, takeFlowCookies } from '$lib/server/auth/sign-in-cookies';
import { completeVneidSignIn } from '$lib/server/auth/vneid-sign-in';
import { isSecureOrigin } from '$lib/server/http';
import { services } from '$lib/server/services';
import { invalidateSession } from '$lib/server/session';
import { startSession } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

/**
 * The provider's redirect back. The sign-in cookies are consumed whatever happens, so a callback
 * URL works at most once; a refusal creates no session and explains itself on its own page.
 */
export const GET: RequestHandler = async ({ url, cookies, locals }) => {
	const { config, db, keys, vneid, now, sync } = services();
	const secure = isSecureOrigin(config.origin);
	const flow = takeFlowCookies(cookies, secure);
	if (!vneid) {
		setProblemCookie(cookies, { reason: 'not-configured' }, secure);
		redirect(303, '/dang-nhap/khong-thanh-cong');
	}
	const outcome = await completeVneidSignIn({ db, keys, client: vneid, now: now() }, { params: url.searchParams, ...flow });
	if (!outcome.ok) {
		setProblemCookie(cookies, { reason: outcome.refusal, maskedId: outcome.maskedId }, secure);
		redirect(303, '/dang-nhap/khong-thanh-cong');
	}
	// Signing in as someone (else) in a browser that had a session ends that session.
	if (locals.session) await invalidateSession(db, sync, locals.session.id);
	startSession(cookies, outcome.token, outcome.session);
	redirect(303, outcome.session.activeRole ? '/' : '/chon-vai-tro');
};
