/**
 * The OpenID Connect client for VNeID: authorization code flow with PKCE (S256) through Arctic's
 * `OAuth2Client`, plus what Arctic leaves to us: the `nonce`, the RFC 9207
 * `iss` check, ID token verification and userinfo. It holds no per-user state: the `state`,
 * `nonce` and code verifier live in the browser's short-lived cookies (sign-in-cookies.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { ArcticFetchError, CodeChallengeMethod, OAuth2Client, OAuth2RequestError, generateCodeVerifier, generateState } from 'arctic';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { verifyIdToken } from './id-token';
import { discoverProvider, type ProviderMetadata } from './oidc-discovery';
import type { VneidConfig } from './vneid-config';

const METADATA_TTL_MS = 60 * 60 * 1000;

export type ProviderRefusal =
	| 'cancelled'
	| 'provider-error'
	| 'state-mismatch'
	| 'issuer-mismatch'
	| 'code-rejected'
	| 'provider-unavailable'
	| 'invalid-id-token'
	| 'userinfo-failed'
	| 'missing-claims';

/** Who the provider says signed in. `personalId` is raw claim text, validated by the caller. */
export interface ProviderIdentity {
	issuer: string;
	subject: string;
	personalId: string;
	name: string | null;
	birthdate: string | null;
}

export type ProviderOutcome =
	| { ok: true; identity: ProviderIdentity; idToken: string }
	| { ok: false; refusal: ProviderRefusal; detail: string };

export interface AuthorizationStart {
	url: URL;
	state: string;
	nonce: string;
	codeVerifier: string;
}

/** What the browser brought back: the callback's query and the values its sign-in cookies hold. */
export interface CallbackInput {
	params: URLSearchParams;
	state: string | undefined;
	nonce: string | undefined;
	codeVerifier: string | undefined;
}

export interface VneidClient {
	readonly config: VneidConfig;
	startAuthorization(options?: { loginHint?: string }): Promise<AuthorizationStart>;
	finishAuthorization(input: CallbackInput, now: Date): Promise<ProviderOutcome>;
	/** Where to send the browser to end the provider's session too (RP-initiated logout), if offered. */
	endSessionUrl(idToken: string | null): Promise<URL | null>;
}

const refuse = (refusal: ProviderRefusal, detail: string): ProviderOutcome => ({ ok: false, refusal, detail });

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export function createVneidClient(config: VneidConfig): VneidClient {
	const oauth = new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);
	let cached: { metadata: ProviderMetadata; keys: JWTVerifyGetKey; at: number } | null = null;

	/** Discovery is cached for an hour; a failure is not cached, so the next sign-in retries. */
	async function provider() {
		if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached;
		const metadata = await discoverProvider(config.issuer);
		const keys = cached?.metadata.jwksUri === metadata.jwksUri ? cached.keys : createRemoteJWKSet(new URL(metadata.jwksUri));
		cached = { metadata, keys, at: Date.now() };
		return cached;
	}

	async function startAuthorization(options: { loginHint?: string } = {}): Promise<AuthorizationStart> {
		const { metadata } = await provider();
		const state = generateState();
		const nonce = generateState();
		const codeVerifier = generateCodeVerifier();
		const url = oauth.createAuthorizationURLWithPKCE(metadata.authorizationEndpoint, state, CodeChallengeMethod.S256, codeVerifier, config.scopes);
		url.searchParams.set('nonce', nonce);
		if (options.loginHint) url.searchParams.set('login_hint', options.loginHint);
		return { url, state, nonce, codeVerifier };
	}

	async function finishAuthorization(input: CallbackInput, now: Date): Promise<ProviderOutcome> {
		const { params } = input;
		// The state check comes first: a response that is not the answer to this browser's request
		// (login CSRF, a replayed or stale callback) is refused before anything else is looked at.
		const state = params.get('state');
		if (!input.state || !input.nonce || !input.codeVerifier) return refuse('state-mismatch', 'no sign-in in progress in this browser');
		if (!state || !sameSecret(state, input.state)) return refuse('state-mismatch', 'state differs from this browser’s sign-in');
		let p: Awaited<ReturnType<typeof provider>>;
		try {
			p = await provider();
		} catch (error) {
			return refuse('provider-unavailable', error instanceof Error ? error.message : String(error));
		}
		const iss = params.get('iss');
		// RFC 9207 §2.4: compare when present; require it when the provider promised it.
		if (iss !== null ? iss !== p.metadata.issuer : p.metadata.issParameterSupported) {
			return refuse('issuer-mismatch', iss === null ? 'iss parameter missing' : 'iss parameter names another issuer');
		}
		const error = params.get('error');
		if (error) return refuse(error === 'access_denied' ? 'cancelled' : 'provider-error', `provider error ${error.slice(0, 64)}`);
		const code = params.get('code');
		if (!code) return refuse('provider-error', 'no code in the callback');

		let tokenResponse: Record<string, unknown>;
		try {
			tokenResponse = (await oauth.validateAuthorizationCode(p.metadata.tokenEndpoint, code, input.codeVerifier)).data as Record<string, unknown>;
		} catch (e) {
			if (e instanceof OAuth2RequestError) return refuse('code-rejected', `token endpoint: ${e.code}`);
			if (e instanceof ArcticFetchError) return refuse('provider-unavailable', 'token endpoint unreachable');
			return refuse('code-rejected', e instanceof Error ? e.message : String(e));
		}
		const idToken = tokenResponse.id_token;
		if (typeof idToken !== 'string') return refuse('invalid-id-token', 'no id_token in the token response');
		const accessToken = typeof tokenResponse.access_token === 'string' ? tokenResponse.access_token : null;

		const verified = await verifyIdToken(idToken, {
			keys: p.keys,
			issuer: p.metadata.issuer,
			clientId: config.clientId,
			nonce: input.nonce,
			now,
			providerAlgorithms: p.metadata.idTokenSigningAlgs
		});
		if (!verified.ok) return refuse('invalid-id-token', `${verified.problem} (${verified.detail})`);
		const subject = verified.claims.sub!;

		let claims: Record<string, unknown> = verified.claims;
		const { personalId, name, birthdate } = config.claims;
		if ([personalId, name, birthdate].some((claim) => claims[claim] === undefined) && p.metadata.userinfoEndpoint && accessToken) {
			const userinfo = await fetchUserinfo(p.metadata.userinfoEndpoint, accessToken);
			if (!userinfo.ok) return refuse('userinfo-failed', userinfo.detail);
			// OIDC Core §5.3.4: userinfo is about the ID token's subject, or it is not used at all.
			if (userinfo.claims.sub !== subject) return refuse('userinfo-failed', 'userinfo sub differs from the ID token sub');
			claims = { ...userinfo.claims, ...verified.claims };
		}
		const id = claims[personalId];
		if (typeof id !== 'string' || id === '') return refuse('missing-claims', `claim ${personalId} missing or not a string`);
		return {
			ok: true,
			idToken,
			identity: {
				issuer: p.metadata.issuer,
				subject,
				personalId: id,
				name: typeof claims[name] === 'string' ? (claims[name] as string) : null,
				birthdate: typeof claims[birthdate] === 'string' ? (claims[birthdate] as string) : null
			}
		};
	}

	async function endSessionUrl(idToken: string | null): Promise<URL | null> {
		let metadata: ProviderMetadata;
		try {
			({ metadata } = await provider());
		} catch {
			return null;
		}
		if (!metadata.endSessionEndpoint) return null;
		const url = new URL(metadata.endSessionEndpoint);
		if (idToken) url.searchParams.set('id_token_hint', idToken);
		url.searchParams.set('client_id', config.clientId);
		url.searchParams.set('post_logout_redirect_uri', config.postLogoutRedirectUri);
		return url;
	}

	return { config, startAuthorization, finishAuthorization, endSessionUrl };
}

async function fetchUserinfo(endpoint: string, accessToken: string): Promise<{ ok: true; claims: JWTPayload } | { ok: false; detail: string }> {
	try {
		const response = await fetch(endpoint, {
			headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) return { ok: false, detail: `userinfo answered HTTP ${response.status}` };
		if (!(response.headers.get('content-type') ?? '').includes('application/json')) return { ok: false, detail: 'userinfo is not JSON' };
		const body = (await response.json()) as unknown;
		if (!body || typeof body !== 'object' || typeof (body as JWTPayload).sub !== 'string') return { ok: false, detail: 'userinfo without sub' };
		return { ok: true, claims: body as JWTPayload };
	} catch (error) {
		return { ok: false, detail: `userinfo request failed: ${error instanceof Error ? error.message : String(error)}` };
	}
}
