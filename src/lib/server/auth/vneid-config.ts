/**
 * VNeID relying-party settings from the environment. VNeID's relying-party documentation is not
 * public (docs/domain/identity.md §4), so everything VNeID-specific — which claim carries the
 * 12-digit personal ID, the scopes — is configuration, with defaults matching the simulator.
 */
import * as v from 'valibot';

export interface VneidConfig {
	/** Exactly as the provider's discovery document spells it (OIDC Discovery §4.3). */
	issuer: string;
	clientId: string;
	/** null: a public client (PKCE only, `client_id` in the token request body). */
	clientSecret: string | null;
	redirectUri: string;
	postLogoutRedirectUri: string;
	scopes: string[];
	claims: { personalId: string; name: string; birthdate: string };
}

const claimName = (variable: string) =>
	v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, `${variable} phải là tên claim (chữ, số, _ . : -)`));

const url = (variable: string) => v.pipe(v.string(), v.url(`${variable} phải là URL`));

const Env = v.object({
	VNEID_ISSUER: v.optional(url('VNEID_ISSUER')),
	VNEID_CLIENT_ID: v.optional(v.pipe(v.string(), v.minLength(1))),
	VNEID_CLIENT_SECRET: v.optional(v.string()),
	VNEID_REDIRECT_URI: v.optional(url('VNEID_REDIRECT_URI')),
	VNEID_POST_LOGOUT_REDIRECT_URI: v.optional(url('VNEID_POST_LOGOUT_REDIRECT_URI')),
	VNEID_SCOPES: v.optional(v.string(), 'openid profile'),
	VNEID_ID_CLAIM: v.optional(claimName('VNEID_ID_CLAIM'), 'personal_id'),
	VNEID_NAME_CLAIM: v.optional(claimName('VNEID_NAME_CLAIM'), 'name'),
	VNEID_BIRTHDATE_CLAIM: v.optional(claimName('VNEID_BIRTHDATE_CLAIM'), 'birthdate')
});

/** Returns null when VNeID is not configured (no VNEID_ISSUER); throws a readable error when it is half-configured. */
export function readVneidConfig(env: Record<string, string | undefined>, app: { origin: string; production: boolean }): VneidConfig | null {
	const parsed = v.safeParse(Env, env);
	if (!parsed.success) {
		const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
		throw new Error(`Cấu hình VNeID không hợp lệ / invalid VNeID configuration:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.output;
	if (!e.VNEID_ISSUER) {
		const stray = Object.keys(env).filter((k) => /^VNEID_(CLIENT_ID|CLIENT_SECRET|REDIRECT_URI)$/.test(k) && env[k]);
		if (stray.length > 0) throw new Error(`${stray.join(', ')} được đặt nhưng thiếu VNEID_ISSUER / set without VNEID_ISSUER`);
		return null;
	}
	if (!e.VNEID_CLIENT_ID) throw new Error('Thiếu VNEID_CLIENT_ID / VNEID_CLIENT_ID is required with VNEID_ISSUER');
	if (app.production && new URL(e.VNEID_ISSUER).protocol !== 'https:') {
		throw new Error('VNEID_ISSUER phải dùng https trong môi trường production / must be https in production');
	}
	const scopes = e.VNEID_SCOPES.split(/\s+/).filter(Boolean);
	if (!scopes.includes('openid')) throw new Error('VNEID_SCOPES phải có "openid" / must include "openid"');
	return {
		issuer: e.VNEID_ISSUER,
		clientId: e.VNEID_CLIENT_ID,
		clientSecret: e.VNEID_CLIENT_SECRET ? e.VNEID_CLIENT_SECRET : null,
		redirectUri: e.VNEID_REDIRECT_URI ?? `${app.origin}/login/vneid/callback`,
		postLogoutRedirectUri: e.VNEID_POST_LOGOUT_REDIRECT_URI ?? `${app.origin}/dang-nhap`,
		scopes,
		claims: { personalId: e.VNEID_ID_CLAIM, name: e.VNEID_NAME_CLAIM, birthdate: e.VNEID_BIRTHDATE_CLAIM }
	};
}
