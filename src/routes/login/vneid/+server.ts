import { redirect } from '@sveltejs/kit';
import { setFlowCookies, setProblemCookie } from '$lib/server/auth/sign-in-cookies';
import { isSecureOrigin } from '$lib/server/http';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Only what a person may ask the provider for: whom to sign in (a personal ID) and a fresh login. */
const LOGIN_HINT = /^[0-9 .]{1,32}$/;
const PROMPTS = new Set(['login', 'select_account']);

const isLoopback = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/**
 * Starts a VNeID sign-in: `state`, `nonce` and the PKCE verifier go into short-lived cookies and the
 * browser goes to the provider. `?login_hint=<personal ID>` is forwarded, so scripts and tests sign
 * in by following redirects from `/login/vneid?login_hint=…`.
 */
export const GET: RequestHandler = async ({ url, cookies, request }) => {
	const { config, vneid } = services();
	const secure = isSecureOrigin(config.origin);
	if (!vneid) {
		setProblemCookie(cookies, { reason: 'not-configured' }, secure);
		redirect(303, '/dang-nhap/khong-thanh-cong');
	}
	// The cookies must be set on the host the provider will redirect back to (ORIGIN). Locally the
	// same server answers as localhost and 127.0.0.1: move to ORIGIN's name first. (Only between
	// loopback names: a proxy that rewrites Host must not cause a redirect loop.)
	const host = request.headers.get('host');
	const origin = new URL(config.origin);
	if (host && host !== origin.host && isLoopback(host) && isLoopback(origin.host)) redirect(302, `${config.origin}${url.pathname}${url.search}`);
	const hint = url.searchParams.get('login_hint');
	const prompt = url.searchParams.get('prompt');
	let start;
	try {
		start = await vneid.startAuthorization({ loginHint: hint && LOGIN_HINT.test(hint) ? hint : undefined });
	} catch (error) {
		console.warn(`[auth] VNeID sign-in refused: provider-unavailable — ${error instanceof Error ? error.message : String(error)}`);
		setProblemCookie(cookies, { reason: 'provider-unavailable' }, secure);
		redirect(303, '/dang-nhap/khong-thanh-cong');
	}
	if (prompt && PROMPTS.has(prompt)) start.url.searchParams.set('prompt', prompt);
	setFlowCookies(cookies, start, secure);
	redirect(302, start.url.href);
};
