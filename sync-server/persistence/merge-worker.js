/**
 * Merges stored Yjs updates off the event loop (sync-server SPEC K4): compaction and the
 * anti-entropy reload run `Y.mergeUpdates` over the whole document, tens of milliseconds for
 * a busy gradebook, which on the sync server's own thread would hold up every socket.
 *
 * Plain JavaScript for the same reason as drizzle/pglite-worker.js: a worker starts from a file,
 * and only a .js file loads in the thread without a TypeScript loader.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

if (!parentPort) throw new Error('merge-worker.js runs as a worker thread (sync-server/persistence/merge-thread.ts starts it).');
const port = parentPort;

port.on('message', (/** @type {{ id: number; updates: Uint8Array[] }} */ job) => {
	try {
		const merged = Y.mergeUpdates(job.updates);
		port.postMessage({ id: job.id, merged }, [merged.buffer]);
	} catch (error) {
		port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
	}
});
