/**
 * The app's composition root (scripts/compose.ts) in the test process, with the demo school
 * seeded, on a fresh PostgreSQL database or a PGlite data directory, and its sync endpoint on a
 * real HTTP server — for tests of the app's sync hooks through real WebSockets.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp, type ComposedApp } from '../../../scripts/compose';
import { mintTicket } from '../../../src/lib/ydoc/sync-ticket';
import { createTestDatabase } from '../../helpers/test-database';
import { connectClient, type SyncClient } from './sync-clients';

export interface RunningApp {
	app: ComposedApp;
	/** A stock y-websocket client for `document`, with a ticket for `person` minted with the app's secret. */
	connect(document: string, person: { id: string; name: string }, access: 'read' | 'write'): SyncClient;
	stop(): Promise<void>;
}

export async function startComposedApp(backend: 'postgres' | 'pglite', prefix: string): Promise<RunningApp> {
	const env: Record<string, string> = { DEMO: '1', PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), prefix)) };
	const database = backend === 'postgres' ? await createTestDatabase() : undefined;
	if (database) env.DATABASE_URL = database.url;
	const app = await composeApp(env);
	const http = createServer((_request, response) => response.writeHead(404).end());
	http.on('upgrade', (request, socket, head) => {
		if (!app.syncServer.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const syncUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
	const clients: SyncClient[] = [];
	return {
		app,
		connect(document, person, access) {
			const ticket = mintTicket(app.services.keys.syncTicketSecret, {
				sub: person.id,
				name: person.name,
				doc: document,
				access,
				exp: Math.floor(Date.now() / 1000) + 600
			});
			const client = connectClient(syncUrl, document, ticket);
			clients.push(client);
			return client;
		},
		async stop() {
			for (const client of clients) client.destroy();
			http.closeAllConnections();
			await new Promise((resolve) => http.close(resolve));
			await app.close();
			await database?.drop();
		}
	};
}
