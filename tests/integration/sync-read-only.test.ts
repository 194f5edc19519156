/**
 * The read-only gate, end to end: a reader receives the document, but nothing it writes — live
 * updates or offline edits sent as sync step 2 — reaches other clients or the database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import {
	connectClient,
	TICKET_SECRET_ENV,
	ticketFor,
	waitUntil,
	whenSynced,
	type SyncClient
} from './helpers/sync-clients';
import { marksOf } from './helpers/test-gradebook';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

describe.each(syncBackendNames)('read-only connections on %s', (backendName) => {
	let backend: SyncBackend;
	let server: SyncServerProcess | undefined;
	const clients: SyncClient[] = [];
	const connect = (document: string, access: 'read' | 'write', personId: string, doc?: Y.Doc) => {
		const client = connectClient(server!.syncUrl, document, ticketFor(document, access, { personId }), doc);
		clients.push(client);
		return client;
	};
	const droppedBy = (personId: string) => (line: { message: string; personId?: unknown }) =>
		line.message === 'read-only write dropped' && line.personId === personId;

	let document: string;
	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		[document] = (await backend.provisionGradebooks(1)) as [string];
	});
	afterEach(() => {
		for (const client of clients.splice(0)) client.destroy();
	});
	afterAll(async () => {
		await server?.stop();
		await backend?.cleanup();
	});

	it("a read-only ticket's writes never reach the database or other clients (sync-server SPEC G1)", async () => {
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV } });
		const teacher = connect(document, 'write', 'teacher');
		const observer = connect(document, 'write', 'observer');
		const reader = connect(document, 'read', 'reader');
		await Promise.all([teacher, observer, reader].map(whenSynced));
		expect(reader.accessMessages).toEqual(['read']);
		expect(teacher.accessMessages).toEqual(['write']);

		teacher.mark('hs-01', 'tx1', 80);
		await waitUntil(() => reader.marks()['hs-01:tx1'] === 80, 'the reader receives the document');

		// Well-formed marks and junk alike: the gate drops them before the schema is even asked.
		reader.mark('hs-01', 'tx1', 100);
		reader.doc.getMap('cells').set('forged', 'by reader');
		await server.waitForLog(droppedBy('reader'));

		// Offline edits of a reader's device arrive as sync step 2 on connect: dropped as well.
		const offlineCopy = new Y.Doc();
		offlineCopy.getMap('cells').set('offline-forgery', 'by reader 2');
		const secondReader = connect(document, 'read', 'reader-2', offlineCopy);
		await whenSynced(secondReader);
		await server.waitForLog(droppedBy('reader-2'));

		// A marker the teacher sends after the forgeries were handled: once it arrives, so would they have.
		teacher.mark('hs-02', 'ck', 99);
		await waitUntil(() => observer.marks()['hs-02:ck'] === 99, 'the marker reaches the observer');
		expect(observer.marks()).toEqual({ 'hs-01:tx1': 80, 'hs-02:ck': 99 });
		expect(teacher.marks()).toEqual({ 'hs-01:tx1': 80, 'hs-02:ck': 99 });
		expect(observer.doc.getMap('cells').toJSON()).toEqual({});
		expect(secondReader.marks()['hs-01:tx1']).toBe(80);

		expect(await server.stop()).toBe(0);
		server = undefined;
		const stored = await backend.readDocument(document);
		expect(marksOf(stored.doc)).toEqual({ 'hs-01:tx1': 80, 'hs-02:ck': 99 });
		expect(stored.doc.getMap('cells').toJSON()).toEqual({});
	});
});
