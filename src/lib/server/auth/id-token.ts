/**
 * ID token verification with `jose` (OIDC Core §3.1.3.7): signature against the provider's JWKS
 * with an allow-list of asymmetric algorithms (never `none`, never HMAC with the client secret),
 * then issuer, audience (and `azp` when there are several), expiry, and the nonce this browser's
 * sign-in was started with.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Asymmetric signatures only; `none` and HS* are refused whatever the provider advertises. */
export const ALLOWED_ID_TOKEN_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

/** Clock skew tolerated between us and the provider. */
const CLOCK_TOLERANCE_SECONDS = 60;

export type IdTokenProblem =
	| 'alg-not-allowed'
	| 'bad-signature'
	| 'wrong-issuer'
	| 'wrong-audience'
	| 'expired'
	| 'nonce-missing'
	| 'nonce-mismatch'
	| 'claims-invalid'
	| 'malformed';

export type IdTokenVerification = { ok: true; claims: JWTPayload } | { ok: false; problem: IdTokenProblem; detail: string };

export interface IdTokenExpectations {
	keys: JWTVerifyGetKey;
	issuer: string;
	clientId: string;
	/** The nonce stored in this browser's sign-in cookie. */
	nonce: string;
	now: Date;
	/** The provider's advertised algorithms; intersected with the allow-list. */
	providerAlgorithms?: readonly string[];
}

export async function verifyIdToken(token: string, expected: IdTokenExpectations): Promise<IdTokenVerification> {
	const algorithms = ALLOWED_ID_TOKEN_ALGORITHMS.filter((alg) => !expected.providerAlgorithms || expected.providerAlgorithms.includes(alg));
	let claims: JWTPayload;
	try {
		({ payload: claims } = await jwtVerify(token, expected.keys, {
			issuer: expected.issuer,
			audience: expected.clientId,
			algorithms: algorithms.length > 0 ? algorithms : [...ALLOWED_ID_TOKEN_ALGORITHMS],
			currentDate: expected.now,
			clockTolerance: CLOCK_TOLERANCE_SECONDS,
			requiredClaims: ['sub', 'iat', 'exp']
		}));
	} catch (error) {
		return { ok: false, ...classify(error) };
	}
	if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== expected.clientId) {
		return { ok: false, problem: 'wrong-audience', detail: 'several audiences and azp is not this client' };
	}
	if (typeof claims.nonce !== 'string' || claims.nonce === '') return { ok: false, problem: 'nonce-missing', detail: 'no nonce claim' };
	if (claims.nonce !== expected.nonce) return { ok: false, problem: 'nonce-mismatch', detail: 'nonce differs from this sign-in' };
	return { ok: true, claims };
}

function classify(error: unknown): { problem: IdTokenProblem; detail: string } {
	const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return { problem: 'alg-not-allowed', detail };
	if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return { problem: 'bad-signature', detail };
	if (error instanceof errors.JWTExpired) return { problem: 'expired', detail };
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'iss') return { problem: 'wrong-issuer', detail };
		if (error.claim === 'aud') return { problem: 'wrong-audience', detail };
		return { problem: 'claims-invalid', detail };
	}
	return { problem: 'malformed', detail };
}
