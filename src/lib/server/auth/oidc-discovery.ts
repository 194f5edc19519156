/**
 * Provider metadata from OpenID Connect Discovery (`<issuer>/.well-known/openid-configuration`),
 * validated at the trust boundary. The metadata's `issuer` must equal the
 * configured one exactly (OIDC Discovery §4.3), or a man in the middle could swap providers.
 */
import * as v from 'valibot';

export interface ProviderMetadata {
	issuer: string;
	authorizationEndpoint: string;
	tokenEndpoint: string;
	jwksUri: string;
	userinfoEndpoint: string | null;
	endSessionEndpoint: string | null;
	/** RFC 9207: the provider promises an `iss` parameter on every authorization response. */
	issParameterSupported: boolean;
	idTokenSigningAlgs: string[];
}

const Endpoint = v.pipe(v.string(), v.url());

const Discovery = v.object({
	issuer: v.string(),
	authorization_endpoint: Endpoint,
	token_endpoint: Endpoint,
	jwks_uri: Endpoint,
	userinfo_endpoint: v.optional(Endpoint),
	end_session_endpoint: v.optional(Endpoint),
	authorization_response_iss_parameter_supported: v.optional(v.boolean(), false),
	id_token_signing_alg_values_supported: v.optional(v.array(v.string()), ['RS256']),
	code_challenge_methods_supported: v.optional(v.array(v.string()))
});

export class DiscoveryError extends Error {
	override name = 'DiscoveryError';
}

export function discoveryUrl(issuer: string): string {
	return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export async function discoverProvider(issuer: string, fetchImpl: typeof fetch = fetch): Promise<ProviderMetadata> {
	let response: Response;
	try {
		response = await fetchImpl(discoveryUrl(issuer), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
	} catch (error) {
		throw new DiscoveryError(`discovery request failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
	}
	if (!response.ok) throw new DiscoveryError(`discovery answered HTTP ${response.status}`);
	const parsed = v.safeParse(Discovery, await response.json().catch(() => null));
	if (!parsed.success) {
		throw new DiscoveryError(`discovery document invalid: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? '?'} ${i.message}`).join('; ')}`);
	}
	const d = parsed.output;
	if (d.issuer !== issuer) throw new DiscoveryError(`discovery issuer ${d.issuer} differs from the configured VNEID_ISSUER ${issuer}`);
	if (d.code_challenge_methods_supported && !d.code_challenge_methods_supported.includes('S256')) {
		throw new DiscoveryError('the provider does not support PKCE S256');
	}
	return {
		issuer: d.issuer,
		authorizationEndpoint: d.authorization_endpoint,
		tokenEndpoint: d.token_endpoint,
		jwksUri: d.jwks_uri,
		userinfoEndpoint: d.userinfo_endpoint ?? null,
		endSessionEndpoint: d.end_session_endpoint ?? null,
		issParameterSupported: d.authorization_response_iss_parameter_supported,
		idTokenSigningAlgs: d.id_token_signing_alg_values_supported
	};
}
