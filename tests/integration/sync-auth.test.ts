/**
 * Authentication at the upgrade, against the real server process on PostgreSQL and PGlite:
 * bad tickets get 401, foreign origins 403, bad names 400 — before any document is loaded.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import { TICKET_SECRET_ENV, ticketFor, tryUpgrade, uniqueDocument } from './helpers/sync-clients';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

const APP_ORIGIN = 'http://localhost:5173';

describe.each(syncBackendNames)('sync server authentication on %s', (backendName) => {
	let backend: SyncBackend;
	let server: SyncServerProcess;
	const url = (document: string, ticket?: string) =>
		`${server.syncUrl}/${document}${ticket === undefined ? '' : `?ticket=${encodeURIComponent(ticket)}`}`;
	const loadsOf = (document: string) => server.logs.filter((line) => line.message === 'document loaded' && line.document === document);

	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV, ALLOWED_ORIGINS: APP_ORIGIN } });
	});
	afterAll(async () => {
		await server?.stop();
		await backend?.cleanup();
	});

	it('opens with a valid ticket (the control for the refusals below)', async () => {
		const document = uniqueDocument();
		const outcome = await tryUpgrade(url(document, ticketFor(document, 'write')), { Origin: APP_ORIGIN });
		expect(outcome.opened).toBe(true);
		if (outcome.opened) outcome.socket.close();
	});

	it('refuses forged, expired, wrong-document and missing tickets with 401, touching no document (sync-server SPEC U4)', async () => {
		const document = uniqueDocument();
		const forged = ticketFor(document, 'write', { secret: randomBytes(32) });
		const expired = ticketFor(document, 'write', { expiresInSeconds: -5 });
		const otherDocument = ticketFor(document, 'write', { ticketDocument: uniqueDocument() });
		for (const ticket of [forged, expired, otherDocument, undefined, 'not-a-ticket']) {
			expect(await tryUpgrade(url(document, ticket))).toEqual({ opened: false, status: 401 });
		}
		// The log travels through a pipe: wait for the last refusal's line before reading them all.
		await server.waitForLog((line) => line.document === document && line.reason === 'ticket malformed');
		const reasons = server.logs
			.filter((line) => line.message === 'upgrade refused' && line.document === document)
			.map((line) => line.reason);
		expect(reasons).toEqual(['ticket bad-signature', 'ticket expired', 'ticket wrong-document', 'missing ticket', 'ticket malformed']);
		expect(loadsOf(document)).toEqual([]);
		// Tickets are credentials: never in the log.
		const logText = JSON.stringify(server.logs);
		for (const ticket of [forged, expired, otherDocument]) expect(logText).not.toContain(ticket.split('.')[1]);
	});

	it('refuses a cross-origin upgrade with 403 even with a valid ticket (sync-server SPEC U2)', async () => {
		const document = uniqueDocument();
		const outcome = await tryUpgrade(url(document, ticketFor(document, 'write')), { Origin: 'http://evil.example' });
		expect(outcome).toEqual({ opened: false, status: 403 });
		expect(loadsOf(document)).toEqual([]);
		await server.waitForLog((line) => line.message === 'upgrade refused' && line.status === 403 && line.origin === 'http://evil.example');
	});

	it('refuses a name that is not a document with 400, and paths outside /sync/ with 404 (sync-server SPEC U3, U1)', async () => {
		for (const name of ['report/everything', 'gradebook/THCS%20NVB/2025-2026/hk1/6a1/toan', 'gradebook/a%2F..%2Fb/2025-2026/hk1/6a1/toan']) {
			expect(await tryUpgrade(url(name, ticketFor(name, 'write')))).toEqual({ opened: false, status: 400 });
		}
		// The client resolves the dots: this asks for /etc/passwd, which is not a sync path at all.
		const escape = 'gradebook/../../etc/passwd';
		expect(await tryUpgrade(url(escape, ticketFor(escape, 'write')))).toEqual({ opened: false, status: 404 });
	});
});
