/**
 * Opens the database the configuration names and applies the migrations: PostgreSQL when a URL
 * is given, otherwise embedded PGlite in a data directory (or in memory, for tests). Both run the
 * same drizzle migrations, so everything above this file sees one `Database` type.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
	db: Database;
	kind: DatabaseKind;
	close(): Promise<void>;
}

/** What /healthz says about the database: it answered a trivial query in time, or it did not. */
export type DatabaseState = 'ok' | 'unreachable';

export type DatabaseLocation =
	| { kind: 'postgres'; url: string; poolSize?: number }
	| { kind: 'pglite'; dataDir: string }
	| { kind: 'pglite-memory' };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(
	location: DatabaseLocation,
	migrationsFolder = MIGRATIONS_FOLDER
): Promise<DatabaseHandle> {
	if (location.kind === 'postgres') {
		const pool = new pg.Pool({
			connectionString: location.url,
			max: location.poolSize ?? 10,
			// A server that vanished (failover, cable) must fail a connect or a query within seconds,
			// so the persister's and the projections' retries run, instead of hanging on TCP.
			connectionTimeoutMillis: 5_000,
			keepAlive: true,
			keepAliveInitialDelayMillis: 10_000
		});
		guardPoolClients(pool);
		const db = drizzlePg({ client: pool, schema });
		await migratePg(db, { migrationsFolder });
		return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
	}
	let client: PGlite;
	if (location.kind === 'pglite') {
		// PGlite neither creates parent directories nor locks against a second instance opening the same
		// directory (two would corrupt it): create the directory here, and open it once per process.
		mkdirSync(location.dataDir, { recursive: true });
		client = new PGlite(location.dataDir);
	} else {
		client = new PGlite();
	}
	const db = drizzlePglite({ client, schema });
	await migratePglite(db, { migrationsFolder });
	return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

/**
 * A PostgreSQL backend that goes away (pg_terminate_backend, failover, restart, an idle-timeout
 * proxy) makes its pg Client emit 'error'. pg-pool listens only while a client is idle (and then
 * re-emits on the pool); a checked-out client — inside a drizzle transaction, between two of its
 * statements — has no listener, and an 'error' event without one kills the process. So every
 * client gets its own listener for its whole life: the query in flight still rejects (its caller
 * retries), and pg-pool drops the dead client when it is released, since it is no longer queryable.
 */
function guardPoolClients(pool: pg.Pool): void {
	pool.on('connect', (client) => {
		client.on('error', (error) => console.error('[db] PostgreSQL connection lost:', describePgError(error)));
	});
	// The idle listener's re-emission: without this one the pool itself would throw.
	pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', describePgError(error)));
}

function describePgError(error: Error): string {
	const code = (error as { code?: unknown }).code;
	return typeof code === 'string' ? `${code} ${error.message}` : error.message;
}

/** Asks the database a trivial question; no answer within `timeoutMs` counts as unreachable. */
export async function databaseState(db: Database, timeoutMs = 2_000): Promise<DatabaseState> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<DatabaseState>((resolve) => {
		timer = setTimeout(() => resolve('unreachable'), timeoutMs);
	});
	const answer = db.execute(sql`select 1`).then(
		(): DatabaseState => 'ok',
		(): DatabaseState => 'unreachable'
	);
	try {
		return await Promise.race([answer, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export { schema };
