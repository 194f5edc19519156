/**
 * The embedded database runs off the event loop (docs/architecture.md §8, E1–E7; issue 13): PGlite
 * in a worker thread behind a wire-protocol socket, reached through node-postgres. A query's
 * messages run as one unit and are answered in one write (E6). A heavy query
 * leaves the loop turning; transactions are isolated from the other callers' queries; closing
 * flushes the data directory; a crashed worker is an unreachable database (sync-server SPEC D1–D5),
 * not a crashed app, and what was committed before the crash is there when the directory reopens.
 * The thread vacuums and checkpoints by itself, never inside a transaction or an exchange (E7).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../../drizzle/connection-errors';
import pg from 'pg';
import { databaseState, initializeDataDir, openDatabase, pgliteWorkerOf, PGLITE_SETTINGS, PGLITE_WORKER_LIMITS, poolOf, type DatabaseHandle } from '../../drizzle/database';
import { checkHealth } from '../../sync-server/health';

let dataDir: string;
let handle: DatabaseHandle | undefined;

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'sodiem-pglite-worker-'));
	handle = await openDatabase({ kind: 'pglite', dataDir });
});

afterAll(async () => {
	await handle?.close();
	await rm(dataDir, { recursive: true, force: true });
});

/** The rows of a raw `execute` (typed `unknown` on the shared Database type; node-postgres under both kinds). */
async function rowsOf(query: Promise<unknown>): Promise<Array<Record<string, unknown>>> {
	return ((await query) as { rows: Array<Record<string, unknown>> }).rows;
}

/** This process's operating-system threads (Linux). */
function threadIds(): string[] {
	return readdirSync('/proc/self/task');
}

function open(): DatabaseHandle {
	if (!handle) throw new Error('the database is not open');
	return handle;
}

describe('PGlite in a worker thread', () => {
	it('E1: a heavy query runs while the event loop keeps turning', async () => {
		const { db } = open();
		const histogram = monitorEventLoopDelay({ resolution: 10 });
		let inFlight = true;
		let turnsDuringQuery = 0;
		const heartbeat = () => {
			if (!inFlight) return;
			turnsDuringQuery++;
			setImmediate(heartbeat);
		};
		histogram.enable();
		const started = performance.now();
		const query = rowsOf(db.execute(sql`select count(distinct md5(i::text)) as n from generate_series(1, 400000) as i`));
		setImmediate(heartbeat);
		const result = await query;
		const queryMs = performance.now() - started;
		inFlight = false;
		histogram.disable();
		expect(result[0]).toEqual({ n: '400000' });
		// setImmediate callbacks ran while the query was in flight: the loop was not held by the SQL.
		expect(turnsDuringQuery).toBeGreaterThan(1);
		// And no single stall of the loop lasted as long as the query (in-process WASM would have
		// blocked it for the query's whole duration).
		expect(histogram.max / 1e6).toBeLessThan(queryMs);
	});

	it('E2: a transaction sees only its own statements; other callers wait for it and then see it committed', async () => {
		const { db } = open();
		await db.execute(sql`create table worker_tx (id int primary key, note text)`);
		let releaseTransaction!: () => void;
		const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
		let outsideDone = false;
		const transaction = db.transaction(async (tx) => {
			await tx.execute(sql`insert into worker_tx values (1, 'in the transaction')`);
			await held;
			await tx.execute(sql`insert into worker_tx values (2, 'still in it')`);
		});
		// Give the transaction its first statement before the outside caller queues.
		await new Promise((resolve) => setTimeout(resolve, 50));
		const outside = rowsOf(db.execute(sql`select count(*)::int as n from worker_tx`)).then((rows) => {
			outsideDone = true;
			return rows[0];
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(outsideDone).toBe(false);
		releaseTransaction();
		await transaction;
		expect(await outside).toEqual({ n: 2 });

		await expect(
			db.transaction(async (tx) => {
				await tx.execute(sql`insert into worker_tx values (3, 'rolled back')`);
				throw new Error('abandon');
			})
		).rejects.toThrow('abandon');
		expect(await rowsOf(db.execute(sql`select id from worker_tx order by id`))).toEqual([{ id: 1 }, { id: 2 }]);
	});

	it('E6: the messages of a query run as one unit and its answer comes back in one write; an error in a unit spoils nothing after its Sync', async () => {
		const pool = poolOf(open().db);
		// A connection of its own to the worker's socket, beside the pool's one (E2 keeps them apart).
		const client = new pg.Client({ host: pool.options.host, port: pool.options.port, user: 'postgres', database: 'postgres' });
		await client.connect();
		try {
			const stream = (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream;
			let chunks = 0;
			const count = () => chunks++;
			await client.query('create table worker_units (id serial primary key, note text)');
			const insert = { name: 'worker_units_insert', text: 'insert into worker_units (note) values ($1) returning id', rowMode: 'array' as const };
			await client.query({ ...insert, values: ['prepared'] });
			stream.on('data', count);
			const { rows } = await client.query({ ...insert, values: ['again'] });
			stream.off('data', count);
			expect(rows).toEqual([[2]]);
			// Bind, Execute, Sync in one chunk → BindComplete, DataRow, CommandComplete, ReadyForQuery in one.
			expect(chunks).toBe(1);

			await expect(client.query({ text: 'insert into worker_units (no_such_column) values ($1)', values: ['x'] })).rejects.toThrow(/no_such_column/);
			expect((await client.query('select count(*)::int as n from worker_units')).rows).toEqual([{ n: 2 }]);
			expect((await client.query({ ...insert, values: ['after the error'] })).rows).toEqual([[3]]);
		} finally {
			await client.end();
		}
	});

	it('E3: only one opener per data directory', async () => {
		await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(/already open/);
	});

	it('E3: close() flushes the data directory and ends the worker; reopening finds the data', async () => {
		const first = open();
		await first.db.execute(sql`create table worker_flush (id int primary key)`);
		await first.db.execute(sql`insert into worker_flush select generate_series(1, 1000)`);
		const worker = pgliteWorkerOf(first)!;
		const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
		await first.close();
		handle = undefined;
		expect(await exited).toBe(0);

		handle = await openDatabase({ kind: 'pglite', dataDir });
		expect((await rowsOf(handle.db.execute(sql`select count(*)::int as n from worker_flush`)))[0]).toEqual({ n: 1000 });
	});

	it('D1–D5: a crashed worker is an unreachable database; the process survives; committed data survives the crash', async () => {
		const { db } = open();
		await db.execute(sql`create table worker_crash (id int primary key)`);
		await db.execute(sql`insert into worker_crash values (1), (2), (3)`);
		expect(await databaseState(db)).toBe('ok');

		// Kill the thread abruptly, as a crash in the WASM would end it: no close, no flush.
		await pgliteWorkerOf(open())!.terminate();

		const error = await db.execute(sql`select 1`).then(
			() => undefined,
			(failure: unknown) => failure
		);
		expect(error).toBeInstanceOf(Error);
		expect(isDatabaseUnavailable(error)).toBe(true);
		expect(await databaseState(db)).toBe('unreachable');
		const health = await checkHealth({ db, kind: 'pglite', pendingUpdates: () => 0, projectionBacklog: () => 0 });
		expect(health.status).toBe(503);
		expect(health.body.database).toBe('unreachable');

		// Closing a crashed database does not hang, and frees the directory for the next opener,
		// which recovers it (PostgreSQL's own crash recovery) with every committed row.
		await open().close();
		handle = await openDatabase({ kind: 'pglite', dataDir });
		expect(await rowsOf(handle.db.execute(sql`select id from worker_crash order by id`))).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});

	it('E4: PGlite runs with the bounded memory settings, not its server defaults', async () => {
		const { db } = open();
		for (const setting of PGLITE_SETTINGS) {
			const [name, value] = setting.split(' = ') as [string, string];
			const rows = await rowsOf(db.execute(sql`select current_setting(${name}) as value`));
			expect(rows[0]).toEqual({ value });
		}
		// The worker's small young generation is in force (the thread's limits as V8 reports them).
		expect(pgliteWorkerOf(open())?.resourceLimits?.maxYoungGenerationSizeMb).toBe(PGLITE_WORKER_LIMITS.maxYoungGenerationSizeMb);
	});

	it('E5: a new data directory is created by a thread of its own, which has ended when the directory is ready', async () => {
		const fresh = await mkdtemp(join(tmpdir(), 'sodiem-pglite-initdb-'));
		try {
			const threadsBefore = new Set(threadIds());
			await initializeDataDir(fresh);
			expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
			// No thread is left behind holding initdb's memory.
			expect(threadIds().filter((id) => !threadsBefore.has(id))).toEqual([]);
			// The directory is an ordinary PGlite directory: the app opens, migrates and uses it.
			const opened = await openDatabase({ kind: 'pglite', dataDir: fresh });
			try {
				expect(await rowsOf(opened.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'yjs_updates'`))).toEqual([{ n: 1 }]);
			} finally {
				await opened.close();
			}
		} finally {
			await rm(fresh, { recursive: true, force: true });
		}
	});

	it('E5: openDatabase on a new directory never lets the database thread create it', async () => {
		const fresh = await mkdtemp(join(tmpdir(), 'sodiem-pglite-new-'));
		const warn = vi.spyOn(console, 'warn');
		try {
			const opened = await openDatabase({ kind: 'pglite', dataDir: fresh });
			await opened.close();
			expect(existsSync(join(fresh, 'PG_VERSION'))).toBe(true);
			expect(warn.mock.calls.filter(([text]) => String(text).includes('the database thread created'))).toEqual([]);
		} finally {
			warn.mockRestore();
			await rm(fresh, { recursive: true, force: true });
		}
	});

	it('pglite-memory opens, migrates and closes', async () => {
		const memory = await openDatabase({ kind: 'pglite-memory' });
		try {
			const tables = await rowsOf(memory.db.execute(sql`select count(*)::int as n from information_schema.tables where table_name = 'yjs_updates'`));
			expect(tables[0]).toEqual({ n: 1 });
		} finally {
			await memory.close();
		}
	});
});

/**
 * E7: single-user PGlite has no autovacuum and no checkpointer; the database thread does their
 * work between the connections' exchanges. Short intervals here; the app's are a minute and five.
 */
describe('PGlite housekeeping in the database thread (E7)', () => {
	let kept: DatabaseHandle;
	const maintenance = { vacuumEveryMs: 100, checkpointEveryMs: 100 };

	beforeAll(async () => {
		kept = await openDatabase({ kind: 'pglite-memory', maintenance });
	});

	afterAll(async () => {
		await kept.close();
	});

	async function tableStats(table: string): Promise<{ dead: number; vacuums: number; analyzes: number; bytes: number }> {
		const [row] = await rowsOf(
			kept.db.execute(sql`select n_dead_tup::int as dead, vacuum_count::int as vacuums, analyze_count::int as analyzes,
				pg_relation_size(relid)::int as bytes from pg_stat_user_tables where relname = ${table}`)
		);
		return row as { dead: number; vacuums: number; analyzes: number; bytes: number };
	}

	it('E7: deleted rows are vacuumed away and the table analyzed, as autovacuum would on a server', async () => {
		const { db } = kept;
		await db.execute(sql`create table chore_vacuum (id int primary key, note text)`);
		await db.execute(sql`insert into chore_vacuum select g, repeat('x', 200) from generate_series(1, 2000) g`);
		await db.execute(sql`delete from chore_vacuum`);
		await expect.poll(async () => (await tableStats('chore_vacuum')).vacuums, { timeout: 10_000 }).toBeGreaterThan(0);
		const after = await tableStats('chore_vacuum');
		expect(after.dead).toBe(0);
		expect(after.analyzes).toBeGreaterThan(0);
		// The emptied pages at the end of the file are given back: the table does not keep the rows' space.
		expect(after.bytes).toBe(0);
	});

	it('E7: the WAL is checkpointed after writes, so a restart after a crash replays minutes, not a gigabyte', async () => {
		const { db } = kept;
		const redo = async () => String((await rowsOf(db.execute(sql`select redo_lsn::text as lsn from pg_control_checkpoint()`)))[0]?.lsn);
		await db.execute(sql`create table chore_checkpoint (id int primary key)`);
		const before = await redo();
		await db.execute(sql`insert into chore_checkpoint select generate_series(1, 1000)`);
		await expect.poll(redo, { timeout: 10_000 }).not.toBe(before);
	});

	it('E7: housekeeping never runs inside a transaction; it waits for the commit', async () => {
		const { db } = kept;
		await db.execute(sql`create table chore_tx (id int primary key)`);
		// Dead rows committed and counted by the statistics (flushed about once a second), and a
		// transaction opened before the thread vacuums them: tried until it wins that race.
		let heldVacuums = -1;
		let lastVacuums = -1;
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let transaction: Promise<void> | undefined;
		for (let attempt = 0; attempt < 400 && heldVacuums < 0; attempt++) {
			if (attempt === 0) {
				await db.execute(sql`insert into chore_tx select generate_series(1, 500)`);
				await db.execute(sql`delete from chore_tx`);
			}
			let opened!: (vacuums: number | null) => void;
			const state = new Promise<number | null>((resolve) => (opened = resolve));
			const attemptTransaction = db.transaction(async (tx) => {
				const [row] = await rowsOf(tx.execute(sql`select n_dead_tup::int as dead, vacuum_count::int as vacuums from pg_stat_user_tables where relname = 'chore_tx'`));
				const vacuums = Number(row?.vacuums);
				const ready = Number(row?.dead) >= 100 && vacuums === lastVacuums;
				lastVacuums = vacuums;
				if (!ready) {
					opened(null);
					return;
				}
				opened(vacuums);
				await held;
				// Still a healthy transaction after several of the thread's ticks.
				await tx.execute(sql`insert into chore_tx values (1)`);
			});
			const vacuums = await state;
			if (vacuums !== null) {
				heldVacuums = vacuums;
				transaction = attemptTransaction;
				break;
			}
			await attemptTransaction;
			// The thread vacuumed first: new dead rows for the next try.
			if (lastVacuums > 0) {
				await db.execute(sql`insert into chore_tx select generate_series(1, 500)`);
				await db.execute(sql`delete from chore_tx`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(heldVacuums).toBeGreaterThanOrEqual(0);
		await new Promise((resolve) => setTimeout(resolve, 6 * maintenance.vacuumEveryMs));
		release();
		await transaction;
		expect(await rowsOf(db.execute(sql`select id from chore_tx`))).toEqual([{ id: 1 }]);
		await expect.poll(async () => (await tableStats('chore_tx')).vacuums, { timeout: 10_000 }).toBeGreaterThan(heldVacuums);
	});

	it('E7: housekeeping never runs between the messages of one exchange (it would replace the unnamed statement)', async () => {
		const pool = poolOf(kept.db);
		const socketPath = join(String(pool.options.host), `.s.PGSQL.${pool.options.port}`);
		const socket = connect(socketPath);
		const received: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => received.push(chunk));
		await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
		try {
			const types = () => messageTypes(Buffer.concat(received));
			socket.write(startupMessage());
			await expect.poll(types).toContain('Z');
			received.length = 0;
			// Parse alone, then several of the thread's ticks, then the rest of the exchange.
			socket.write(frontendMessage('P', cString(''), cString("select 'from this exchange'::text as said"), int16(0)));
			await new Promise((resolve) => setTimeout(resolve, 6 * maintenance.vacuumEveryMs));
			socket.write(Buffer.concat([
				frontendMessage('B', cString(''), cString(''), int16(0), int16(0), int16(0)),
				frontendMessage('E', cString(''), int32(0)),
				frontendMessage('S')
			]));
			await expect.poll(types).toContain('Z');
			expect(types()).toEqual(['1', '2', 'D', 'C', 'Z']);
			expect(Buffer.concat(received).includes('from this exchange')).toBe(true);
		} finally {
			socket.destroy();
		}
	});
});

/** The PostgreSQL wire protocol's pieces, for the test that must split an exchange by hand. */
function cString(text: string): Buffer {
	return Buffer.from(`${text}\0`, 'utf8');
}
function int16(value: number): Buffer {
	const buffer = Buffer.alloc(2);
	buffer.writeInt16BE(value);
	return buffer;
}
function int32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeInt32BE(value);
	return buffer;
}
function frontendMessage(type: string, ...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	return Buffer.concat([Buffer.from(type), int32(4 + body.length), body]);
}
function startupMessage(): Buffer {
	const body = Buffer.concat([int32(196608), cString('user'), cString('postgres'), cString('database'), cString('postgres'), cString('')]);
	return Buffer.concat([int32(4 + body.length), body]);
}
/** The type bytes of the backend's messages in `data`, in order. */
function messageTypes(data: Buffer): string[] {
	const types: string[] = [];
	for (let at = 0; at + 5 <= data.length; at += 1 + data.readInt32BE(at + 1)) types.push(String.fromCharCode(data[at]!));
	return types;
}
