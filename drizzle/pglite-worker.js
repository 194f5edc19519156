/**
 * The embedded database's own thread (docs/architecture.md §8, E1–E7). PGlite runs here, in a
 * `node:worker_threads` worker, so its WASM never runs on the event loop that serves the sync
 * server's sockets. It speaks the PostgreSQL wire protocol on a Unix socket in a private (0700)
 * directory; the app reaches it with node-postgres, as it reaches PostgreSQL.
 *
 * Plain JavaScript on purpose: a worker is started from a file, and under Vite, vitest and
 * `node --import tsx` alike only a .js file loads without a TypeScript loader in the thread.
 *
 * PGlite is one PostgreSQL backend (one session): every incoming message runs in order, one at a
 * time, and while a connection is inside a transaction only that connection's messages run (E2).
 * It is PostgreSQL in single-user mode, without the background processes a server has: the
 * thread does their housekeeping itself, between the connections' exchanges (E7).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @typedef {{ vacuumEveryMs: number; checkpointEveryMs: number }} Maintenance */
/** @typedef {{ dataDir?: string; socketPath: string; postgresqlconf: string[]; maintenance: Maintenance }} WorkerOptions */

const SSL_REQUEST_CODE = 80877103;
const CANCEL_REQUEST_CODE = 80877102;
const PROTOCOL_3 = 196608;

if (!parentPort) throw new Error('pglite-worker.js runs as a worker thread (drizzle/database.ts starts it).');
const port = parentPort;
const options = /** @type {WorkerOptions} */ (workerData);

/** E5: the app creates a new directory in a thread of its own first; this one only opens. */
const madeDirectory = options.dataDir !== undefined && !existsSync(join(options.dataDir, 'PG_VERSION'));
const db = options.dataDir
	? new PGlite(options.dataDir, { postgresqlconf: options.postgresqlconf })
	: new PGlite({ postgresqlconf: options.postgresqlconf });

/** @type {Set<Connection>} */
const connections = new Set();
/** The connection whose transaction is open, whose messages alone may run until it ends (E2). */
/** @type {Connection | null} */
let transactionOwner = null;
/**
 * Units of messages waiting for the backend, in arrival order (E6: a chunk's complete messages).
 * `closesExchange`: the unit ends with Sync or is a simple Query, so the backend answers
 * ReadyForQuery after it (E7).
 */
/** @type {Array<{ connection: Connection; message: Uint8Array; closesExchange: boolean }>} */
const queue = [];
let running = false;
let closing = false;
/** E7: housekeeping waiting for the backend, by name (each at most once), in the order asked. */
/** @type {Map<string, () => Promise<void>>} */
const chores = new Map();

class Connection {
	/** @param {import('node:net').Socket} socket */
	constructor(socket) {
		this.socket = socket;
		this.buffer = Buffer.alloc(0);
		this.started = false;
		this.open = true;
		/** Its last unit run did not end at a Sync: the rest of its exchange is still to come (E7). */
		this.midExchange = false;
		socket.setNoDelay(true);
		socket.on('data', (chunk) => this.receive(chunk));
		socket.on('error', () => this.end());
		socket.on('close', () => this.end());
	}

	/** @param {Buffer} chunk */
	receive(chunk) {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		for (;;) {
			if (!this.started) {
				// Startup phase: length-prefixed messages without a type byte.
				if (this.buffer.length < 8) return;
				const length = this.buffer.readInt32BE(0);
				if (this.buffer.length < length) return;
				const code = this.buffer.readInt32BE(4);
				const message = this.buffer.subarray(0, length);
				this.buffer = this.buffer.subarray(length);
				if (code === SSL_REQUEST_CODE) {
					this.socket.write('N');
					continue;
				}
				if (code === CANCEL_REQUEST_CODE) continue; // one backend, nothing to signal
				if (code !== PROTOCOL_3) {
					this.socket.destroy();
					return;
				}
				this.started = true;
				enqueue(this, new Uint8Array(message), true);
				continue;
			}
			// Every complete message of this chunk runs as one unit (E6): a query's Bind, Execute
			// and Sync arrive together, and PGlite takes them in one call.
			const unit = [];
			while (this.buffer.length >= 5) {
				const length = 1 + this.buffer.readInt32BE(1);
				if (this.buffer.length < length) break;
				const type = this.buffer[0];
				const message = this.buffer.subarray(0, length);
				this.buffer = this.buffer.subarray(length);
				// 'X' Terminate ends this connection, not the one backend every connection shares.
				if (type === 0x58) {
					if (unit.length > 0) enqueue(this, new Uint8Array(Buffer.concat(unit)), closesExchange(unit));
					this.socket.end();
					this.end();
					return;
				}
				unit.push(message);
			}
			if (unit.length > 0) enqueue(this, new Uint8Array(unit.length === 1 ? unit[0] : Buffer.concat(unit)), closesExchange(unit));
			return;
		}
	}

	end() {
		if (!this.open) return;
		this.open = false;
		connections.delete(this);
		for (let i = queue.length - 1; i >= 0; i--) if (queue[i].connection === this) queue.splice(i, 1);
		if (transactionOwner === this) {
			// A connection that goes away inside a transaction must not leave it open for the next one.
			transactionOwner = null;
			queue.unshift({ connection: this, message: ROLLBACK, closesExchange: true });
		}
		pump();
	}
}

/** A simple-query ROLLBACK, run on behalf of a connection that left inside a transaction. */
const ROLLBACK = simpleQuery('ROLLBACK');

/** @param {string} text */
function simpleQuery(text) {
	const body = Buffer.from(`${text}\0`, 'utf8');
	const message = Buffer.alloc(5 + body.length);
	message[0] = 0x51; // 'Q'
	message.writeInt32BE(4 + body.length, 1);
	body.copy(message, 5);
	return new Uint8Array(message);
}

/** @param {Buffer[]} unit */
function closesExchange(unit) {
	const type = unit[unit.length - 1][0];
	return type === 0x53 /* Sync */ || type === 0x51 /* Query */;
}

/**
 * @param {Connection} connection
 * @param {Uint8Array} message
 * @param {boolean} closesExchange
 */
function enqueue(connection, message, closesExchange) {
	queue.push({ connection, message, closesExchange });
	pump();
}

/**
 * A chore may run: no transaction is open and no connection is halfway through an extended-query
 * exchange (a chore's own statement would replace that connection's unnamed statement).
 */
function choreMayRun() {
	if (chores.size === 0 || transactionOwner !== null || closing) return false;
	for (const connection of connections) if (connection.midExchange) return false;
	return true;
}

function pump() {
	if (running) return;
	running = true;
	void (async () => {
		try {
			for (;;) {
				// E7: one chore, then one unit of the connections', so a commit waits for at most
				// one chore's statement (a VACUUM: about 20 ms on a table kept vacuumed).
				if (choreMayRun()) await runNextChore();
				const index = transactionOwner ? queue.findIndex((item) => item.connection === transactionOwner) : 0;
				if (index < 0 || queue.length === 0) {
					if (choreMayRun()) continue;
					break;
				}
				const [{ connection, message, closesExchange }] = queue.splice(index, 1);
				// A unit's answers leave in one write (E6): the app's thread wakes once per query,
				// not once per answer message.
				connection.socket.cork();
				try {
					await db.execProtocolRawStream(message, {
						onRawData: (data) => {
							// The data is a view of the WASM memory: copy it before the next message reuses it.
							if (connection.open && connection.socket.writable) connection.socket.write(Buffer.from(data));
						}
					});
				} finally {
					connection.socket.uncork();
				}
				transactionOwner = db.isInTransaction() ? connection : null;
				connection.midExchange = !closesExchange;
			}
		} finally {
			running = false;
		}
	})().catch((error) => {
		// The backend itself failed (not a statement: those come back as ErrorResponse messages).
		// Nothing sensible can run on it any more: end the thread, the app sees the database as
		// unreachable (sync-server SPEC D1–D5) and says so.
		console.error('[pglite-worker] the database failed:', error);
		process.exit(1);
	});
}

/**
 * E7: the housekeeping of a PostgreSQL server's background processes, which single-user PGlite
 * lacks. Without autovacuum, every row a compaction deletes stays in the files for good (the
 * database grows with every mark ever typed), the planner's statistics are never gathered and
 * transaction ids are never frozen; without the checkpointer, the WAL grows up to max_wal_size
 * (1 GB) before a checkpoint, and a restart after a crash replays all of it.
 */
async function runNextChore() {
	const [name, chore] = chores.entries().next().value ?? [];
	if (!name || !chore) return;
	chores.delete(name);
	try {
		await chore();
	} catch (error) {
		console.warn(`[pglite-worker] ${name} failed:`, error instanceof Error ? error.message : error);
	}
}

/**
 * @param {string} name
 * @param {() => Promise<void>} chore
 */
function ask(name, chore) {
	if (closing || chores.has(name)) return;
	chores.set(name, chore);
	pump();
}

/**
 * Tables autovacuum would take now, by its default thresholds (PostgreSQL's own formulas:
 * dead rows, rows inserted since the last vacuum, rows changed since the last analyze, and
 * transaction-id age past vacuum_freeze_table_age, which makes the VACUUM freeze).
 */
const TABLES_DUE = `
select format('%I.%I', n.nspname, c.relname) as name
from pg_stat_all_tables s
join pg_class c on c.oid = s.relid
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'm') and c.relpersistence = 'p' and n.nspname <> 'pg_toast'
  and (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
    or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
    or s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    or age(c.relfrozenxid) > 150000000)
order by s.n_dead_tup + s.n_ins_since_vacuum desc`;

async function findTablesDue() {
	const { rows } = await db.query(TABLES_DUE);
	// One VACUUM per chore: the connections' queries run between them.
	for (const { name } of /** @type {Array<{ name: string }>} */ (rows)) ask(`vacuum ${name}`, () => db.exec(`VACUUM (ANALYZE) ${name}`).then(() => undefined));
}

/** The WAL position after this thread's last checkpoint: an idle database is not checkpointed again. */
let checkpointedAt = '';

async function checkpointIfWritten() {
	const position = async () => /** @type {{ lsn: string }} */ ((await db.query('select pg_current_wal_insert_lsn()::text as lsn')).rows[0]).lsn;
	if ((await position()) === checkpointedAt) return;
	await db.exec('CHECKPOINT');
	checkpointedAt = await position();
}

const maintenanceTimers = [
	setInterval(() => ask('vacuum check', findTablesDue), options.maintenance.vacuumEveryMs),
	setInterval(() => ask('checkpoint', checkpointIfWritten), options.maintenance.checkpointEveryMs)
];
for (const timer of maintenanceTimers) timer.unref();

const server = createServer((socket) => {
	if (closing) {
		socket.destroy();
		return;
	}
	connections.add(new Connection(socket));
});

async function close() {
	closing = true;
	for (const timer of maintenanceTimers) clearInterval(timer);
	chores.clear();
	await new Promise((resolve) => server.close(() => resolve(undefined)));
	for (const connection of [...connections]) {
		connection.socket.destroy();
		connection.end();
	}
	while (running || queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
	// Closing PGlite shuts the backend down and flushes the data directory (E3).
	await db.close();
}

port.on('message', (/** @type {{ type: string }} */ message) => {
	if (message.type === 'close') {
		close().then(
			() => {
				port.postMessage({ type: 'closed' });
				port.close();
			},
			(error) => {
				port.postMessage({ type: 'closed', error: String(error) });
				port.close();
			}
		);
	}
});

try {
	await db.waitReady;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.socketPath, () => resolve(undefined));
	});
	port.postMessage({ type: 'ready', madeDirectory });
} catch (error) {
	port.postMessage({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
	await db.close().catch(() => undefined);
	port.close();
}
