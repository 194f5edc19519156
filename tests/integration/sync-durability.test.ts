/**
 * Durability through the real process: "persisted" is announced only for what is in the
 * database, and a server killed mid-edit loses nothing once its client reconnects.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import {
	connectClient,
	covers,
	TICKET_SECRET_ENV,
	ticketFor,
	waitUntil,
	whenSynced,
	type SyncClient
} from './helpers/sync-clients';
import { marksOf, TEST_COLUMNS, TEST_STUDENT_COUNT, testStudent } from './helpers/test-gradebook';
import { freePort, startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(syncBackendNames)('sync durability on %s', (backendName) => {
	let backend: SyncBackend;
	const servers: SyncServerProcess[] = [];
	const clients: SyncClient[] = [];
	const start = async (port?: number) => {
		const server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV }, port });
		servers.push(server);
		return server;
	};

	let documents: string[];
	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		documents = await backend.provisionGradebooks(2);
	});
	afterEach(async () => {
		for (const client of clients.splice(0)) client.destroy();
		await Promise.all(servers.splice(0).map((server) => server.crash()));
	});
	afterAll(async () => {
		await backend?.cleanup();
	});

	it('"persisted" covers the edits only once they are in the database (sync-server SPEC S2)', async () => {
		const server = await start();
		const document = documents.pop()!;
		const client = connectClient(server.syncUrl, document, ticketFor(document, 'write'));
		clients.push(client);
		await whenSynced(client);

		// The moment a "persisted" that covers every edit arrives, the server is killed: whatever
		// it claimed durable must then be in the database, with no chance to finish a write.
		let claimed: Uint8Array | null = null;
		client.onPersisted((stateVector) => {
			if (claimed || Object.keys(client.marks()).length < 40 || !covers(stateVector, client.doc)) return;
			claimed = stateVector;
			void server.crash();
		});
		for (let row = 0; row < 40; row++) {
			client.mark(testStudent(row), 'tx1', row);
			if (row % 8 === 7) await sleep(3);
		}
		await waitUntil(() => claimed !== null, 'a "persisted" message covering all 40 edits');
		await server.exited;

		const stored = await backend.readDocument(document);
		expect(covers(claimed!, stored.doc)).toBe(true);
		expect(marksOf(stored.doc)).toEqual(client.marks());
	});

	it('a server killed mid-edit loses nothing: the client reconnects to its restart and every edit is stored (sync-server SPEC S3)', async () => {
		const port = await freePort();
		let server = await start(port);
		const document = documents.pop()!;
		const client = connectClient(server.syncUrl, document, ticketFor(document, 'write'));
		clients.push(client);
		await whenSynced(client);

		const total = 300;
		let written = 0;
		const typing = (async () => {
			for (; written < total; written++) {
				client.mark(testStudent(written % TEST_STUDENT_COUNT), TEST_COLUMNS[Math.floor(written / TEST_STUDENT_COUNT)]!, written % 100);
				await sleep(4);
			}
		})();
		await waitUntil(() => written >= 100, '100 cells typed');
		await server.crash();
		const writtenAtCrash = written;
		server = await start(port);
		await typing;
		expect(writtenAtCrash).toBeLessThan(total);

		await waitUntil(() => client.provider.synced, 'the client reconnected to the restarted server', 15_000);
		await waitUntil(() => client.persisted.some((stateVector) => covers(stateVector, client.doc)), 'every edit persisted', 15_000);
		expect(await server.stop()).toBe(0);

		const stored = await backend.readDocument(document);
		expect(Object.keys(marksOf(stored.doc))).toHaveLength(total);
		expect(marksOf(stored.doc)).toEqual(client.marks());
	});
});
