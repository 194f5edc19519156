/**
 * The browser-side state of a sign-in: `state`, `nonce` and the PKCE verifier in three short-lived
 * httpOnly cookies scoped to /login/vneid (SameSite=Lax, so they come back on the provider's
 * top-level redirect to the callback), and the reason a sign-in was refused, for the page that
 * explains it (masked number only).
 */
import type { Cookies } from '@sveltejs/kit';

export const FLOW_COOKIES = { state: 'sodiem_vneid_state', nonce: 'sodiem_vneid_nonce', verifier: 'sodiem_vneid_verifier' } as const;
export const PROBLEM_COOKIE = 'sodiem_signin_problem';

const FLOW_PATH = '/login/vneid';
const FLOW_MAX_AGE_SECONDS = 10 * 60;
const PROBLEM_PATH = '/dang-nhap';
const PROBLEM_MAX_AGE_SECONDS = 5 * 60;

export interface FlowValues {
	state: string;
	nonce: string;
	codeVerifier: string;
}

const options = (secure: boolean, path: string, maxAge: number) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path, maxAge });

export function setFlowCookies(cookies: Cookies, flow: FlowValues, secure: boolean): void {
	cookies.set(FLOW_COOKIES.state, flow.state, options(secure, FLOW_PATH, FLOW_MAX_AGE_SECONDS));
	cookies.set(FLOW_COOKIES.nonce, flow.nonce, options(secure, FLOW_PATH, FLOW_MAX_AGE_SECONDS));
	cookies.set(FLOW_COOKIES.verifier, flow.codeVerifier, options(secure, FLOW_PATH, FLOW_MAX_AGE_SECONDS));
}

/** Reads and clears them: a callback is answered once, whatever its outcome. */
export function takeFlowCookies(cookies: Cookies, secure: boolean): { [K in keyof FlowValues]: string | undefined } {
	const flow = {
		state: cookies.get(FLOW_COOKIES.state),
		nonce: cookies.get(FLOW_COOKIES.nonce),
		codeVerifier: cookies.get(FLOW_COOKIES.verifier)
	};
	for (const name of Object.values(FLOW_COOKIES)) cookies.delete(name, options(secure, FLOW_PATH, 0));
	return flow;
}

export interface SignInProblem {
	reason: string;
	maskedId?: string;
}

export function setProblemCookie(cookies: Cookies, problem: SignInProblem, secure: boolean): void {
	const value = Buffer.from(JSON.stringify(problem)).toString('base64url');
	cookies.set(PROBLEM_COOKIE, value, options(secure, PROBLEM_PATH, PROBLEM_MAX_AGE_SECONDS));
}

export function readProblemCookie(cookies: Cookies): SignInProblem | null {
	const value = cookies.get(PROBLEM_COOKIE);
	if (!value) return null;
	try {
		const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<SignInProblem>;
		if (typeof parsed.reason !== 'string') return null;
		const maskedId = typeof parsed.maskedId === 'string' && /^\d{4}\*{6}\d{2}$/.test(parsed.maskedId) ? parsed.maskedId : undefined;
		return { reason: parsed.reason, maskedId };
	} catch {
		return null;
	}
}
