/**
 * Standalone composition root (`npm run sync-server`): environment → database → storage → sync
 * server → HTTP server with /healthz and the WebSocket upgrade. Used when the sync server runs
 * as its own process; the app's own composition root mounts createSyncServer the same way.
 * See config.ts for the environment variables.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../drizzle/database';
import { ConfigError, originPolicy, readConfig, type SyncServerConfig } from './config';
import { describeError, jsonLineLog } from './log';
import { createRedisFanout } from './fanout/redis-fanout';
import { DrizzleDocStorage } from './persistence/drizzle-doc-storage';
import { databaseAuthorizer } from '../src/lib/server/sync-access';
import { createSyncServer, trustTickets } from './sync-server';
import { refuseUpgrade } from './upgrade';

/** A database that does not answer must not keep a stopping process (and its deploy) hanging. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

const log = jsonLineLog();

async function main(): Promise<void> {
	const config = loadConfig();
	const database = await openDatabase(config.database);
	const fanout = config.redisUrl ? createRedisFanout(config.redisUrl, log) : undefined;
	const sync = createSyncServer({
		fanout,
		storage: new DrizzleDocStorage(database.db),
		ticketSecret: config.ticketSecret,
		authorize: config.accessCheck === 'database' ? databaseAuthorizer(database.db) : trustTickets,
		isOriginAllowed: originPolicy(config.allowedOrigins),
		maxMessageBytes: config.maxMessageBytes,
		log
	});
	const server = createServer((request, response) => void answerHttp(request, response, database));
	server.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404);
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		log('info', 'shutting down', { signal });
		setTimeout(() => {
			log('error', 'shutdown timed out: writes still pending', { pendingUpdates: sync.stats().pendingUpdates });
			process.exit(1);
		}, SHUTDOWN_TIMEOUT_MS);
		server.close();
		await sync.close();
		await fanout?.close();
		server.closeAllConnections();
		await database.close();
		log('info', 'stopped');
		process.exit(0);
	};
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	server.listen(config.port, config.host, () => {
		const { port } = server.address() as AddressInfo;
		// Tests parse this line to learn the port when PORT=0.
		console.log(`sync server listening on http://${config.host}:${port}`);
		log('info', 'listening', { host: config.host, port, db: database.kind, allowedOrigins: config.allowedOrigins, accessCheck: config.accessCheck });
	});
}

function loadConfig(): SyncServerConfig {
	try {
		return readConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(`sync server: ${error.message}`);
		process.exit(1);
	}
}

async function answerHttp(request: IncomingMessage, response: ServerResponse, database: DatabaseHandle): Promise<void> {
	if (request.method !== 'GET' || request.url !== '/healthz') {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
		return;
	}
	try {
		await database.db.execute(sql`select 1`);
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, db: database.kind }));
	} catch (error) {
		log('error', 'health check failed', { error: describeError(error) });
		response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, db: database.kind }));
	}
}

// A bug in one request path must not take every open document down with it.
process.on('unhandledRejection', (reason) => log('error', 'unhandled rejection', { error: describeError(reason) }));

main().catch((error: unknown) => {
	log('error', 'sync server failed to start', { error: describeError(error) });
	process.exit(1);
});
