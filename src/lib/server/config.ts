/**
 * The app's configuration, read once from the environment at the composition root and validated
 * at that edge. Every variable is listed in the README's configuration table.
 */
import * as v from 'valibot';
import type { DatabaseLocation } from '../../../drizzle/database';
import { readVneidConfig, type VneidConfig } from './auth/vneid-config';

export interface AppConfig {
	port: number;
	host: string;
	/** Public origin of the app (http://localhost:3000); the sync server only accepts this Origin. */
	origin: string;
	/** Origins whose browsers may open the sync socket: ORIGIN plus ALLOWED_ORIGINS. */
	allowedOrigins: string[];
	database: DatabaseLocation;
	dataDir: string;
	/** DEMO=1: seed the demo school, create keys in DATA_DIR (and `npm run demo` starts the VNeID simulator). */
	demo: boolean;
	production: boolean;
	/** Fan-out between several app/sync instances (Redis pub/sub); unset when running alone. */
	redisUrl?: string;
	/** Sign-in with VNeID (OpenID Connect); null when VNEID_ISSUER is not set. */
	vneid: VneidConfig | null;
}

const Env = v.object({
	PORT: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/, 'PORT phải là số cổng'), v.transform(Number)), '3000'),
	HOST: v.optional(v.string(), '127.0.0.1'),
	ORIGIN: v.optional(v.pipe(v.string(), v.url('ORIGIN phải là URL, ví dụ http://localhost:3000'))),
	ALLOWED_ORIGINS: v.optional(v.string(), ''),
	DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres://'))),
	DATA_DIR: v.optional(v.string(), './data'),
	REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'REDIS_URL phải bắt đầu bằng redis://'))),
	DEMO: v.optional(v.picklist(['0', '1', 'true', 'false', '']), ''),
	NODE_ENV: v.optional(v.string(), 'development')
});

export function readConfig(env: Record<string, string | undefined>): AppConfig {
	const parsed = v.safeParse(Env, env);
	if (!parsed.success) {
		const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
		throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.output;
	const port = e.PORT;
	const origin = e.ORIGIN ?? `http://localhost:${port}`;
	const extra = e.ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
	const production = e.NODE_ENV === 'production';
	return {
		port,
		host: e.HOST,
		origin,
		allowedOrigins: [...new Set([origin, ...extra])],
		database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
		dataDir: e.DATA_DIR,
		demo: e.DEMO === '1' || e.DEMO === 'true',
		production,
		redisUrl: e.REDIS_URL,
		vneid: readVneidConfig(env, { origin, production })
	};
}
