/**
 * Every environment variable of both hosts — the app (`npm start`, scripts/compose.ts) and the
 * standalone sync server (`npm run sync-server`, sync-server/main.ts) — read once at the
 * composition root and validated here with one set of rules and one error format (sync-server
 * SPEC C2). Every variable is listed in the README's configuration table.
 */
import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import * as v from 'valibot';
import type { DatabaseLocation } from '../../../drizzle/database';
import { readVneidConfig, type VneidConfig } from './auth/vneid-config';

/** What both hosts read alike: where to listen, the database, the fan-out and the sync limits. */
export interface HostConfig {
	port: number;
	host: string;
	database: DatabaseLocation;
	dataDir: string;
	production: boolean;
	/** Fan-out between several app/sync instances (Redis pub/sub); unset when running alone. */
	redisUrl?: string;
	/** Largest message a sync client may send (sync-server SPEC C2); undefined → the sync server's default. */
	maxMessageBytes?: number;
	/** The group-commit window (sync-server SPEC S1, S11); undefined → the sync server's default. */
	commitWindowMs?: number;
}

export interface AppConfig extends HostConfig {
	/** Public origin of the app (http://localhost:3000); the sync server only accepts this Origin. */
	origin: string;
	/** Origins whose browsers may open the sync socket: ORIGIN plus ALLOWED_ORIGINS. */
	allowedOrigins: string[];
	/** DEMO=1: seed the demo school, create keys in DATA_DIR (and `npm run demo` starts the VNeID simulator). */
	demo: boolean;
	/** Sign-in with VNeID (OpenID Connect); null when VNEID_ISSUER is not set. */
	vneid: VneidConfig | null;
}

export interface SyncServerConfig extends HostConfig {
	/** Browser origins allowed to open a socket (ALLOWED_ORIGINS; none by default). */
	allowedOrigins: string[];
	ticketSecret: Uint8Array;
	/** `database`: every upgrade asks the database (SPEC R1); `ticket`: tickets alone (tests, benchmarks). */
	accessCheck: 'database' | 'ticket';
}

/** Refusal to start: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

const MIN_SECRET_BYTES = 32;
const TICKET_SECRET_REQUIRED =
	'bắt buộc / SYNC_TICKET_SECRET is required: the same ≥ 32-byte secret the app mints sync tickets with, as hex or base64url ' +
	'(e.g. `node -e "console.log(crypto.randomBytes(32).toString(\'hex\'))"`)';

const HostEnv = {
	HOST: v.optional(v.string(), '127.0.0.1'),
	ALLOWED_ORIGINS: v.optional(v.string(), ''),
	DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// / must start with postgres://'))),
	DATA_DIR: v.optional(v.string(), './data'),
	REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'phải bắt đầu bằng redis:// hoặc rediss:// / must start with redis:// or rediss://'))),
	SYNC_MAX_MESSAGE_BYTES: v.optional(integer(1024, 16 * 1024 * 1024)),
	SYNC_COMMIT_WINDOW_MS: v.optional(integer(1, 1000)),
	NODE_ENV: v.optional(v.string(), 'development')
};

const AppEnv = v.object({
	...HostEnv,
	PORT: v.optional(integer(0, 65_535), '3000'),
	ORIGIN: v.optional(v.pipe(v.string(), v.url('phải là URL, ví dụ http://localhost:3000 / must be a URL'))),
	DEMO: v.optional(v.picklist(['0', '1', 'true', 'false', ''], 'phải là 0 hoặc 1 / must be 0 or 1'), '')
});

const SyncEnv = v.object({
	...HostEnv,
	PORT: v.optional(integer(0, 65_535), '3001'),
	SYNC_TICKET_SECRET: v.optional(
		v.pipe(
			v.string(),
			v.rawTransform(({ dataset, addIssue, NEVER }) => {
				if (dataset.value === '') {
					addIssue({ message: TICKET_SECRET_REQUIRED });
					return NEVER;
				}
				try {
					return parseTicketSecret(dataset.value);
				} catch (error) {
					addIssue({ message: (error as Error).message });
					return NEVER;
				}
			})
		),
		''
	),
	SYNC_ACCESS_CHECK: v.optional(v.picklist(['database', 'ticket'], 'phải là "database" hoặc "ticket" / must be "database" or "ticket"'), 'database')
});

function integer(min: number, max: number) {
	const message = `phải là số nguyên từ ${min} đến ${max} / must be an integer from ${min} to ${max}`;
	return v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, message), v.transform(Number), v.minValue(min, message), v.maxValue(max, message));
}

/** Empty variables count as unset (a blank line in an env file must not mean "port 0"). */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}

function parse<T extends v.GenericSchema>(schema: T, env: Record<string, string | undefined>): v.InferOutput<T> {
	const parsed = v.safeParse(schema, withoutBlanks(env));
	if (parsed.success) return parsed.output;
	const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
	throw new ConfigError(`Cấu hình không hợp lệ / invalid configuration:\n  ${problems.join('\n  ')}`);
}

function hostConfig(e: v.InferOutput<typeof AppEnv> | v.InferOutput<typeof SyncEnv>): HostConfig {
	return {
		port: e.PORT,
		host: e.HOST,
		database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
		dataDir: e.DATA_DIR,
		production: e.NODE_ENV === 'production',
		redisUrl: e.REDIS_URL,
		maxMessageBytes: e.SYNC_MAX_MESSAGE_BYTES,
		commitWindowMs: e.SYNC_COMMIT_WINDOW_MS
	};
}

const originList = (text: string) => text.split(',').map(normalizeOrigin).filter(Boolean);

/** The app's configuration (`npm start`, `npm run demo`, `npm run dev`). */
export function readConfig(env: Record<string, string | undefined>): AppConfig {
	const e = parse(AppEnv, env);
	const host = hostConfig(e);
	const origin = e.ORIGIN ?? `http://localhost:${e.PORT}`;
	return {
		...host,
		origin,
		allowedOrigins: [...new Set([normalizeOrigin(origin), ...originList(e.ALLOWED_ORIGINS)])],
		demo: e.DEMO === '1' || e.DEMO === 'true',
		vneid: readVneidConfig(env, { origin, production: host.production })
	};
}

/** The standalone sync server's configuration (`npm run sync-server`). */
export function readSyncServerConfig(env: Record<string, string | undefined>): SyncServerConfig {
	const e = parse(SyncEnv, env);
	const host = hostConfig(e);
	if (e.SYNC_ACCESS_CHECK === 'ticket' && host.production) {
		throw new ConfigError(
			'Cấu hình không hợp lệ / invalid configuration:\n  SYNC_ACCESS_CHECK: "ticket" chỉ dành cho kiểm thử / is for tests and benchmarks only: in production every upgrade is checked against the database.'
		);
	}
	return { ...host, allowedOrigins: originList(e.ALLOWED_ORIGINS), ticketSecret: e.SYNC_TICKET_SECRET, accessCheck: e.SYNC_ACCESS_CHECK };
}

/** SYNC_TICKET_SECRET as both hosts read it: hex when it looks like hex (an even count of 0-9a-f), base64url otherwise; ≥ 32 bytes. */
export function parseTicketSecret(text: string): Uint8Array {
	const value = text.trim();
	let secret: Uint8Array;
	if (/^(?:[0-9a-f]{2})+$/i.test(value)) {
		secret = Uint8Array.from(Buffer.from(value, 'hex'));
	} else {
		try {
			secret = decodeBase64urlIgnorePadding(value);
		} catch {
			throw new ConfigError('không phải hex hay base64url / is neither hex nor base64url');
		}
	}
	if (secret.byteLength < MIN_SECRET_BYTES) {
		throw new ConfigError(`dài ${secret.byteLength} byte / is ${secret.byteLength} bytes; at least ${MIN_SECRET_BYTES} are required`);
	}
	return secret;
}

export function normalizeOrigin(origin: string): string {
	return origin.trim().toLowerCase().replace(/\/+$/, '');
}
