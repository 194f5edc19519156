import { describe, expect, it } from 'vitest';
import { ConfigError, originPolicy, parseTicketSecret, readConfig } from './config';

const HEX_SECRET = 'ab'.repeat(32);

describe('readConfig', () => {
	it('refuses to start without a ticket secret, or with a short one', () => {
		expect(() => readConfig({})).toThrow(ConfigError);
		expect(() => readConfig({})).toThrow(/SYNC_TICKET_SECRET is required/);
		expect(() => parseTicketSecret('ab'.repeat(16))).toThrow(/at least 32/);
	});

	it('reads hex and base64url secrets', () => {
		expect(parseTicketSecret(HEX_SECRET)).toHaveLength(32);
		expect(parseTicketSecret(Buffer.alloc(48, 7).toString('base64url'))).toHaveLength(48);
	});

	it('defaults to loopback, port 3001 and PGlite in ./data', () => {
		const config = readConfig({ SYNC_TICKET_SECRET: HEX_SECRET });
		expect(config).toMatchObject({ host: '127.0.0.1', port: 3001, database: { kind: 'pglite', dataDir: './data' }, allowedOrigins: [] });
		expect(readConfig({ SYNC_TICKET_SECRET: HEX_SECRET, DATABASE_URL: 'postgres://x/y' }).database).toEqual({ kind: 'postgres', url: 'postgres://x/y' });
		expect(() => readConfig({ SYNC_TICKET_SECRET: HEX_SECRET, PORT: 'eighty' })).toThrow(/PORT/);
	});

	// sync-server SPEC R7: the database check is the default, and cannot be turned off in production.
	it('checks access in the database unless told otherwise, and never trusts tickets alone in production', () => {
		expect(readConfig({ SYNC_TICKET_SECRET: HEX_SECRET }).accessCheck).toBe('database');
		expect(readConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'ticket' }).accessCheck).toBe('ticket');
		expect(() => readConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'ticket', NODE_ENV: 'production' })).toThrow(/production/);
		expect(() => readConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'none' })).toThrow(/SYNC_ACCESS_CHECK/);
	});
});

describe('originPolicy', () => {
	it('allows listed browser origins and non-browser clients only', () => {
		const allowed = originPolicy(['https://sodiem.example/']);
		expect(allowed('https://sodiem.example')).toBe(true);
		expect(allowed('HTTPS://SODIEM.EXAMPLE')).toBe(true);
		expect(allowed('http://evil.example')).toBe(false);
		expect(allowed(undefined)).toBe(true);
		expect(originPolicy([])('https://sodiem.example')).toBe(false);
	});
});
