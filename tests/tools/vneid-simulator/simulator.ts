// VNeID simulator: a real OpenID Provider (oidc-provider 9) for tests and the demo. NEVER for production.
//
// The real VNeID relying-party interface is not public, so this speaks plain OpenID Connect:
// authorization code + PKCE (S256 only), RS256 ID tokens, userinfo, RP-initiated logout.
// Claims (see README.md): sub = personal_id = 12-digit personal ID, name, birthdate, gender, vneid_level.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { OidcContext } from 'oidc-provider';
import { claimsFor, isPersonalId, normalizePersonalId, SCOPE_CLAIMS, validateCitizens, type Citizen } from './citizens';
import { readBody, sendHtml, sendJson } from './http-util';
import { createInteractionHandler, type InteractionAction } from './interactions';
import { mintIdToken, parseMintRequest, type MintContext } from './mint';
import { errorPage, loggedOutPage, logoutPage } from './views';

export type { Citizen } from './citizens';
export { maskPersonalId, UNREGISTERED_NAME, VNEID_LEVEL } from './citizens';

export interface SimulatorClient {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	postLogoutRedirectUris?: string[];
}

export interface VneidSimulatorOptions {
	/** 0 = random free port. Default 0. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	citizens: Citizen[];
	clients: SimulatorClient[];
	/** Default `http://<host>:<port>`. Must be an origin (no path). */
	issuer?: string;
}

export interface VneidSimulator {
	issuer: string;
	port: number;
	close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type KoaLikeContext = { type: string; body: unknown };

function validateClients(clients: unknown): SimulatorClient[] {
	if (!Array.isArray(clients) || clients.length === 0) {
		throw new Error('VNeID simulator: clients must be a non-empty array');
	}
	const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
	return clients.map((raw, i) => {
		const c = raw as Partial<SimulatorClient> | null;
		const where = `VNeID simulator: clients[${i}]`;
		if (!c || typeof c.clientId !== 'string' || !c.clientId) throw new Error(`${where}.clientId is required`);
		if (typeof c.clientSecret !== 'string' || !c.clientSecret) throw new Error(`${where}.clientSecret is required`);
		if (!isStrings(c.redirectUris) || !c.redirectUris.length) throw new Error(`${where}.redirectUris is required`);
		if (c.postLogoutRedirectUris !== undefined && !isStrings(c.postLogoutRedirectUris)) {
			throw new Error(`${where}.postLogoutRedirectUris must be an array of strings`);
		}
		return c as SimulatorClient;
	});
}

/** oidc-provider prints an "Unsupported runtime" warning on Node 20 and an in-memory adapter warning. */
async function withoutKnownWarnings<T>(fn: () => Promise<T> | T): Promise<T> {
	const warn = console.warn;
	const known = ['Unsupported runtime', 'in-memory adapter'];
	console.warn = (...args: unknown[]) => {
		if (typeof args[0] === 'string' && known.some((k) => String(args[0]).includes(k))) return;
		warn(...args);
	};
	try {
		return await fn();
	} finally {
		console.warn = warn;
	}
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function defaultIssuer(host: string, port: number): string {
	const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
	return `http://${h}:${port}`;
}

export async function startVneidSimulator(opts: VneidSimulatorOptions): Promise<VneidSimulator> {
	if (process.env.NODE_ENV === 'production') {
		throw new Error(
			'VNeID simulator refuses to start with NODE_ENV=production: it is a test tool that signs in ' +
				'anyone and mints arbitrary ID tokens. Use the real VNeID provider in production.'
		);
	}
	const citizens = validateCitizens(opts.citizens);
	const clients = validateClients(opts.clients);
	const byId = new Map(citizens.map((c) => [c.personalId, c]));
	const { Provider, interactionPolicy } = await withoutKnownWarnings(() => import('oidc-provider'));

	const { privateKey } = await generateKeyPair('RS256', { extractable: true });
	const jwk = await exportJWK(privateKey);
	const kid = await calculateJwkThumbprint(jwk);

	let handler: Handler = async (_req, res) => void res.writeHead(503).end();
	const server = createServer((req, res) => void handler(req, res));
	const host = opts.host ?? '127.0.0.1';
	const port = await listen(server, opts.port ?? 0, host);
	const issuer = opts.issuer ?? defaultIssuer(host, port);

	try {
		if (new URL(issuer).pathname !== '/') throw new Error('VNeID simulator: issuer must not have a path');

		const policy = interactionPolicy.base();
		policy.get('login')?.checks.add(
			new interactionPolicy.Check(
				'login_hint_other_citizen',
				'login_hint names another citizen than the one signed in',
				(ctx: OidcContext) => {
					const hint = ctx.oidc.params.login_hint;
					if (typeof hint !== 'string') return false;
					const personalId = normalizePersonalId(hint);
					const current = ctx.oidc.session.accountId;
					return isPersonalId(personalId) && current !== undefined && current !== personalId;
				}
			)
		);

		const provider = await withoutKnownWarnings(
			() =>
				new Provider(issuer, {
					clients: clients.map((c) => ({
						client_id: c.clientId,
						client_secret: c.clientSecret,
						redirect_uris: c.redirectUris,
						post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
						grant_types: ['authorization_code'],
						response_types: ['code'],
						token_endpoint_auth_method: 'client_secret_basic'
					})),
					clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
					jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
					enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
					cookies: { keys: [randomBytes(32).toString('base64url')] },
					responseTypes: ['code'],
					scopes: ['openid', 'profile'],
					claims: { openid: [...SCOPE_CLAIMS.openid], profile: [...SCOPE_CLAIMS.profile] },
					// oidc-provider conforms ID tokens to the spec by default: profile claims would only be in userinfo.
					conformIdTokenClaims: false,
					pkce: { required: () => true },
					features: {
						devInteractions: { enabled: false },
						resourceIndicators: { enabled: false },
						userinfo: { enabled: true },
						rpInitiatedLogout: {
							enabled: true,
							logoutSource: (ctx: KoaLikeContext, form: string) => void (ctx.body = logoutPage(form)),
							postLogoutSuccessSource: (ctx: KoaLikeContext) => void (ctx.body = loggedOutPage())
						}
					},
					interactions: {
						policy,
						url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`
					},
					findAccount: (_ctx: unknown, sub: string) => {
						if (!isPersonalId(sub)) return undefined;
						const claims = claimsFor(sub, byId.get(sub));
						return { accountId: sub, claims: () => claims };
					},
					renderError: (ctx: KoaLikeContext, out: Record<string, unknown>) => {
						ctx.type = 'html';
						ctx.body = errorPage('Đã xảy ra lỗi', out);
					},
					ttl: {
						AccessToken: 3600,
						AuthorizationCode: 120,
						IdToken: 3600,
						Interaction: 3600,
						Session: 14 * 24 * 3600,
						Grant: 14 * 24 * 3600
					}
				})
		);
		provider.on('server_error', (_ctx, error) => console.error('VNeID simulator server_error:', error));

		// Test-only: the next successful token response carries this ID token instead of the real one,
		// so an app's checks can be exercised inside a real code exchange (POST /test/next-id-token).
		let nextIdToken: string | null = null;
		provider.use(async (ctx, next) => {
			await next();
			const body = ctx.body as Record<string, unknown> | null;
			if (nextIdToken !== null && ctx.oidc?.route === 'token' && ctx.status === 200 && body && typeof body.id_token === 'string') {
				ctx.body = { ...body, id_token: nextIdToken };
				nextIdToken = null;
			}
		});

		const mintContext: MintContext = { issuer, defaultAudience: clients[0]?.clientId, kid, privateKey };
		const handleInteraction = createInteractionHandler(provider, citizens);
		const oidc = provider.callback();

		handler = async (req, res) => {
			const path = new URL(req.url ?? '/', issuer).pathname;
			const interaction = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(path);
			try {
				if (req.method === 'GET' && path === '/citizens') {
					sendJson(res, 200, citizens);
				} else if (req.method === 'POST' && path === '/test/mint-id-token') {
					await handleMint(req, res, mintContext);
				} else if (req.method === 'POST' && path === '/test/next-id-token') {
					const body = JSON.parse(await readBody(req)) as { idToken?: unknown };
					if (body.idToken !== null && typeof body.idToken !== 'string') {
						sendJson(res, 400, { error: 'invalid_request', error_description: 'idToken must be a string or null' });
					} else {
						nextIdToken = body.idToken;
						res.writeHead(204).end();
					}
				} else if (interaction?.[1]) {
					await handleInteraction(req, res, decodeURIComponent(interaction[1]), interaction[2] as InteractionAction);
				} else {
					await oidc(req, res);
				}
			} catch (error) {
				console.error('VNeID simulator error:', error);
				if (!res.headersSent) sendHtml(res, 500, errorPage('Lỗi máy chủ', { error: 'server_error' }));
				else res.end();
			}
		};
	} catch (error) {
		await new Promise((resolve) => server.close(resolve));
		throw error;
	}

	let closing: Promise<void> | undefined;
	return {
		issuer,
		port,
		close() {
			closing ??= new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			return closing;
		}
	};
}

async function handleMint(req: IncomingMessage, res: ServerResponse, context: MintContext): Promise<void> {
	try {
		const request = parseMintRequest(JSON.parse(await readBody(req)));
		sendJson(res, 200, { idToken: await mintIdToken(request, context) });
	} catch (error) {
		sendJson(res, 400, { error: 'invalid_request', error_description: error instanceof Error ? error.message : String(error) });
	}
}
