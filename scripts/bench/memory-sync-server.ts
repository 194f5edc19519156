/**
 * `--db memory`: our sync server exactly as sync-server/main.ts composes it (same environment,
 * same ticket check, same rooms and group commit) but on MemoryDocStorage. Against the PGlite or
 * PostgreSQL run it tells how much of our cost is the database and how much is the rest.
 * Run as a child process by bench-sync.ts; prints the same listening line as main.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSyncServerConfig } from '../../src/lib/server/config';
import { originPolicy } from '../../sync-server/config';
import { jsonLineLog } from '../../sync-server/log';
import { MemoryDocStorage } from '../../sync-server/persistence/memory-doc-storage';
import { createSyncServer, trustTickets } from '../../sync-server/sync-server';
import { refuseUpgrade } from '../../sync-server/upgrade';
import { BENCH_DOCS_ENV, provisionStorage, type ProvisionedDocument } from './provision';

const config = readSyncServerConfig(process.env);
const storage = new MemoryDocStorage();
await provisionStorage(storage, JSON.parse(process.env[BENCH_DOCS_ENV] ?? '[]') as ProvisionedDocument[]);
const sync = createSyncServer({
	storage,
	ticketSecret: config.ticketSecret,
	// No school in memory to ask: tickets alone decide, as SYNC_ACCESS_CHECK=ticket does for main.ts.
	authorize: trustTickets,
	isOriginAllowed: originPolicy(config.allowedOrigins),
	maxMessageBytes: config.maxMessageBytes,
	log: jsonLineLog()
});
const server = createServer((_request, response) => {
	response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
});
server.on('upgrade', (request, socket, head) => {
	if (!sync.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404);
});
server.on('clientError', (_error, socket) => socket.destroy());

const stop = async () => {
	server.close();
	await sync.close();
	server.closeAllConnections();
	process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

server.listen(config.port, config.host, () => {
	const { port } = server.address() as AddressInfo;
	console.log(`sync server listening on http://${config.host}:${port}`);
});
