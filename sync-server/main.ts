/**
 * Standalone composition root (`npm run sync-server`): environment → database → the sync
 * server's world (sync-server/composition.ts, the same one the app builds: projections, audit,
 * correction capture, access lookup, fan-out) → HTTP server with /healthz and the WebSocket
 * upgrade. Used when sync servers run as their own processes behind a load balancer, with the
 * app and each other sharing one database and one Redis. The environment is read by the
 * configuration module both hosts share (src/lib/server/config.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../drizzle/database';
import { ConfigError, readSyncServerConfig, type SyncServerConfig } from '../src/lib/server/config';
import { composeSync } from './composition';
import type { Health } from './health';
import { describeError, jsonLineLog } from './log';
import { logUnhandledRejections, stopOnSignals } from './process-guards';
import { refuseUpgrade } from './upgrade';

const log = jsonLineLog();

async function main(): Promise<void> {
	const config = loadConfig();
	const database = await openDatabase(config.database);
	const composed = composeSync({
		database,
		ticketSecret: config.ticketSecret,
		allowedOrigins: config.allowedOrigins,
		maxMessageBytes: config.maxMessageBytes,
		commitWindowMs: config.commitWindowMs,
		redisUrl: config.redisUrl,
		accessCheck: config.accessCheck,
		log
	});
	const { sync } = composed;
	const server = createServer((request, response) => void answerHttp(request, response, composed.health));
	server.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404);
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	stopOnSignals(
		async () => {
			server.close();
			await composed.close();
			server.closeAllConnections();
			await database.close();
		},
		{ log, pendingUpdates: () => sync.stats().pendingUpdates }
	);

	server.listen(config.port, config.host, () => {
		const { port } = server.address() as AddressInfo;
		// Tests parse this line to learn the port when PORT=0.
		console.log(`sync server listening on http://${config.host}:${port}`);
		log('info', 'listening', { host: config.host, port, db: database.kind, allowedOrigins: config.allowedOrigins, accessCheck: config.accessCheck, fanout: config.redisUrl ? 'redis' : 'none' });
	});
}

function loadConfig(): SyncServerConfig {
	try {
		return readSyncServerConfig(process.env);
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
