/**
 * Sessions (issue 3, "Tests"): expiry, sliding renewal, logout (here and at VNeID), a stolen cookie
 * after logout, and a disabled person — all against the real app server, its database and the
 * VNeID simulator. Time is moved by editing the session row, never by mocking the clock.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { people, sessions } from '../../drizzle/schema';
import { DOCUMENTS, PEOPLE } from '../fixtures/access-school';
import { HttpBrowser } from './helpers/http-browser';
import { connectClient, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

const DAY_MS = 24 * 60 * 60 * 1000;
const teacher = PEOPLE.literatureTeacher;

let env: VneidApp;
const clients: SyncClient[] = [];

beforeAll(async () => {
	env = await startVneidApp();
});
afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => env?.stop());

async function signedIn(personalId: string): Promise<HttpBrowser> {
	const { browser, url } = await env.signIn(personalId);
	expect(url.pathname).toBe('/');
	expect(browser.cookies.has('sodiem_session')).toBe(true);
	return browser;
}

/** The session id the Lucia way: SHA-256 of the cookie token, hex. */
const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

const sessionRows = (personId: string) => env.db.select().from(sessions).where(eq(sessions.personId, personId));

function cookieOf(response: Response): string | undefined {
	return response.headers.getSetCookie().find((c) => c.startsWith('sodiem_session='));
}

async function me(browser: HttpBrowser): Promise<Response> {
	return browser.request(`${env.origin}/api/me`);
}

async function postForm(browser: HttpBrowser, path: string, fields: Record<string, string> = {}): Promise<Response> {
	return browser.request(`${env.origin}${path}`, {
		method: 'POST',
		headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
}

describe('sessions', () => {
	it('an expired session is refused, deleted, and its cookie cleared', async () => {
		const browser = await signedIn(teacher.personalId);
		const [row] = await sessionRows(teacher.id);
		await env.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.id, row!.id));
		const response = await me(browser);
		expect(response.status).toBe(401);
		expect(cookieOf(response)).toMatch(/^sodiem_session=;.*Max-Age=0/);
		expect(await env.db.select().from(sessions).where(eq(sessions.id, row!.id))).toEqual([]);
	});

	it('slides: a session with less than 15 days left is renewed to 30 days, row and cookie', async () => {
		const browser = await signedIn(teacher.personalId);
		const [row] = await sessionRows(teacher.id);
		await env.db.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * DAY_MS) }).where(eq(sessions.id, row!.id));
		const response = await me(browser);
		expect(response.status).toBe(200);
		const [renewed] = await env.db.select().from(sessions).where(eq(sessions.id, row!.id));
		expect(renewed!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
		const expires = /Expires=([^;]+)/i.exec(cookieOf(response) ?? '')?.[1];
		expect(Date.parse(expires!)).toBeGreaterThan(Date.now() + 29 * DAY_MS);
	});

	it('does not renew a session with more than 15 days left', async () => {
		const browser = await signedIn(teacher.personalId);
		const [row] = await sessionRows(teacher.id);
		const twentyDays = new Date(Date.now() + 20 * DAY_MS);
		await env.db.update(sessions).set({ expiresAt: twentyDays }).where(eq(sessions.id, row!.id));
		expect((await me(browser)).status).toBe(200);
		const [after] = await env.db.select().from(sessions).where(eq(sessions.id, row!.id));
		expect(after!.expiresAt.getTime()).toBe(twentyDays.getTime());
	});

	it('sign-out invalidates the session, clears the cookie and ends the VNeID session too', async () => {
		const browser = await signedIn(teacher.personalId);
		const token = browser.cookies.get('sodiem_session')!;
		const before = (await sessionRows(teacher.id)).length;
		const response = await postForm(browser, '/dang-xuat');
		expect(response.status).toBe(303);
		expect(cookieOf(response)).toMatch(/^sodiem_session=;.*Max-Age=0/);
		expect((await sessionRows(teacher.id)).length).toBe(before - 1);
		expect(browser.cookies.has('sodiem_session')).toBe(false);

		// RP-initiated logout: to the provider's end_session_endpoint with the ID token as hint.
		const logout = new URL(response.headers.get('location')!);
		expect(`${logout.origin}${logout.pathname}`).toBe(`${env.sim.issuer}/session/end`);
		expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${env.origin}/dang-nhap`);
		expect(decodeJwt(logout.searchParams.get('id_token_hint')!).sub).toBe(teacher.personalId);
		const confirm = await browser.request(logout);
		const html = await confirm.text();
		const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
		const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
		const done = await browser.navigate(new URL(action, env.sim.issuer), {
			init: { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }) },
			stopAt: (url) => url.origin === env.origin
		});
		expect(done.url.href).toBe(`${env.origin}/dang-nhap`);
		// The VNeID session is gone: a new sign-in without a hint shows the provider's page again.
		const again = await browser.navigate(`${env.origin}/login/vneid`);
		expect(again.url.origin).toBe(env.sim.issuer);
		expect(again.url.pathname).toMatch(/^\/interaction\//);

		// A cookie stolen before the sign-out is worthless after it.
		const thief = new HttpBrowser();
		thief.cookies.set('sodiem_session', token);
		expect((await me(thief)).status).toBe(401);
		const home = await thief.request(`${env.origin}/`);
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe('/dang-nhap');
		expect(await env.db.select().from(sessions).where(eq(sessions.id, sessionIdOf(token)))).toEqual([]);
	});
});

describe('disabling a person', () => {
	async function syncTicket(browser: HttpBrowser, document: string) {
		const response = await browser.request(`${env.origin}/api/sync-ticket`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ document })
		});
		return { status: response.status, body: (await response.json()) as { ticket: string; access: string } };
	}

	it('ends every session, closes live sync connections at once, and refuses sign-in until re-enabled', async () => {
		const victim = PEOPLE.mathTeacher;
		const laptop = await signedIn(victim.personalId);
		const phone = await signedIn(victim.personalId);
		expect((await sessionRows(victim.id)).length).toBeGreaterThanOrEqual(2);
		const { status, body } = await syncTicket(laptop, DOCUMENTS.mathGradebook);
		expect(status).toBe(200);
		const live = connectClient(`${env.origin.replace('http', 'ws')}/sync`, DOCUMENTS.mathGradebook, body.ticket);
		clients.push(live);
		await whenSynced(live);
		expect(live.accessMessages).toEqual(['write']);

		const principal = await signedIn(PEOPLE.principal.personalId);
		const disabled = await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: victim.id });
		expect(disabled.status).toBe(200);
		expect(await disabled.text()).toContain('Đã vô hiệu hóa');

		await waitUntil(() => live.closeCodes.includes(4403), 'the live connection closes with forbidden');
		expect(await sessionRows(victim.id)).toEqual([]);
		expect((await me(laptop)).status).toBe(401);
		expect((await me(phone)).status).toBe(401);

		const refused = await env.signIn(victim.personalId);
		expect(refused.url.pathname).toBe('/dang-nhap/khong-thanh-cong');
		expect(await refused.response.text()).toContain('data-reason="disabled"');
		expect(refused.browser.cookies.has('sodiem_session')).toBe(false);

		const enabled = await postForm(principal, '/quan-ly/nhan-su?/kich-hoat', { personId: victim.id });
		expect(enabled.status).toBe(200);
		await signedIn(victim.personalId);
	});

	it('only a principal or vice-principal of the school may disable someone', async () => {
		const colleague = await signedIn(PEOPLE.homeroomTeacher.personalId);
		const attempt = await postForm(colleague, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: PEOPLE.mathTeacher.id });
		expect(attempt.status).toBe(403);
		const [target] = await env.db.select().from(people).where(eq(people.id, PEOPLE.mathTeacher.id));
		expect(target?.disabledAt).toBeNull();
		const page = await colleague.request(`${env.origin}/quan-ly/nhan-su`);
		expect(page.status).toBe(403);
	});
});
