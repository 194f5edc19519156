/**
 * The standalone sync server's environment, parsed once at the edge. Anything
 * wrong is a ConfigError with a message an operator can act on; the process refuses to start.
 *
 * PORT                    default 3001; 0 picks a free port (the listening line says which).
 * HOST                    default 127.0.0.1: nothing is exposed until an operator says so
 *                         (behind a load balancer or in a container, set HOST=0.0.0.0).
 * DATABASE_URL            PostgreSQL; without it, embedded PGlite in DATA_DIR (default ./data).
 * SYNC_TICKET_SECRET      REQUIRED, ≥ 32 bytes as hex or base64url — the app's minting secret.
 * ALLOWED_ORIGINS         comma-separated browser origins (https://sodiem.example). Requests
 *                         without Origin are non-browser clients, which can send any Origin they
 *                         like, so refusing them adds nothing: they are allowed and the ticket
 *                         decides. Default: no browser origin is allowed.
 * SYNC_MAX_MESSAGE_BYTES  default 1 MiB.
 * REDIS_URL               redis://… — fan-out between several instances; unset when running alone.
 * SYNC_ACCESS_CHECK       `database` (default): every upgrade re-checks in the database that the
 *                         person is active, the ticket's session valid and the grant still held
 *                         (SPEC R1). `ticket`: the signed ticket alone decides — for the sync
 *                         engine's own tests and benchmarks on a database without a school;
 *                         refused when NODE_ENV=production.
 */
import { decodeBase64urlIgnorePadding } from '@oslojs/encoding';
import type { DatabaseLocation } from '../drizzle/database';

export interface SyncServerConfig {
	port: number;
	host: string;
	database: DatabaseLocation;
	ticketSecret: Uint8Array;
	allowedOrigins: string[];
	maxMessageBytes: number | undefined;
	redisUrl: string | undefined;
	accessCheck: 'database' | 'ticket';
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

const MIN_SECRET_BYTES = 32;

export function readConfig(env: Record<string, string | undefined>): SyncServerConfig {
	const databaseUrl = env.DATABASE_URL?.trim();
	return {
		port: readInteger(env, 'PORT', 3001, { min: 0, max: 65_535 }),
		host: env.HOST?.trim() || '127.0.0.1',
		database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir: env.DATA_DIR?.trim() || './data' },
		ticketSecret: parseTicketSecret(env.SYNC_TICKET_SECRET),
		allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map(normalizeOrigin).filter((origin) => origin !== ''),
		maxMessageBytes: env.SYNC_MAX_MESSAGE_BYTES ? readInteger(env, 'SYNC_MAX_MESSAGE_BYTES', 0, { min: 1024, max: 16 * 1024 * 1024 }) : undefined,
		redisUrl: readRedisUrl(env.REDIS_URL),
		accessCheck: readAccessCheck(env)
	};
}

function readAccessCheck(env: Record<string, string | undefined>): 'database' | 'ticket' {
	const value = env.SYNC_ACCESS_CHECK?.trim() || 'database';
	if (value !== 'database' && value !== 'ticket') throw new ConfigError(`SYNC_ACCESS_CHECK must be "database" or "ticket", got "${value}".`);
	if (value === 'ticket' && env.NODE_ENV === 'production') {
		throw new ConfigError('SYNC_ACCESS_CHECK=ticket is for tests and benchmarks only: in production every upgrade is checked against the database.');
	}
	return value;
}

/** Hex when it looks like hex (an even count of 0-9a-f), base64url otherwise. */
export function parseTicketSecret(text: string | undefined): Uint8Array {
	const value = text?.trim();
	if (!value) {
		throw new ConfigError(
			'SYNC_TICKET_SECRET is required: the same ≥ 32-byte secret the app mints sync tickets with, as hex or base64url ' +
				'(e.g. `node -e "console.log(crypto.randomBytes(32).toString(\'hex\'))"`).'
		);
	}
	let secret: Uint8Array;
	if (/^(?:[0-9a-f]{2})+$/i.test(value)) {
		secret = Uint8Array.from(Buffer.from(value, 'hex'));
	} else {
		try {
			secret = decodeBase64urlIgnorePadding(value);
		} catch {
			throw new ConfigError('SYNC_TICKET_SECRET is neither hex nor base64url.');
		}
	}
	if (secret.byteLength < MIN_SECRET_BYTES) {
		throw new ConfigError(`SYNC_TICKET_SECRET is ${secret.byteLength} bytes; at least ${MIN_SECRET_BYTES} are required.`);
	}
	return secret;
}

/** Browsers send Origin on every WebSocket upgrade; only listed origins may open a connection. */
export function originPolicy(allowedOrigins: readonly string[]): (origin: string | undefined) => boolean {
	const allowed = new Set(allowedOrigins.map(normalizeOrigin));
	return (origin) => origin === undefined || allowed.has(normalizeOrigin(origin));
}

function normalizeOrigin(origin: string): string {
	return origin.trim().toLowerCase().replace(/\/+$/, '');
}

function readInteger(
	env: Record<string, string | undefined>,
	name: string,
	fallback: number,
	range: { min: number; max: number }
): number {
	const text = env[name]?.trim();
	if (!text) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < range.min || value > range.max) {
		throw new ConfigError(`${name} must be an integer from ${range.min} to ${range.max}, got "${text}".`);
	}
	return value;
}

function readRedisUrl(text: string | undefined): string | undefined {
	const value = text?.trim();
	if (!value) return undefined;
	if (!/^rediss?:\/\//.test(value)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://.');
	return value;
}
