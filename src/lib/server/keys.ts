/**
 * Secrets: the keyed hash and encryption keys for personal ID numbers (docs/domain/privacy.md §4)
 * and the sync-ticket secret. Production must be given them; demo and development create them
 * once in DATA_DIR so that restarts keep matching the stored hashes.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseTicketSecret } from './config';

export interface Keys {
	/** HMAC-SHA256 key for personal ID hashes (matching at sign-in and import). */
	idHashKey: Uint8Array;
	/** AES-256-GCM key for personal ID ciphertext (authorised display). */
	idEncryptionKey: Uint8Array;
	/** HMAC key of sync tickets; shared with a separately running sync server. */
	syncTicketSecret: Uint8Array;
}

const VARIABLES = {
	idHashKey: 'ID_HASH_KEY',
	idEncryptionKey: 'ID_ENCRYPTION_KEY',
	syncTicketSecret: 'SYNC_TICKET_SECRET'
} as const;

/** 32 bytes as 64 hex characters or 43 base64url characters. */
export function decodeKey(name: string, text: string): Uint8Array {
	const trimmed = text.trim();
	const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64url');
	if (bytes.length !== 32) throw new Error(`${name} phải là khóa 32 byte (64 ký tự hex) / must be a 32-byte key (64 hex characters)`);
	return new Uint8Array(bytes);
}

function ticketSecret(text: string): Uint8Array {
	try {
		return parseTicketSecret(text);
	} catch (error) {
		if (error instanceof ConfigError) throw new ConfigError(`SYNC_TICKET_SECRET: ${error.message}`);
		throw error;
	}
}

export function loadKeys(env: Record<string, string | undefined>, options: { dataDir: string; mayCreate: boolean }): Keys {
	const file = join(options.dataDir, 'keys.json');
	const stored: Partial<Record<keyof Keys, string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	const keys: Partial<Keys> = {};
	const missing: string[] = [];
	let created = false;
	for (const [field, variable] of Object.entries(VARIABLES) as Array<[keyof Keys, string]>) {
		const given = env[variable] ?? stored[field];
		// The ticket secret follows the rule the standalone sync server reads it with, so both hosts accept the same value.
		if (given) keys[field] = field === 'syncTicketSecret' ? ticketSecret(given) : decodeKey(variable, given);
		else if (options.mayCreate) {
			keys[field] = new Uint8Array(randomBytes(32));
			stored[field] = Buffer.from(keys[field]).toString('hex');
			created = true;
		} else missing.push(variable);
	}
	if (missing.length > 0) {
		throw new Error(`Thiếu khóa bí mật / missing secrets: ${missing.join(', ')}. Production refuses to start without them.`);
	}
	if (created) {
		mkdirSync(options.dataDir, { recursive: true });
		writeFileSync(file, JSON.stringify(stored, null, '\t'), { mode: 0o600 });
	}
	return keys as Keys;
}
