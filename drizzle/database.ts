/**
 * Opens the database the configuration names and applies the migrations: PostgreSQL when a URL
 * is given, otherwise embedded PGlite in a data directory (or in memory, for tests), run in a
 * worker thread and reached through node-postgres like PostgreSQL (docs/architecture.md §8).
 * Both run the same drizzle migrations, so everything above this file sees one `Database` type.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
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
	| { kind: 'pglite'; dataDir: string; maintenance?: PgliteMaintenance }
	| { kind: 'pglite-memory'; maintenance?: PgliteMaintenance };

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
	return openPgliteWorker(location.kind === 'pglite' ? location.dataDir : undefined, location.maintenance ?? PGLITE_MAINTENANCE, migrationsFolder);
}

/**
 * PostgreSQL settings the embedded database starts with (docs/architecture.md §8, E4). PGlite's
 * defaults are a server's (128 MB of shared buffers, 4 MB per sort); a school's box shares its
 * memory with the app, and one session never needs more than this. Shared buffers are touched as
 * they are used and never given back (WASM memory): 16 MB, with the operating system's page cache
 * behind them, was ~20 MiB less resident than 32 MB under the classroom load (README, bench:sync).
 */
export const PGLITE_SETTINGS = ['shared_buffers = 16MB', 'work_mem = 4MB', 'maintenance_work_mem = 16MB', 'temp_buffers = 8MB'];

/**
 * The worker's own JavaScript heap (E4): it only copies protocol bytes between the socket and
 * PGlite, so a small young generation is enough — V8's default lets garbage of short-lived
 * buffers grow to tens of MiB before a scavenge.
 */
export const PGLITE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * E7: how often the database thread does the housekeeping PostgreSQL's background processes do on
 * a server (PGlite runs single-user, without them): it looks for tables autovacuum would vacuum
 * every minute, and checkpoints every five minutes (checkpoint_timeout's default) if anything
 * was written since the last one.
 */
export interface PgliteMaintenance {
	vacuumEveryMs: number;
	checkpointEveryMs: number;
}
export const PGLITE_MAINTENANCE: PgliteMaintenance = { vacuumEveryMs: 60_000, checkpointEveryMs: 300_000 };

/** The port number only names the socket file (.s.PGSQL.<port>), as PostgreSQL's own does. */
const PGLITE_SOCKET_PORT = 5432;
/** Data directories open in this process: PGlite has no lock of its own, and two openers corrupt one. */
const openDataDirs = new Set<string>();
/** The worker behind each PGlite handle, for diagnostics and the crash test. */
const workers = new WeakMap<DatabaseHandle, Worker>();

/** The worker thread an embedded database runs in (undefined for PostgreSQL). */
export function pgliteWorkerOf(handle: DatabaseHandle): Worker | undefined {
	return workers.get(handle);
}

/**
 * Embedded PGlite in its own thread (E1): the worker serves the PostgreSQL wire protocol on a Unix
 * socket in a private directory, and the app talks to it through node-postgres with a pool of one
 * connection — PGlite is a single session, and transactions then work as on PostgreSQL (E2).
 */
async function openPgliteWorker(dataDir: string | undefined, maintenance: PgliteMaintenance, migrationsFolder: string): Promise<DatabaseHandle> {
	let claimed: string | undefined;
	if (dataDir !== undefined) {
		// PGlite neither creates parent directories nor locks against a second instance opening the same
		// directory (two would corrupt it): create the directory here, and open it once per process.
		claimed = resolve(dataDir);
		if (openDataDirs.has(claimed)) throw new Error(`The PGlite data directory ${claimed} is already open in this process.`);
		mkdirSync(claimed, { recursive: true });
		openDataDirs.add(claimed);
		if (!existsSync(join(claimed, 'PG_VERSION'))) {
			try {
				await initializeDataDir(claimed);
			} catch (error) {
				openDataDirs.delete(claimed);
				throw error;
			}
		}
	}
	const socketDir = mkdtempSync(join(tmpdir(), 'sodiem-pglite-'));
	const release = () => {
		if (claimed) openDataDirs.delete(claimed);
		rmSync(socketDir, { recursive: true, force: true });
	};
	const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
		workerData: { dataDir: claimed, socketPath: join(socketDir, `.s.PGSQL.${PGLITE_SOCKET_PORT}`), postgresqlconf: PGLITE_SETTINGS, maintenance },
		resourceLimits: PGLITE_WORKER_LIMITS
	});
	let closing = false;
	let exited = false;
	const exit = new Promise<number>((resolveExit) => {
		worker.once('exit', (code) => {
			exited = true;
			if (!closing) console.error(`[db] the embedded database's worker stopped (exit code ${code}); the database is unreachable until the app restarts.`);
			resolveExit(code);
		});
	});
	// An uncaught error in the worker ends the thread ('exit' follows); without a listener it would end the app.
	worker.on('error', (error) => console.error('[db] the embedded database failed:', error));
	try {
		await new Promise<void>((resolveReady, rejectReady) => {
			worker.once('message', (message: { type: string; error?: string; madeDirectory?: boolean }) => {
				// E5: initdb's memory would stay with this thread for the life of the app.
				if (message.madeDirectory) console.warn(`[db] the database thread created ${claimed}: it keeps initdb's memory until the app restarts.`);
				if (message.type === 'ready') resolveReady();
				else rejectReady(new Error(`PGlite did not open: ${message.error ?? message.type}`));
			});
			void exit.then((code) => rejectReady(new Error(`PGlite's worker stopped while opening (exit code ${code}).`)));
		});
	} catch (error) {
		await worker.terminate();
		release();
		throw error;
	}
	const pool = new pg.Pool({
		host: socketDir,
		port: PGLITE_SOCKET_PORT,
		user: 'postgres',
		database: 'postgres',
		max: 1,
		// The one connection stays open; waiting for it is waiting for the database, as with PGlite in
		// the process. A worker that is gone refuses a connect at once (ENOENT, ECONNREFUSED).
		idleTimeoutMillis: 0,
		connectionTimeoutMillis: 0
	});
	guardPoolClients(pool);
	const db = drizzlePg({ client: pool, schema });
	const close = async () => {
		closing = true;
		await pool.end().catch(() => undefined);
		if (!exited) {
			worker.postMessage({ type: 'close' });
			const closed = await new Promise<{ error?: string }>((resolveClosed) => {
				const onMessage = (message: { type: string; error?: string }) => {
					if (message.type === 'closed') resolveClosed(message);
				};
				worker.on('message', onMessage);
				void exit.then(() => resolveClosed({ error: 'the worker stopped before PGlite was closed' }));
			});
			await exit;
			if (closed.error) console.error('[db] closing the embedded database:', closed.error);
		}
		release();
	};
	const handle: DatabaseHandle = { db: db as unknown as Database, kind: 'pglite', close };
	workers.set(handle, worker);
	try {
		await migratePg(db, { migrationsFolder });
	} catch (error) {
		await close();
		throw error;
	}
	return handle;
}

/**
 * E5: a new data directory is created (initdb) in a thread that then ends, taking the WASM memory
 * initdb grew with it; the database thread starts on the ready directory. Exported for its test.
 */
export async function initializeDataDir(dataDir: string): Promise<void> {
	const worker = new Worker(new URL('./pglite-initdb-worker.js', import.meta.url), {
		workerData: { dataDir, postgresqlconf: PGLITE_SETTINGS },
		resourceLimits: PGLITE_WORKER_LIMITS
	});
	let initialized = false;
	let failure: Error | undefined;
	worker.once('message', (message: { type: string }) => (initialized = message.type === 'initialized'));
	worker.once('error', (error) => (failure = error));
	const code = await new Promise<number>((resolveExit) => worker.once('exit', resolveExit));
	if (!initialized) {
		throw new Error(`PGlite could not create its data directory ${dataDir}: ${failure?.message ?? `the thread stopped (exit code ${code})`}`);
	}
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

/**
 * The node-postgres pool behind a `Database` opened here — PostgreSQL and PGlite alike are reached
 * through one (E1) — for the few statements on a hot path that run as named prepared statements
 * instead of through drizzle's query builder (sync-server SPEC S12).
 */
export function poolOf(db: Database): pg.Pool {
	const client = (db as unknown as { $client?: unknown }).$client;
	if (!(client instanceof pg.Pool)) throw new Error('This database was not opened by openDatabase: it has no node-postgres pool.');
	return client;
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
