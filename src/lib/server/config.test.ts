import { describe, expect, it } from 'vitest';
import { ConfigError, parseTicketSecret, readConfig, readSyncServerConfig } from './config';

const HEX_SECRET = 'ab'.repeat(32);

describe('readSyncServerConfig (the standalone sync server)', () => {
	it('refuses to start without a ticket secret, or with a short one', () => {
		expect(() => readSyncServerConfig({})).toThrow(ConfigError);
		expect(() => readSyncServerConfig({})).toThrow(/SYNC_TICKET_SECRET is required/);
		expect(() => readSyncServerConfig({ SYNC_TICKET_SECRET: 'ab'.repeat(16) })).toThrow(/SYNC_TICKET_SECRET: .*at least 32/);
	});

	it('reads hex and base64url secrets', () => {
		expect(parseTicketSecret(HEX_SECRET)).toHaveLength(32);
		expect(parseTicketSecret(Buffer.alloc(48, 7).toString('base64url'))).toHaveLength(48);
	});

	it('defaults to loopback, port 3001 and PGlite in ./data', () => {
		const config = readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET });
		expect(config).toMatchObject({ host: '127.0.0.1', port: 3001, database: { kind: 'pglite', dataDir: './data' }, allowedOrigins: [], maxMessageBytes: undefined });
		expect(readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET, DATABASE_URL: 'postgres://x/y' }).database).toEqual({ kind: 'postgres', url: 'postgres://x/y' });
	});

	// sync-server SPEC R7: the database check is the default, and cannot be turned off in production.
	it('checks access in the database unless told otherwise, and never trusts tickets alone in production', () => {
		expect(readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET }).accessCheck).toBe('database');
		expect(readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'ticket' }).accessCheck).toBe('ticket');
		expect(() => readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'ticket', NODE_ENV: 'production' })).toThrow(/production/);
		expect(() => readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET, SYNC_ACCESS_CHECK: 'none' })).toThrow(/SYNC_ACCESS_CHECK/);
	});
});

// sync-server SPEC C2: one module, one rule and one message per variable, whichever host reads it.
describe('both hosts read shared variables alike', () => {
	const hosts = {
		app: (env: Record<string, string>) => readConfig(env),
		'sync server': (env: Record<string, string>) => readSyncServerConfig({ SYNC_TICKET_SECRET: HEX_SECRET, ...env })
	};
	const message = (read: () => unknown) => {
		try {
			read();
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			return (error as Error).message;
		}
		throw new Error('expected a ConfigError');
	};

	it.each(Object.entries(hosts))('%s: SYNC_MAX_MESSAGE_BYTES, SYNC_COMMIT_WINDOW_MS, REDIS_URL, DATABASE_URL and HOST', (_host, read) => {
		expect(read({ SYNC_MAX_MESSAGE_BYTES: '65536' }).maxMessageBytes).toBe(65536);
		expect(read({}).maxMessageBytes).toBeUndefined();
		expect(read({ SYNC_COMMIT_WINDOW_MS: '25' }).commitWindowMs).toBe(25);
		expect(read({}).commitWindowMs).toBeUndefined();
		expect(read({ REDIS_URL: 'redis://127.0.0.1:6391' }).redisUrl).toBe('redis://127.0.0.1:6391');
		expect(read({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
		expect(read({ PORT: '' }).port).toBeGreaterThan(0);
	});

	it('gives the same error messages for the same mistakes', () => {
		const mistakes: Array<Record<string, string>> = [{ PORT: 'eighty' }, { PORT: '70000' }, { SYNC_MAX_MESSAGE_BYTES: '12' }, { SYNC_COMMIT_WINDOW_MS: '0' }, { SYNC_COMMIT_WINDOW_MS: '5000' }, { REDIS_URL: 'http://x' }, { DATABASE_URL: 'mysql://x' }];
		for (const env of mistakes) {
			const fromApp = message(() => hosts.app(env));
			expect(fromApp).toMatch(/^Cấu hình không hợp lệ \/ invalid configuration:/);
			expect(fromApp).toContain(Object.keys(env)[0]);
			expect(message(() => hosts['sync server'](env))).toBe(fromApp);
		}
	});
});
