/**
 * Creates a new PGlite data directory in a thread of its own, then ends (docs/architecture.md §8,
 * E5). Creating one runs PostgreSQL's initdb inside PGlite's WASM, whose memory grows to several
 * hundred MiB and is never given back while the thread lives; ending the thread frees it, so the
 * database thread that serves the app starts on a ready directory at its ordinary size.
 *
 * Plain JavaScript for the same reason as pglite-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pglite-initdb-worker.js runs as a worker thread (drizzle/database.ts starts it).');

const options = /** @type {{ dataDir: string; postgresqlconf: string[] }} */ (workerData);
const db = new PGlite(options.dataDir, { postgresqlconf: options.postgresqlconf });
await db.waitReady;
await db.close();
parentPort.postMessage({ type: 'initialized' });
