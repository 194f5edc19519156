/**
 * The embedded database's own thread (docs/architecture.md §8, E1–E6). PGlite runs here, in a
 * `node:worker_threads` worker, so its WASM never runs on the event loop that serves the sync
 * server's sockets. It speaks the PostgreSQL wire protocol on a Unix socket in a private (0700)
 * directory; the app reaches it with node-postgres, as it reaches PostgreSQL.
 *
 * Plain JavaScript on purpose: a worker is started from a file, and under Vite, vitest and
 * `node --import tsx` alike only a .js file loads without a TypeScript loader in the thread.
 *
 * PGlite is one PostgreSQL backend (one session): every incoming message runs in order, one at a
 * time, and while a connection is inside a transaction only that connection's messages run (E2).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** @typedef {{ dataDir?: string; socketPath: string; postgresqlconf: string[] }} WorkerOptions */

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
/** Units of messages waiting for the backend, in arrival order (E6: a chunk's complete messages). */
/** @type {Array<{ connection: Connection; message: Uint8Array }>} */
const queue = [];
let running = false;
let closing = false;

class Connection {
	/** @param {import('node:net').Socket} socket */
	constructor(socket) {
		this.socket = socket;
		this.buffer = Buffer.alloc(0);
		this.started = false;
		this.open = true;
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
				enqueue(this, new Uint8Array(message));
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
					if (unit.length > 0) enqueue(this, new Uint8Array(Buffer.concat(unit)));
					this.socket.end();
					this.end();
					return;
				}
				unit.push(message);
			}
			if (unit.length > 0) enqueue(this, new Uint8Array(unit.length === 1 ? unit[0] : Buffer.concat(unit)));
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
			queue.unshift({ connection: this, message: ROLLBACK });
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

/**
 * @param {Connection} connection
 * @param {Uint8Array} message
 */
function enqueue(connection, message) {
	queue.push({ connection, message });
	pump();
}

function pump() {
	if (running) return;
	running = true;
	void (async () => {
		try {
			for (;;) {
				const index = transactionOwner ? queue.findIndex((item) => item.connection === transactionOwner) : 0;
				if (index < 0 || queue.length === 0) break;
				const [{ connection, message }] = queue.splice(index, 1);
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

const server = createServer((socket) => {
	if (closing) {
		socket.destroy();
		return;
	}
	connections.add(new Connection(socket));
});

async function close() {
	closing = true;
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
