/**
 * Scale-out (docs/architecture.md §1): two sync server processes share one PostgreSQL database and fan
 * updates out through the real Redis. A teacher connected to one instance and a co-teacher on the
 * other converge, each instance's clients get "persisted" for what they see, and the hooks'
 * single-writer rule holds (the stored rows rebuild the same document).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSyncBackend, type SyncBackend } from './helpers/sync-backend';
import { connectClient, covers, TICKET_SECRET_ENV, ticketFor, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { marksOf, testStudent } from './helpers/test-gradebook';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two sync server instances with Redis fan-out', () => {
	let backend: SyncBackend;
	let first: SyncServerProcess;
	let second: SyncServerProcess;
	const clients: SyncClient[] = [];

	let documents: string[];
	beforeAll(async () => {
		backend = await openSyncBackend('postgres');
		documents = await backend.provisionGradebooks(2);
		const env = { ...backend.env, ...TICKET_SECRET_ENV, REDIS_URL };
		[first, second] = await Promise.all([startSyncServerProcess({ env }), startSyncServerProcess({ env })]);
	});
	afterEach(() => {
		for (const client of clients.splice(0)) client.destroy();
	});
	afterAll(async () => {
		await Promise.all([first?.stop(), second?.stop()]);
		await backend?.cleanup();
	});

	function connect(server: SyncServerProcess, document: string, personId: string): SyncClient {
		const client = connectClient(server.syncUrl, document, ticketFor(document, 'write', { personId }));
		clients.push(client);
		return client;
	}

	it('clients on different instances see each other\'s edits, both ways', async () => {
		const document = documents[0]!;
		const onFirst = connect(first, document, 'teacher');
		const onSecond = connect(second, document, 'co-teacher');
		await Promise.all([whenSynced(onFirst), whenSynced(onSecond)]);
		onFirst.mark('hs-01', 'tx1', 75);
		await waitUntil(() => onSecond.marks()['hs-01:tx1'] === 75, 'first → second', 10_000);
		onSecond.mark('hs-02', 'tx1', 90);
		await waitUntil(() => onFirst.marks()['hs-02:tx1'] === 90, 'second → first', 10_000);
		// Each instance acknowledges, as durable, everything its own client sees.
		await waitUntil(() => onSecond.persisted.some((sv) => covers(sv, onSecond.doc)), 'second instance persisted all it shows');
		await waitUntil(() => onFirst.persisted.some((sv) => covers(sv, onFirst.doc)), 'first instance persisted all it shows');
	});

	it('an instance that opens the document later gets earlier edits from the database', async () => {
		const document = documents[1]!;
		const early = connect(first, document, 'teacher');
		await whenSynced(early);
		for (let i = 0; i < 20; i++) early.mark(testStudent(i), 'tx1', i);
		await waitUntil(() => early.persisted.some((sv) => covers(sv, early.doc)), 'persisted on the first instance');
		const late = connect(second, document, 'co-teacher');
		await whenSynced(late);
		await waitUntil(() => Object.keys(late.marks()).length === 20, 'the late instance loaded the document');
		const stored = await backend.readDocument(document);
		expect(marksOf(stored.doc)).toEqual(early.marks());
	});
});
