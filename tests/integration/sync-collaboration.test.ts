/**
 * Collaboration through the real sync server process, on PostgreSQL and on PGlite: stock
 * y-websocket clients converge, an oversized message costs only its own connection, and a burst
 * of sockets loads a document once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import {
	connectClient,
	TICKET_SECRET_ENV,
	ticketFor,
	waitUntil,
	whenSynced,
	type SyncClient
} from './helpers/sync-clients';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

describe.each(syncBackendNames)('sync server collaboration on %s', (backendName) => {
	let backend: SyncBackend;
	let server: SyncServerProcess;
	const clients: SyncClient[] = [];
	const connect = (document: string, access: 'read' | 'write', personId?: string) => {
		const client = connectClient(server.syncUrl, document, ticketFor(document, access, { personId }));
		clients.push(client);
		return client;
	};

	let documents: string[];
	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		documents = await backend.provisionGradebooks(3);
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV } });
	});
	afterEach(() => {
		for (const client of clients.splice(0)) client.destroy();
	});
	afterAll(async () => {
		await server?.stop();
		await backend?.cleanup();
	});

	it('two clients converge: edits in a Y.Map reach each other within a second', async () => {
		const document = documents.pop()!;
		const alice = connect(document, 'write', 'alice');
		const bao = connect(document, 'write', 'bao');
		await Promise.all([whenSynced(alice), whenSynced(bao)]);
		alice.mark('hs-01', 'tx1', 85);
		bao.mark('hs-02', 'tx1', 70);
		await waitUntil(() => alice.marks()['hs-02:tx1'] === 70 && bao.marks()['hs-01:tx1'] === 85, 'both edits on both sides', 1_000);
		bao.mark('hs-01', 'tx1', 90);
		await waitUntil(() => alice.marks()['hs-01:tx1'] === 90, 'an overwrite reaches the other side', 1_000);
		expect(alice.marks()).toEqual(bao.marks());
	});

	it('a 2 MB message closes only that connection, with 4413, while others keep syncing (sync-server SPEC E1, E3)', async () => {
		const document = documents.pop()!;
		const sender = connect(document, 'write', 'big-sender');
		const first = connect(document, 'write', 'first');
		const second = connect(document, 'write', 'second');
		await Promise.all([sender, first, second].map(whenSynced));
		sender.doc.getMap('comments').set('hs-01', { text: 'x'.repeat(2 * 1024 * 1024) });
		await waitUntil(() => sender.closeCodes.includes(CloseCode.messageTooBig), 'the sender is closed with 4413');
		first.mark('hs-02', 'gk', 65);
		await waitUntil(() => second.marks()['hs-02:gk'] === 65, 'the others keep syncing');
		expect(second.doc.getMap('comments').has('hs-01')).toBe(false);
		expect(first.closeCodes).toEqual([]);
		expect(second.closeCodes).toEqual([]);
		await server.waitForLog((line) => line.message === 'message too big' && line.document === document);
	});

	it('many sockets connecting at once to a new document load it once', async () => {
		const document = documents.pop()!;
		const burst = Array.from({ length: 30 }, (_, index) => connect(document, index % 3 === 0 ? 'read' : 'write', `p${index}`));
		await Promise.all(burst.map(whenSynced));
		burst[1]!.mark('hs-03', 'ck', 88);
		await waitUntil(() => burst.every((client) => client.marks()['hs-03:ck'] === 88), 'all 30 see the edit');
		const loads = server.logs.filter((line) => line.message === 'document loaded' && line.document === document);
		expect(loads).toHaveLength(1);
	});
});
