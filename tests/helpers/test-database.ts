/**
 * Databases for integration suites: a fresh PostgreSQL database per caller on the test server,
 * and the list of backends every persistence-facing suite runs against (storage contract, sync
 * server, app). PostgreSQL is never skipped: the machine and CI run one, and a suite that
 * silently stops testing it would hide exactly the bugs it exists to catch.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DatabaseLocation } from '../../drizzle/database';

export const DEFAULT_TEST_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
	/** Connection URL of the new, empty database (migrations not yet applied). */
	url: string;
	/** Drops the database, ending any connection still open to it. Safe to call twice. */
	drop(): Promise<void>;
}

export type BackendName = 'postgres' | 'pglite';

export interface OpenedBackend {
	/** Migrated and ready. `close()` is idempotent, so a test may close it early to reopen `location`. */
	handle: DatabaseHandle;
	/** PostgreSQL only: for code under test that takes a URL (e.g. a second sync-server instance). */
	url?: string;
	/**
	 * What to pass to `openDatabase` to reach the same data again, after `handle.close()` (PGlite
	 * allows one instance per data directory per process).
	 */
	location: DatabaseLocation;
	/** Closes the handle if still open and removes the database or data directory. */
	cleanup(): Promise<void>;
}

export interface Backend {
	name: BackendName;
	open(): Promise<OpenedBackend>;
}

function adminUrl(): string {
	return process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_DATABASE_ADMIN_URL;
}

function quoteIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `work` on a short-lived admin connection; an unreachable server fails with a hint, never a skip. */
async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const url = adminUrl();
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`Integration tests need PostgreSQL at ${url} (set TEST_DATABASE_ADMIN_URL to use another server) ` +
				`but it cannot be reached: ${reason}. ` +
				'Start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start`.',
			{ cause: error }
		);
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Creates a uniquely named, empty database on the test server and returns its URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
	const name = `sodiem_test_${randomBytes(8).toString('hex')}`;
	await withAdminClient((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	let dropped = false;
	return {
		url: url.toString(),
		async drop() {
			if (dropped) return;
			dropped = true;
			await withAdminClient(async (client) => {
				// A pool someone forgot to end must not leave the database behind.
				await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
			});
		}
	};
}

function closeOnce(handle: DatabaseHandle): DatabaseHandle {
	let closing: Promise<void> | undefined;
	return { ...handle, close: () => (closing ??= handle.close()) };
}

const postgresBackend: Backend = {
	name: 'postgres',
	async open() {
		const database = await createTestDatabase();
		const location: DatabaseLocation = { kind: 'postgres', url: database.url };
		let handle: DatabaseHandle;
		try {
			handle = closeOnce(await openDatabase(location));
		} catch (error) {
			await database.drop();
			throw error;
		}
		return {
			handle,
			url: database.url,
			location,
			async cleanup() {
				try {
					await handle.close();
				} finally {
					await database.drop();
				}
			}
		};
	}
};

/**
 * A PGlite database in a temporary data directory of its own, as the app keeps one on a school's
 * box: a copy of the migrated directory the integration project's global setup made
 * (tests/integration/helpers/pglite-template.ts), since initdb per database would cost seconds of
 * a core each. Opening it applies the migrations as always (none are left to apply).
 */
const pgliteBackend: Backend = {
	name: 'pglite',
	async open() {
		const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-pglite-'));
		const location: DatabaseLocation = { kind: 'pglite', dataDir };
		const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
		let handle: DatabaseHandle;
		try {
			await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
			handle = closeOnce(await openDatabase(location));
		} catch (error) {
			await removeDataDir();
			throw error;
		}
		return {
			handle,
			location,
			async cleanup() {
				try {
					await handle.close();
				} finally {
					await removeDataDir();
				}
			}
		};
	}
};

/** Every database backend an integration suite must pass on. */
export function storageBackends(): Backend[] {
	return [postgresBackend, pgliteBackend];
}
