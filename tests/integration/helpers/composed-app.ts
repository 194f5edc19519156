/**
 * The app's composition root (scripts/compose.ts) in the test process, with the demo school
 * seeded, on a fresh PostgreSQL database or a PGlite data directory, and its sync endpoint on a
 * real HTTP server — for tests of the app's sync hooks through real WebSockets. Every staff member
 * gets a signed-in session (acting as staff), so tickets carry a session the app's authoriser finds.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp, type ComposedApp } from '../../../scripts/compose';
import { staffRoles } from '../../../drizzle/schema';
import { createSession, generateSessionToken } from '../../../src/lib/server/session';
import { mintTicket, newTicketId } from '../../../src/lib/ydoc/sync-ticket';
import { createTestDatabase } from '../../helpers/test-database';
import { connectClient, type SyncClient } from './sync-clients';

export interface RunningApp {
	app: ComposedApp;
	/**
	 * A stock y-websocket client for `document`, with tickets for `person` (a staff member) minted
	 * with the app's secret under their session — a fresh one before every reconnect, as in a browser.
	 */
	connect(document: string, person: { id: string; name: string }, access: 'read' | 'write'): SyncClient;
	/** One ticket, as POST /api/sync-ticket would mint it for the person's session. */
	ticket(document: string, person: { id: string; name: string }, access: 'read' | 'write'): string;
	/** Starts a session for someone who is not staff (a guardian), acting in `role`. */
	signIn(personId: string, role: 'staff' | 'guardian'): Promise<void>;
	syncUrl: string;
	stop(): Promise<void>;
}

export async function startComposedApp(backend: 'postgres' | 'pglite', prefix: string): Promise<RunningApp> {
	const env: Record<string, string> = { DEMO: '1', PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), prefix)) };
	const database = backend === 'postgres' ? await createTestDatabase() : undefined;
	if (database) env.DATABASE_URL = database.url;
	const app = await composeApp(env);
	const sessionOf = new Map<string, string>();
	const staff = new Set((await app.services.db.select({ personId: staffRoles.personId }).from(staffRoles)).map((row) => row.personId));
	for (const personId of staff) {
		const session = await createSession(app.services.db, generateSessionToken(), personId, new Date(), { activeRole: 'staff' });
		sessionOf.set(personId, session.id);
	}
	const http = createServer((_request, response) => response.writeHead(404).end());
	http.on('upgrade', (request, socket, head) => {
		if (!app.syncServer.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const syncUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
	const clients: SyncClient[] = [];
	const ticket = (document: string, person: { id: string; name: string }, access: 'read' | 'write') => {
		const sid = sessionOf.get(person.id);
		if (!sid) throw new Error(`${person.id} has no session: staff have one, others need signIn()`);
		return mintTicket(app.services.keys.syncTicketSecret, {
			sub: person.id,
			name: person.name,
			doc: document,
			access,
			exp: Math.floor(Date.now() / 1000) + 60,
			jti: newTicketId(),
			sid
		});
	};
	return {
		app,
		syncUrl,
		ticket,
		async signIn(personId, role) {
			const session = await createSession(app.services.db, generateSessionToken(), personId, new Date(), { activeRole: role });
			sessionOf.set(personId, session.id);
		},
		connect(document, person, access) {
			const client = connectClient(syncUrl, document, () => ticket(document, person, access));
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
