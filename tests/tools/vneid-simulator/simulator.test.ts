import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from 'arctic';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { startVneidSimulator, type Citizen, type VneidSimulator } from './simulator';
import { CookieJar, follow, request } from './http-client';

const MAI: Citizen = { personalId: '079190123456', name: 'Nguyễn Thị Mai', birthdate: '1990-03-15', gender: 'female', roles: ['Phụ huynh'] };
const HUNG: Citizen = { personalId: '001085004321', name: 'Trần Văn Hùng', birthdate: '1985-07-02', gender: 'male', roles: ['Giáo viên chủ nhiệm 8A3'] };
const CLIENT = { clientId: 'so-diem-test', clientSecret: 'test-secret-0123456789', redirectUris: ['http://127.0.0.1:5173/auth/vneid/callback'], postLogoutRedirectUris: ['http://127.0.0.1:5173/'] };
const REDIRECT = CLIENT.redirectUris[0]!;

interface Discovery { issuer: string; authorization_endpoint: string; token_endpoint: string; userinfo_endpoint: string; jwks_uri: string; end_session_endpoint: string; [key: string]: unknown }

let sim: VneidSimulator;
let disc: Discovery;
let jwks: ReturnType<typeof createRemoteJWKSet>;
const oauth = new OAuth2Client(CLIENT.clientId, CLIENT.clientSecret, REDIRECT);

beforeAll(async () => {
	sim = await startVneidSimulator({ port: 0, citizens: [MAI, HUNG], clients: [CLIENT] });
	disc = (await (await fetch(`${sim.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
	jwks = createRemoteJWKSet(new URL(disc.jwks_uri));
}, 30_000);
afterAll(() => sim?.close());

/** Starts an authorization request (arctic builds it; its OAuth2Client has no nonce, so nonce and login_hint are added by hand). */
function authorizationUrl(extra: Record<string, string> = {}) {
	const state = generateState();
	const verifier = generateCodeVerifier();
	const nonce = generateState();
	const url = oauth.createAuthorizationURLWithPKCE(disc.authorization_endpoint, state, CodeChallengeMethod.S256, verifier, ['openid', 'profile']);
	url.searchParams.set('nonce', nonce);
	for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
	return { url, state, verifier, nonce };
}

async function verifyIdToken(idToken: string, nonce?: string): Promise<JWTPayload> {
	const { payload } = await jwtVerify(idToken, jwks, { issuer: sim.issuer, audience: CLIENT.clientId, algorithms: ['RS256'] });
	if (nonce !== undefined) expect(payload.nonce).toBe(nonce);
	return payload;
}

/** Full code flow; returns the verified ID token payload and the access token. */
async function signIn(jar: CookieJar, extra: Record<string, string>) {
	const { url, state, verifier, nonce } = authorizationUrl(extra);
	const { stoppedAt } = await follow(url, jar, REDIRECT);
	expect(stoppedAt?.searchParams.get('state')).toBe(state);
	expect(stoppedAt?.searchParams.get('iss')).toBe(sim.issuer);
	const tokens = await oauth.validateAuthorizationCode(disc.token_endpoint, stoppedAt!.searchParams.get('code')!, verifier);
	return { claims: await verifyIdToken(tokens.idToken(), nonce), accessToken: tokens.accessToken(), idToken: tokens.idToken() };
}

describe('VNeID simulator', () => {
	it('publishes a discovery document', () => {
		expect(disc.issuer).toBe(sim.issuer);
		expect(sim.issuer).toBe(`http://127.0.0.1:${sim.port}`);
		expect(disc.code_challenge_methods_supported).toEqual(['S256']);
		expect(disc.id_token_signing_alg_values_supported).toEqual(['RS256']);
		expect(disc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
		expect(disc.response_types_supported).toEqual(['code']);
		expect(disc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile']));
		expect(disc.claims_supported).toEqual(expect.arrayContaining(['sub', 'personal_id', 'name', 'birthdate', 'gender', 'vneid_level']));
		expect(disc.end_session_endpoint).toBe(`${sim.issuer}/session/end`);
		expect(disc.authorization_response_iss_parameter_supported).toBe(true);
	});

	it('signs in with login_hint through code + PKCE, claims in the ID token and userinfo', async () => {
		const { claims, accessToken } = await signIn(new CookieJar(), { login_hint: MAI.personalId });
		expect(claims).toMatchObject({ sub: MAI.personalId, personal_id: MAI.personalId, name: MAI.name, birthdate: MAI.birthdate, gender: 'female', vneid_level: 2 });
		const userinfo = await (await fetch(disc.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } })).json();
		expect(userinfo).toMatchObject({ sub: MAI.personalId, personal_id: MAI.personalId, name: MAI.name, vneid_level: 2 });
	});

	it('accepts client_secret_post at the token endpoint', async () => {
		const { url, verifier } = authorizationUrl({ login_hint: HUNG.personalId });
		const { stoppedAt } = await follow(url, new CookieJar(), REDIRECT);
		const body = new URLSearchParams({ grant_type: 'authorization_code', code: stoppedAt!.searchParams.get('code')!, code_verifier: verifier, redirect_uri: REDIRECT, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret });
		const res = await fetch(disc.token_endpoint, { method: 'POST', body });
		expect(res.status).toBe(200);
		const { id_token } = (await res.json()) as { id_token: string };
		expect((await verifyIdToken(id_token)).name).toBe(HUNG.name);
	});

	it('requires PKCE', async () => {
		const url = new URL(disc.authorization_endpoint);
		url.search = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 'x', login_hint: MAI.personalId }).toString();
		const { stoppedAt } = await follow(url, new CookieJar(), REDIRECT);
		expect(stoppedAt?.searchParams.get('error')).toBe('invalid_request');
	});

	it('switches citizen when a reused cookie jar brings another login_hint', async () => {
		const jar = new CookieJar();
		expect((await signIn(jar, { login_hint: MAI.personalId })).claims.sub).toBe(MAI.personalId);
		expect((await signIn(jar, { login_hint: HUNG.personalId })).claims.sub).toBe(HUNG.personalId);
		expect((await signIn(jar, {})).claims.sub).toBe(HUNG.personalId); // SSO, no form
	});

	it('shows a Vietnamese login page with masked IDs, and signs in by button', async () => {
		const jar = new CookieJar();
		const { url, state } = authorizationUrl();
		const { response, url: pageUrl } = await follow(url, jar, REDIRECT);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<title>VNeID (mô phỏng)</title>');
		expect(html).toContain('Nguyễn Thị Mai');
		expect(html).toContain('0791******56');
		expect(html).toContain('0010******21');
		expect(html).not.toContain(MAI.personalId);
		const picked = await follow(`${pageUrl.href}/login`, jar, REDIRECT, { method: 'POST', body: new URLSearchParams({ citizen: '1' }) });
		expect(picked.stoppedAt?.searchParams.get('state')).toBe(state);
		expect(picked.stoppedAt?.searchParams.get('code')).toBeTruthy();
	});

	it('rejects a malformed typed ID on the page, and signs in an unregistered well-formed one', async () => {
		const jar = new CookieJar();
		const { url, verifier, nonce } = authorizationUrl();
		const { url: pageUrl } = await follow(url, jar, REDIRECT);
		const bad = await request(`${pageUrl.href}/login`, jar, { method: 'POST', body: new URLSearchParams({ personalId: '07919012345' }) });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Số định danh cá nhân không hợp lệ: phải gồm đúng 12 chữ số.');
		const good = await follow(`${pageUrl.href}/login`, jar, REDIRECT, { method: 'POST', body: new URLSearchParams({ personalId: '036 085 999 999' }) });
		const tokens = await oauth.validateAuthorizationCode(disc.token_endpoint, good.stoppedAt!.searchParams.get('code')!, verifier);
		const claims = await verifyIdToken(tokens.idToken(), nonce);
		expect(claims).toMatchObject({ sub: '036085999999', personal_id: '036085999999', name: 'Công dân chưa đăng ký', gender: 'male' });
		expect(claims.birthdate).toBeUndefined();
	});

	it('shows the form with an error for a malformed login_hint', async () => {
		const { url } = authorizationUrl({ login_hint: '0791-9012' });
		const { response } = await follow(url, new CookieJar(), REDIRECT);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('login_hint bị bỏ qua');
		expect(html).toContain('0791******56');
	});

	it('returns access_denied when the citizen cancels', async () => {
		const jar = new CookieJar();
		const { url } = authorizationUrl();
		const { url: pageUrl } = await follow(url, jar, REDIRECT);
		const { stoppedAt } = await follow(`${pageUrl.href}/abort`, jar, REDIRECT, { method: 'POST' });
		expect(stoppedAt?.searchParams.get('error')).toBe('access_denied');
	});

	it('supports RP-initiated logout', async () => {
		const jar = new CookieJar();
		const { idToken } = await signIn(jar, { login_hint: MAI.personalId });
		const logout = new URL(disc.end_session_endpoint);
		logout.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: CLIENT.postLogoutRedirectUris[0]!, state: 'bye' }).toString();
		const page = await request(logout, jar);
		const html = await page.text();
		expect(html).toContain('Đăng xuất khỏi VNeID (mô phỏng)?');
		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
		const done = await follow(new URL(action!, sim.issuer), jar, CLIENT.postLogoutRedirectUris[0]!, { method: 'POST', body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }) });
		expect(done.stoppedAt?.searchParams.get('state')).toBe('bye');
	});

	it('groups citizens on the login page, collapsing big groups after the first', async () => {
		const crowd: Citizen[] = Array.from({ length: 45 }, (_, i) => ({
			personalId: `0791900${String(i).padStart(5, '0')}`,
			name: `Phụ huynh ${i}`,
			birthdate: '1990-01-01',
			gender: 'female',
			roles: ['Phụ huynh'],
			group: 'Phụ huynh'
		}));
		const staff: Citizen = { ...HUNG, group: 'Cán bộ, giáo viên' };
		const grouped = await startVneidSimulator({ port: 0, citizens: [staff, ...crowd], clients: [CLIENT] });
		try {
			const groupedDisc = (await (await fetch(`${grouped.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
			const url = oauth.createAuthorizationURLWithPKCE(groupedDisc.authorization_endpoint, 's', CodeChallengeMethod.S256, generateCodeVerifier(), ['openid']);
			const { response } = await follow(url, new CookieJar(), REDIRECT);
			const html = await response.text();
			expect(html).toContain('<h3>Cán bộ, giáo viên (1)</h3>');
			expect(html).toContain('<details><summary>Phụ huynh (45)</summary>');
			expect(html).toContain('Giáo viên chủ nhiệm 8A3');
		} finally {
			await grouped.close();
		}
	});

	it('lists citizens at /citizens', async () => {
		const list = await (await fetch(`${sim.issuer}/citizens`)).json();
		expect(list).toEqual([MAI, HUNG]);
	});

	it('refuses to start with NODE_ENV=production', async () => {
		const previous = process.env.NODE_ENV;
		process.env.NODE_ENV = 'production';
		try {
			await expect(startVneidSimulator({ citizens: [MAI], clients: [CLIENT] })).rejects.toThrow(/NODE_ENV=production/);
		} finally {
			process.env.NODE_ENV = previous;
		}
	});

	describe('POST /test/mint-id-token', () => {
		async function mint(body: object): Promise<string> {
			const res = await fetch(`${sim.issuer}/test/mint-id-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			expect(res.status).toBe(200);
			return ((await res.json()) as { idToken: string }).idToken;
		}
		const claims = { sub: MAI.personalId, personal_id: MAI.personalId, name: MAI.name, nonce: 'n-1' };

		it('mints a token that verifies against the JWKS', async () => {
			expect(await verifyIdToken(await mint({ claims }), 'n-1')).toMatchObject(claims);
		});

		it.each([
			['alg none', { claims, alg: 'none' }, errors.JOSEAlgNotAllowed],
			['tampered payload', { claims, tamper: true }, errors.JWSSignatureVerificationFailed],
			['foreign key', { claims, signWithForeignKey: true }, errors.JWSSignatureVerificationFailed],
			['wrong audience', { claims: { ...claims, aud: 'someone-else' } }, errors.JWTClaimValidationFailed],
			['wrong issuer', { claims: { ...claims, iss: 'https://evil.example' } }, errors.JWTClaimValidationFailed],
			['expired', { claims: { ...claims, iat: 1_000_000, exp: 1_000_600 } }, errors.JWTExpired]
		])('mints a %s token that does not verify', async (_name, body, error) => {
			await expect(verifyIdToken(await mint(body))).rejects.toBeInstanceOf(error);
		});

		it('replaces the ID token of the next token response only (POST /test/next-id-token)', async () => {
			const crafted = await mint({ claims: { ...claims, aud: 'someone-else' } });
			const queued = await fetch(`${sim.issuer}/test/next-id-token`, { method: 'POST', body: JSON.stringify({ idToken: crafted }) });
			expect(queued.status).toBe(204);
			const jar = new CookieJar();
			const first = authorizationUrl({ login_hint: MAI.personalId });
			const { stoppedAt } = await follow(first.url, jar, REDIRECT);
			const tokens = await oauth.validateAuthorizationCode(disc.token_endpoint, stoppedAt!.searchParams.get('code')!, first.verifier);
			expect(tokens.idToken()).toBe(crafted);
			// The real flow is back for the next exchange.
			expect((await signIn(jar, { login_hint: MAI.personalId })).claims.sub).toBe(MAI.personalId);
		});

		it('rejects a malformed request', async () => {
			const res = await fetch(`${sim.issuer}/test/mint-id-token`, { method: 'POST', body: '{"claims": 1}' });
			expect(res.status).toBe(400);
		});
	});
});
