/**
 * The app's composition root (scripts/compose.ts) in the test process, with the demo school
 * seeded, on a fresh PostgreSQL database or a PGlite data directory, and its sync endpoint on a
 * real HTTP server — for tests of the app's sync hooks through real WebSockets. Every staff member
 * gets a signed-in session (acting as staff), so tickets carry a session the app's authoriser finds.
 * With `serveApp` the same server also serves the built SvelteKit app (build/handler.js, as
 * `npm start` does), so a test can request pages and downloads with a session cookie.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeApp, type ComposedApp } from '../../../scripts/compose';
import { staffRoles } from '../../../drizzle/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../../src/lib/server/session';
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
	/** Where the app listens. */
	origin: string;
	/**
	 * `serveApp` only: the Origin a form post must carry (SvelteKit's CSRF check). It is the origin of
	 * the first app served in this test process, which a later one on another port inherits.
	 */
	formOrigin: string;
	/** `serveApp` only: a fetch that carries a fresh staff session of `personId`. */
	signedIn(personId: string): Promise<(path: string, init?: RequestInit) => Promise<Response>>;
	stop(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The origin the built app was first loaded with in this process (see `formOrigin`). */
let servedOrigin: string | undefined;

export async function startComposedApp(backend: 'postgres' | 'pglite', prefix: string, options: { serveApp?: boolean } = {}): Promise<RunningApp> {
	let handler: Handler = (_request, response) => response.writeHead(404).end();
	const http = createServer((request, response) => handler(request, response));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const port = (http.address() as AddressInfo).port;
	const origin = `http://127.0.0.1:${port}`;
	const env: Record<string, string> = { DEMO: '1', PORT: String(port), ORIGIN: origin, DATA_DIR: mkdtempSync(join(tmpdir(), prefix)) };
	const database = backend === 'postgres' ? await createTestDatabase() : undefined;
	if (database) env.DATABASE_URL = database.url;
	const app = await composeApp(env);
	const sessionOf = new Map<string, string>();
	const staff = new Set((await app.services.db.select({ personId: staffRoles.personId }).from(staffRoles)).map((row) => row.personId));
	for (const personId of staff) {
		const session = await createSession(app.services.db, generateSessionToken(), personId, new Date(), { activeRole: 'staff' });
		sessionOf.set(personId, session.id);
	}
	http.on('upgrade', (request, socket, head) => {
		if (!app.syncServer.handleUpgrade(request, socket, head)) socket.destroy();
	});
	if (options.serveApp) {
		// adapter-node reads ORIGIN once, when handler.js is first evaluated in this process.
		servedOrigin ??= process.env.ORIGIN = origin;
		handler = ((await import(pathToFileURL(resolve('build/handler.js')).href)) as { handler: Handler }).handler;
	}
	const syncUrl = `ws://127.0.0.1:${port}/sync`;
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
		origin,
		formOrigin: servedOrigin ?? origin,
		ticket,
		async signIn(personId, role) {
			const session = await createSession(app.services.db, generateSessionToken(), personId, new Date(), { activeRole: role });
			sessionOf.set(personId, session.id);
		},
		async signedIn(personId) {
			const token = generateSessionToken();
			await createSession(app.services.db, token, personId, new Date(), { activeRole: 'staff' });
			return (path, init = {}) => {
				const headers = new Headers(init.headers);
				headers.set('cookie', `${SESSION_COOKIE}=${token}`);
				return fetch(`${origin}${path}`, { ...init, headers, redirect: 'manual' });
			};
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
