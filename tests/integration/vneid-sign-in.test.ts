/**
 * Sign-in with VNeID through the real app server and a real OpenID provider (the simulator):
 * every refusal of issue 3 ("Tests", integration) leaves no session row and no session cookie;
 * the happy path creates exactly one. Bad ID tokens are crafted by the simulator and handed out
 * by its token endpoint inside a real code exchange (POST /test/next-id-token).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcIdentities, people, sessions } from '../../drizzle/schema';
import { hashOidcSubject } from '../../src/lib/server/personal-id';
import { recordConsent } from '../../src/lib/server/privacy/consent';
import { PEOPLE, UNREGISTERED } from '../fixtures/access-school';
import { HttpBrowser } from './helpers/http-browser';
import { CLIENT_ID, startVneidApp, type VneidApp } from './helpers/vneid-app';

const PROBLEM_PATH = '/dang-nhap/khong-thanh-cong';
const teacher = PEOPLE.mathTeacher;

let env: VneidApp;

beforeAll(async () => {
	env = await startVneidApp();
});
afterAll(() => env?.stop());

interface Started {
	browser: HttpBrowser;
	/** The provider's redirect to the app's callback (code, state, iss), not yet followed. */
	callback: URL;
	/** The authorization request the app sent the browser to (carries the nonce). */
	authorization: URL;
}

/** Runs a sign-in up to the provider's redirect back to the app, without following it. */
async function startSignIn(personalId: string, browser = new HttpBrowser()): Promise<Started> {
	const { url, hops, stopped } = await browser.navigate(`${env.origin}/login/vneid?login_hint=${personalId}`, {
		stopAt: (next) => next.origin === env.origin && next.pathname === '/login/vneid/callback'
	});
	expect(stopped, `reached the callback, last ${url.href}`).toBe(true);
	const authorization = hops.find((hop) => hop.origin === env.sim.issuer && hop.searchParams.has('nonce'));
	expect(authorization).toBeDefined();
	return { browser, callback: url, authorization: authorization! };
}

async function finish(started: Pick<Started, 'browser' | 'callback'>): Promise<Response> {
	const response = await started.browser.request(started.callback);
	await response.body?.cancel();
	return response;
}

async function mint(claims: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
	const response = await fetch(`${env.sim.issuer}/test/mint-id-token`, { method: 'POST', body: JSON.stringify({ claims, ...extra }) });
	expect(response.status).toBe(200);
	return ((await response.json()) as { idToken: string }).idToken;
}

async function nextIdToken(idToken: string | null): Promise<void> {
	const response = await fetch(`${env.sim.issuer}/test/next-id-token`, { method: 'POST', body: JSON.stringify({ idToken }) });
	expect(response.status).toBe(204);
}

function teacherClaims(nonce: string | null): Record<string, unknown> {
	return { sub: teacher.personalId, personal_id: teacher.personalId, name: teacher.fullName, birthdate: teacher.birthDate, nonce };
}

/** The refusal contract: redirected to the explanation, no session cookie, no new session row, the reason logged. */
async function expectRefused(response: Response, browser: HttpBrowser, sessionsBefore: number, reason: string, logged?: RegExp) {
	expect(response.status).toBe(303);
	expect(new URL(response.headers.get('location')!, env.origin).pathname).toBe(PROBLEM_PATH);
	expect(browser.cookies.has('sodiem_session')).toBe(false);
	expect(await env.sessionCount()).toBe(sessionsBefore);
	const page = await browser.request(`${env.origin}${PROBLEM_PATH}`);
	const html = await page.text();
	expect(html).toContain(`data-reason="${reason}"`);
	await env.app.waitForOutput(logged ?? new RegExp(`VNeID sign-in refused: ${reason}`));
	return html;
}

describe('VNeID sign-in through the real app and a real provider', () => {
	it('signs a registered teacher in: exactly one session, the cookie, /api/me, verified by VNeID', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		const callback = await finish(started);
		expect(callback.status).toBe(303);
		expect(callback.headers.get('location')).toBe('/');
		const setCookie = callback.headers.getSetCookie().find((c) => c.startsWith('sodiem_session='))!;
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(await env.sessionCount()).toBe(before + 1);
		// Only the token's SHA-256 is stored, never the token.
		const token = started.browser.cookies.get('sodiem_session')!;
		const rows = await env.db.select().from(sessions).where(eq(sessions.personId, teacher.id));
		expect(rows.map((r) => r.id)).not.toContain(token);
		expect(rows[0]?.activeRole).toBe('staff');
		expect(rows[0]?.idTokenCiphertext).not.toContain(teacher.personalId);
		// The flow cookies are spent.
		expect([...started.browser.cookies.keys()].filter((k) => k.startsWith('sodiem_vneid_'))).toEqual([]);

		const me = await started.browser.request(`${env.origin}/api/me`);
		expect(me.status).toBe(200);
		const body = (await me.json()) as { person: { id: string; name: string }; documents: unknown[] };
		expect(body.person).toEqual({ id: teacher.id, name: teacher.fullName });

		const [person] = await env.db.select().from(people).where(eq(people.id, teacher.id));
		expect(person?.verifiedBy).toBe('vneid');
		expect(person?.verifiedAt).toBeInstanceOf(Date);
		const identities = await env.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, teacher.id));
		// The simulator's `sub` is the personal ID number: only its keyed hash is stored (issue 7, item 7).
		expect(identities).toEqual([expect.objectContaining({ issuer: env.sim.issuer, subjectHash: hashOidcSubject(env.keys.idHashKey, teacher.personalId) })]);
		expect(identities[0]!.subjectHash).not.toContain(teacher.personalId);
	});

	it('shows the "not registered" page with the masked number for an unknown citizen, and creates no session', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(UNREGISTERED.personalId);
		const html = await expectRefused(await finish(started), started.browser, before, 'not-registered');
		expect(html).toContain('Số định danh của bạn chưa được trường nào đăng ký — liên hệ nhà trường');
		expect(html).toContain('0011******21');
		expect(html).not.toContain(UNREGISTERED.personalId);
	});

	it('refuses a state that does not match this browser’s sign-in', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		started.callback.searchParams.set('state', 'forged-state-value-0123456789abcdef');
		await expectRefused(await finish(started), started.browser, before, 'state-mismatch');
	});

	it('refuses a callback in a browser that never started a sign-in (login CSRF)', async () => {
		const before = await env.sessionCount();
		const victim = await startSignIn(teacher.personalId);
		const attacker = new HttpBrowser();
		await expectRefused(await finish({ browser: attacker, callback: victim.callback }), attacker, before, 'state-mismatch');
	});

	it('refuses an iss parameter naming another issuer (RFC 9207)', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		started.callback.searchParams.set('iss', 'https://evil.example');
		await expectRefused(await finish(started), started.browser, before, 'issuer-mismatch');
	});

	it('refuses a replayed authorization code, even with the original browser cookies', async () => {
		const started = await startSignIn(teacher.personalId);
		const flowCookies = new Map([...started.browser.cookies].filter(([name]) => name.startsWith('sodiem_vneid_')));
		expect((await finish(started)).headers.get('location')).toBe('/');
		const after = await env.sessionCount();
		const replay = new HttpBrowser();
		for (const [name, value] of flowCookies) replay.cookies.set(name, value);
		await expectRefused(await finish({ browser: replay, callback: started.callback }), replay, after, 'code-rejected', /code-rejected — token endpoint: invalid_grant/);
	});

	it('refuses the same callback twice in one browser (the sign-in cookies are spent)', async () => {
		const started = await startSignIn(teacher.personalId);
		expect((await finish(started)).headers.get('location')).toBe('/');
		const after = await env.sessionCount();
		const again = new HttpBrowser();
		for (const [name, value] of started.browser.cookies) if (name !== 'sodiem_session') again.cookies.set(name, value);
		await expectRefused(await finish({ browser: again, callback: started.callback }), again, after, 'state-mismatch');
	});

	it('refuses an ID token without a nonce', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		await nextIdToken(await mint(teacherClaims(null)));
		await expectRefused(await finish(started), started.browser, before, 'invalid-id-token', /invalid-id-token — nonce-missing/);
	});

	it('refuses an ID token replayed from an earlier sign-in (its nonce belongs to that one)', async () => {
		const earlier = await startSignIn(teacher.personalId);
		const earlierNonce = earlier.authorization.searchParams.get('nonce')!;
		await finish(earlier);
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		await nextIdToken(await mint(teacherClaims(earlierNonce)));
		await expectRefused(await finish(started), started.browser, before, 'invalid-id-token', /invalid-id-token — nonce-mismatch/);
	});

	const crafted: Array<[string, (nonce: string) => Promise<string>, RegExp]> = [
		['for another audience', (nonce) => mint({ ...teacherClaims(nonce), aud: 'another-client' }), /wrong-audience/],
		['from another issuer', (nonce) => mint({ ...teacherClaims(nonce), iss: 'https://evil.example' }), /wrong-issuer/],
		['that has expired', (nonce) => mint({ ...teacherClaims(nonce), iat: 1_000_000, exp: 1_000_600 }), /expired \(JWTExpired/],
		['whose payload was tampered with', (nonce) => mint(teacherClaims(nonce), { tamper: true }), /bad-signature/],
		['signed by a key that is not the provider’s', (nonce) => mint(teacherClaims(nonce), { signWithForeignKey: true }), /bad-signature/],
		['with alg: none', (nonce) => mint(teacherClaims(nonce), { alg: 'none' }), /alg-not-allowed/],
		['signed with HS256 and the client id as secret', (nonce) => hs256(nonce), /alg-not-allowed/]
	];

	it.each(crafted)('refuses an ID token %s', async (_name, craft, detail) => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		await nextIdToken(await craft(started.authorization.searchParams.get('nonce')!));
		const logged = new RegExp(`invalid-id-token — ${detail.source}`);
		await expectRefused(await finish(started), started.browser, before, 'invalid-id-token', logged);
	});

	it('fetches userinfo when the ID token lacks the personal ID, and signs in with it', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		const nonce = started.authorization.searchParams.get('nonce')!;
		await nextIdToken(await mint({ sub: teacher.personalId, nonce, personal_id: null }));
		const response = await finish(started);
		expect(response.headers.get('location')).toBe('/');
		expect(await env.sessionCount()).toBe(before + 1);
	});

	it('refuses when userinfo describes another subject than the ID token', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		const nonce = started.authorization.searchParams.get('nonce')!;
		// The token claims to be the principal (no personal_id); userinfo answers for the teacher.
		await nextIdToken(await mint({ sub: PEOPLE.principal.personalId, nonce, personal_id: null }));
		await expectRefused(await finish(started), started.browser, before, 'userinfo-failed', /userinfo sub differs/);
	});

	it('refuses a personal ID that breaks the number rules (unknown province code)', async () => {
		const before = await env.sessionCount();
		const started = await startSignIn(teacher.personalId);
		const nonce = started.authorization.searchParams.get('nonce')!;
		await nextIdToken(await mint({ ...teacherClaims(nonce), personal_id: '003190123456' }));
		await expectRefused(await finish(started), started.browser, before, 'invalid-personal-id', /invalid-personal-id — .*unknown-province/);
	});

	it('refuses when the citizen cancels at VNeID', async () => {
		const before = await env.sessionCount();
		const browser = new HttpBrowser();
		const { url: loginPage } = await browser.navigate(`${env.origin}/login/vneid`);
		expect(loginPage.pathname).toMatch(/^\/interaction\//);
		const { response } = await browser.navigate(`${loginPage.href}/abort`, { init: { method: 'POST' } });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('data-reason="cancelled"');
		expect(browser.cookies.has('sodiem_session')).toBe(false);
		expect(await env.sessionCount()).toBe(before);
	});

	it('never logs a raw personal ID number', async () => {
		const raw = [...Object.values(PEOPLE).map((p) => p.personalId), UNREGISTERED.personalId];
		const logged = env.app.output.join('\n');
		expect(logged).toContain('VNeID sign-in refused: not-registered (0011******21)');
		for (const id of raw) expect(logged).not.toContain(id);
	});
});

describe('a person who is both staff and guardian', () => {
	it('chooses a role after sign-in, can switch, and /api/me follows the active role', async () => {
		const { browser, url } = await env.signIn(PEOPLE.teacherParent.personalId);
		expect(url.pathname).toBe('/chon-vai-tro');
		const [row] = await env.db.select().from(sessions).where(and(eq(sessions.personId, PEOPLE.teacherParent.id)));
		expect(row?.activeRole).toBeNull();
		const undecided = (await (await browser.request(`${env.origin}/api/me`)).json()) as { documents: unknown[]; actingRoles: string[] };
		expect(undecided.actingRoles).toEqual(['staff', 'guardian']);
		expect(undecided.documents).toEqual([]);

		const choose = async (role: string) => {
			const response = await browser.request(`${env.origin}/chon-vai-tro`, {
				method: 'POST',
				headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ role })
			});
			expect(response.status).toBe(303);
			return (await (await browser.request(`${env.origin}/api/me`)).json()) as {
				activeRole: string;
				consentNeeded?: boolean;
				documents: Array<{ name: string }>;
				routes: Record<string, string>;
			};
		};
		const asStaff = await choose('staff');
		expect(asStaff.activeRole).toBe('staff');
		expect(asStaff.documents.map((d) => d.name)).toContain('gradebook/thcs-thu/2025-2026/hk1/6a2/toan');
		expect(asStaff.documents.map((d) => d.name)).not.toContain('student/hs-2/2025-2026');
		// Privacy PR13: before the purpose notice is accepted, no document is named.
		const beforeConsent = await choose('guardian');
		expect(beforeConsent.activeRole).toBe('guardian');
		expect(beforeConsent.consentNeeded).toBe(true);
		expect(beforeConsent.documents).toEqual([]);
		await recordConsent(env.db, PEOPLE.teacherParent.id, new Date());
		const asParent = await choose('guardian');
		expect(asParent.activeRole).toBe('guardian');
		expect(asParent.documents.map((d) => d.name)).toEqual(['student/hs-2/2025-2026']);
		expect(asParent.routes).toMatchObject({ teacher: 'none', guardian: 'read' });
	});

	it('cannot choose a role they do not hold', async () => {
		const { browser } = await env.signIn(teacher.personalId);
		const response = await browser.request(`${env.origin}/chon-vai-tro`, {
			method: 'POST',
			headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ role: 'guardian' })
		});
		expect(response.status).toBe(403);
		const me = (await (await browser.request(`${env.origin}/api/me`)).json()) as { activeRole: string };
		expect(me.activeRole).toBe('staff');
	});
});

/** An HS256 token keyed with the client id: what a confused verifier would accept as "signed". */
async function hs256(nonce: string): Promise<string> {
	const { SignJWT } = await import('jose');
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({ ...teacherClaims(nonce), iss: env.sim.issuer, aud: CLIENT_ID, iat: now, exp: now + 600 })
		.setProtectedHeader({ alg: 'HS256' })
		.sign(new TextEncoder().encode(CLIENT_ID.padEnd(32, '0')));
}
