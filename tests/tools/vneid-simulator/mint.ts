// POST /test/mint-id-token: crafts ID tokens (good or deliberately bad) for the app's security tests.
import { CompactSign, generateKeyPair, type CryptoKey } from 'jose';

export interface MintRequest {
	/** Merged over the defaults { iss, aud: first client, iat: now, exp: now + 600 }; null removes a claim. */
	claims: Record<string, unknown>;
	/** Merged over { alg, kid, typ: 'JWT' }; applied before signing, so it is covered by the signature. */
	header?: Record<string, unknown>;
	/** 'none' yields an unsigned `header.payload.` token. Default RS256. */
	alg?: 'RS256' | 'none';
	/** Sign with a throw-away RSA key instead of the provider's one (the kid still names the real key). */
	signWithForeignKey?: boolean;
	/** After signing, swap in a payload with `tampered: true` added, so the signature no longer matches. */
	tamper?: boolean;
}

export interface MintContext {
	issuer: string;
	defaultAudience: string | undefined;
	kid: string;
	privateKey: CryptoKey;
}

const encoder = new TextEncoder();
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

let foreignKey: Promise<CryptoKey> | undefined;
function getForeignKey(): Promise<CryptoKey> {
	foreignKey ??= generateKeyPair('RS256').then((pair) => pair.privateKey);
	return foreignKey;
}

export function parseMintRequest(body: unknown): MintRequest {
	if (!body || typeof body !== 'object') throw new TypeError('body must be a JSON object');
	const b = body as Record<string, unknown>;
	const isObject = (v: unknown): v is Record<string, unknown> =>
		!!v && typeof v === 'object' && !Array.isArray(v);
	if (!isObject(b.claims)) throw new TypeError('claims must be an object');
	if (b.header !== undefined && !isObject(b.header)) throw new TypeError('header must be an object');
	if (b.alg !== undefined && b.alg !== 'RS256' && b.alg !== 'none') {
		throw new TypeError("alg must be 'RS256' or 'none'");
	}
	for (const flag of ['signWithForeignKey', 'tamper'] as const) {
		if (b[flag] !== undefined && typeof b[flag] !== 'boolean') throw new TypeError(`${flag} must be a boolean`);
	}
	return {
		claims: b.claims,
		header: b.header as Record<string, unknown> | undefined,
		alg: b.alg as MintRequest['alg'],
		signWithForeignKey: b.signWithForeignKey as boolean | undefined,
		tamper: b.tamper as boolean | undefined
	};
}

export async function mintIdToken(request: MintRequest, context: MintContext): Promise<string> {
	const now = Math.floor(Date.now() / 1000);
	const merged: Record<string, unknown> = {
		iss: context.issuer,
		aud: context.defaultAudience,
		iat: now,
		exp: now + 600,
		...request.claims
	};
	const payload = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null && v !== undefined));
	const alg = request.alg ?? 'RS256';

	let token: string;
	if (alg === 'none') {
		const header = { alg: 'none', typ: 'JWT', ...request.header };
		token = `${b64url(header)}.${b64url(payload)}.`;
	} else {
		const header = { alg: 'RS256', kid: context.kid, typ: 'JWT', ...request.header };
		const key = request.signWithForeignKey ? await getForeignKey() : context.privateKey;
		// CompactSign signs any header we give it; jose refuses only an alg that contradicts the key (→ 400).
		token = await new CompactSign(encoder.encode(JSON.stringify(payload)))
			.setProtectedHeader(header as { alg: string })
			.sign(key);
	}

	if (request.tamper) {
		const [head, , signature] = token.split('.');
		token = `${head}.${b64url({ ...payload, tampered: true })}.${signature}`;
	}
	return token;
}
