/**
 * Standalone composition root (`npm run sync-server`): environment → database → storage → sync
 * server → HTTP server with /healthz and the WebSocket upgrade. Used when the sync server runs
 * as its own process; the app's own composition root mounts createSyncServer the same way.
 * See config.ts for the environment variables.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../drizzle/database';
import { ConfigError, originPolicy, readConfig, type SyncServerConfig } from './config';
import { describeError, jsonLineLog } from './log';
import { createRedisFanout } from './fanout/redis-fanout';
import { checkHealth, type Health } from './health';
import { DrizzleDocStorage } from './persistence/drizzle-doc-storage';
import { databaseAuthorizer } from '../src/lib/server/sync-access';
import { logUnhandledRejections, stopOnSignals } from './process-guards';
import { createSyncServer, trustTickets } from './sync-server';
import { refuseUpgrade } from './upgrade';

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
	const health = () => checkHealth({ db: database.db, kind: database.kind, pendingUpdates: () => sync.stats().pendingUpdates, projectionBacklog: () => 0 });
	const server = createServer((request, response) => void answerHttp(request, response, health));
	server.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404);
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	stopOnSignals(
		async () => {
			server.close();
			await sync.close();
			await fanout?.close();
			server.closeAllConnections();
			await database.close();
		},
		{ log, pendingUpdates: () => sync.stats().pendingUpdates }
	);

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

async function answerHttp(request: IncomingMessage, response: ServerResponse, health: () => Promise<Health>): Promise<void> {
	if (request.method !== 'GET' || request.url !== '/healthz') {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
		return;
	}
	const { status, body } = await health();
	if (status !== 200) log('error', 'health check failed', body);
	response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

// A bug in one request path must not take every open document down with it.
logUnhandledRejections(log);

main().catch((error: unknown) => {
	log('error', 'sync server failed to start', { error: describeError(error) });
	process.exit(1);
});
