/**
 * The SyncServer API the app's composition root uses, in-process on a real http.Server with
 * stock y-websocket clients and MemoryDocStorage: server-side changes, hooks, live access
 * changes, the authoriser at the upgrade and after revocations, single-use tickets, shutdown.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../src/lib/ydoc/wire';
import {
	connectClient,
	TICKET_SECRET,
	ticketFor,
	tryUpgrade,
	uniqueDocument,
	waitUntil,
	whenSynced,
	type SyncClient
} from '../tests/integration/helpers/sync-clients';
import { gradebookSeed, marksOf } from '../tests/integration/helpers/test-gradebook';
import { MemoryDocStorage } from './persistence/memory-doc-storage';
import { createSyncServer, type AccessClaim, type Authorizer, type SyncHook, type SyncServer, type UpdateEvent } from './sync-server';
import { recordingLog } from './testing/storage-doubles';

interface Running {
	sync: SyncServer;
	storage: MemoryDocStorage;
	syncUrl: string;
	logs: ReturnType<typeof recordingLog>['entries'];
	/** What the test's authoriser answers for a person; a person not listed keeps the ticket's access. */
	access: Map<string, 'read' | 'write' | 'none'>;
	/** Every question the authoriser was asked. */
	asked: AccessClaim[];
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
	options: { hooks?: SyncHook[]; refusedWriteHooks?: SyncHook[]; flushDelayMs?: number; heartbeatMs?: number; authorize?: Authorizer; minClientProtocol?: number } = {}
): Promise<Running> {
	const storage = new MemoryDocStorage();
	const { entries, log } = recordingLog();
	const access = new Map<string, 'read' | 'write' | 'none'>();
	const asked: AccessClaim[] = [];
	const authorize: Authorizer = async (claim) => {
		asked.push(claim);
		return access.get(claim.actor.personId) ?? claim.access;
	};
	const sync = createSyncServer({ storage, ticketSecret: TICKET_SECRET, isOriginAllowed: () => true, log, authorize, ...options });
	const http: Server = createServer((_request, response) => response.writeHead(404).end());
	http.on('upgrade', (request, socket, head) => {
		if (!sync.handleUpgrade(request, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	cleanups.push(async () => {
		await sync.close();
		http.closeAllConnections();
		await new Promise((resolve) => http.close(resolve));
	});
	const { port } = http.address() as AddressInfo;
	return { sync, storage, syncUrl: `ws://127.0.0.1:${port}/sync`, logs: entries, access, asked };
}

/** A client that, like the browser, asks for a fresh ticket before every (re)connect. */
function client(running: Running, document: string, access: 'read' | 'write', personId: string, sessionId?: string): SyncClient {
	const connected = connectClient(running.syncUrl, document, () => ticketFor(document, access, { personId, sessionId }));
	cleanups.push(() => connected.destroy());
	return connected;
}

async function storedDoc(storage: MemoryDocStorage, document: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of (await storage.load(document)).updates) Y.applyUpdate(doc, update);
	return doc;
}

const storedCells = async (storage: MemoryDocStorage, document: string) => (await storedDoc(storage, document)).getMap('cells').toJSON();
const storedMarks = async (storage: MemoryDocStorage, document: string) => marksOf(await storedDoc(storage, document));

/** A gradebook with header and roster, as the server provisions it: clients may write marks to it. */
async function gradebook(running: Running): Promise<string> {
	const document = uniqueDocument();
	await running.storage.append(document, [gradebookSeed(document)]);
	return document;
}

describe('createSyncServer', () => {
	it('ignores upgrades outside /sync/ so other sockets can share the http server (sync-server SPEC U1)', async () => {
		const running = await start();
		const fakeSocket = { on: () => fakeSocket, destroy: () => {} } as never;
		expect(running.sync.handleUpgrade({ url: '/@vite/hmr', headers: {} } as never, fakeSocket, Buffer.alloc(0))).toBe(false);
	});

	it('change(): a server-side write is durable when it resolves, reaches clients and hooks with no actor (sync-server SPEC S4)', async () => {
		const events: UpdateEvent[] = [];
		const running = await start({ hooks: [(event) => void events.push(event)] });
		const document = await gradebook(running);
		const teacher = client(running, document, 'write', 'teacher');
		await whenSynced(teacher);
		await running.sync.change(document, (doc) => doc.getMap('cells').set('roster', 'hs-01,hs-02'));
		expect(await storedCells(running.storage, document)).toEqual({ roster: 'hs-01,hs-02' });
		await waitUntil(() => teacher.doc.getMap('cells').get('roster') === 'hs-01,hs-02', 'the client sees the server change');
		expect(events.map((event) => event.actor)).toEqual([null]);

		teacher.mark('hs-01', 'tx1', 90);
		await waitUntil(() => events.length === 2, 'the hook sees the client edit');
		expect(events[1]).toMatchObject({ document, actor: { personId: 'teacher' } });
		expect(marksOf(events[1]!.doc)['hs-01:tx1']).toBe(90);
	});

	it('change() on a document nobody has open loads it, writes it and unloads it again (sync-server SPEC S4)', async () => {
		const running = await start();
		const document = uniqueDocument();
		await running.sync.change(document, (doc) => doc.getMap('cells').set('a', 1));
		await running.sync.change(document, (doc) => doc.getMap('cells').set('b', 2));
		expect(await storedCells(running.storage, document)).toEqual({ a: 1, b: 2 });
		await waitUntil(() => running.sync.stats().documents === 0, 'unloaded');
		await expect(running.sync.change('not/a/document', () => {})).rejects.toThrow(/invalid document name/);
	});

	it('a throwing or rejecting hook is logged and never breaks sync', async () => {
		const running = await start({
			hooks: [
				() => {
					throw new Error('projection bug');
				},
				async () => {
					throw new Error('audit table missing');
				}
			]
		});
		const document = await gradebook(running);
		const first = client(running, document, 'write', 'first');
		const second = client(running, document, 'write', 'second');
		await Promise.all([whenSynced(first), whenSynced(second)]);
		first.mark('hs-01', 'tx1', 10);
		await waitUntil(() => second.marks()['hs-01:tx1'] === 10, 'sync goes on');
		await running.sync.flush();
		expect(running.logs.filter((entry) => entry.message === 'hook failed').map((entry) => entry.fields?.error)).toEqual([
			'projection bug',
			'audit table missing'
		]);
		expect(await storedMarks(running.storage, document)).toEqual({ 'hs-01:tx1': 10 });
	});

	// sync-server SPEC R4
	it('reauthorizePerson(): asks the authoriser again; read downgrades at once, none closes with forbidden (sync-server SPEC R4, G3, E1)', async () => {
		const running = await start();
		const document = await gradebook(running);
		const teacher = client(running, document, 'write', 'teacher');
		const colleague = client(running, document, 'write', 'colleague');
		const leaver = client(running, document, 'write', 'leaver');
		await Promise.all([teacher, colleague, leaver].map(whenSynced));
		running.access.set('teacher', 'read');
		running.access.set('leaver', 'none');
		await running.sync.reauthorizePerson('teacher');
		await running.sync.reauthorizePerson('leaver');
		await waitUntil(() => teacher.accessMessages.at(-1) === 'read', 'the teacher is told it is read-only');
		await waitUntil(() => leaver.closeCodes.includes(CloseCode.forbidden), 'the leaver is closed with 4403');
		// A fresh ticket (minted before the change) does not bring the leaver back.
		expect(await tryUpgrade(`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'leaver' })}`)).toEqual({ opened: false, status: 403 });
		expect(colleague.accessMessages).toEqual(['write']);
		teacher.mark('hs-01', 'tx1', 50);
		await running.sync.flush();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(colleague.marks()).toEqual({});
		expect(await storedMarks(running.storage, document)).toEqual({});
	});

	// sync-server SPEC G3, U5, F2, C3: the lock lives in the database (here: the test's authoriser); the control
	// event downgrades live writers, and later upgrades read the lock from the authoriser.
	it('capAccess(): live writers are downgraded at once; new connections get what the authoriser says; lifting asks them back', async () => {
		const locked = new Set<string>();
		const running = await start({ authorize: async (claim) => (locked.has(claim.document) ? 'read' : claim.access) });
		const document = await gradebook(running);
		const teacher = client(running, document, 'write', 'teacher');
		await whenSynced(teacher);
		locked.add(document);
		running.sync.capAccess(document, 'read');
		await waitUntil(() => teacher.accessMessages.at(-1) === 'read', 'the live writer is downgraded');
		const late = client(running, document, 'write', 'late');
		await whenSynced(late);
		expect(late.accessMessages.at(-1)).toBe('read');
		late.mark('hs-02', 'tx1', 10);
		await running.sync.flush();
		expect(await storedMarks(running.storage, document)).toEqual({});
		locked.delete(document);
		running.sync.capAccess(document, null);
		const after = client(running, document, 'write', 'after');
		await whenSynced(after);
		expect(after.accessMessages.at(-1)).toBe('write');
		// The downgraded writer is asked to reconnect and comes back with its ticket's access.
		await waitUntil(() => teacher.closeCodes.includes(CloseCode.goingAway), 'the capped writer is asked to reconnect');
		await waitUntil(() => teacher.accessMessages.at(-1) === 'write', 'it writes again after reconnecting');
	});

	// sync-server SPEC P1, P2: the client names its protocol version in the upgrade; an older one than
	// the server serves is opened and closed at once with clientTooOld, before any document is touched.
	it('closes a client that names an outdated protocol version with clientTooOld; no version counts as 1', async () => {
		const running = await start({ minClientProtocol: 2 });
		const document = await gradebook(running);
		const closeCode = (url: string) =>
			new Promise<number>((resolve, reject) => {
				const socket = new WebSocket(url);
				socket.on('close', (code) => resolve(code));
				socket.on('error', () => undefined);
				setTimeout(() => reject(new Error('no close')), 5000);
			});
		const url = (protocol: string | null) =>
			`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'teacher' })}${protocol === null ? '' : `&protocol=${protocol}`}`;
		expect(await closeCode(url('1'))).toBe(CloseCode.clientTooOld);
		expect(await closeCode(url(null))).toBe(CloseCode.clientTooOld);
		expect(running.logs.filter((line) => line.message === 'client too old')).toHaveLength(2);
		expect(running.sync.stats().documents).toBe(0);
		expect(await tryUpgrade(`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write')}&protocol=v2`)).toEqual({ opened: false, status: 400 });
		const current = new WebSocket(url('2'));
		cleanups.push(() => current.terminate());
		// Served: the greeting (sync step 1) arrives.
		await new Promise((resolve) => current.once('message', resolve));
	});

	it('refusedWriteHooks: a read-only client\'s writes are reported with its person, never applied (sync-server SPEC G4)', async () => {
		const refused: UpdateEvent[] = [];
		const running = await start({ refusedWriteHooks: [(event) => void refused.push(event)] });
		const document = await gradebook(running);
		const reader = client(running, document, 'read', 'reader');
		await whenSynced(reader);
		reader.mark('hs-03', 'gk', 70);
		await waitUntil(() => refused.length > 0, 'the refused write is reported');
		expect(refused[0]).toMatchObject({ document, actor: { personId: 'reader' } });
		const probe = new Y.Doc();
		Y.applyUpdate(probe, Y.encodeStateAsUpdate(refused[0]!.doc));
		Y.applyUpdate(probe, refused[0]!.update);
		expect(marksOf(probe)['hs-03:gk']).toBe(70);
		expect(marksOf(refused[0]!.doc)).toEqual({});
	});

	it('change(…, actor): a server write on behalf of a person reaches hooks with that person', async () => {
		const events: UpdateEvent[] = [];
		const running = await start({ hooks: [(event) => void events.push(event)] });
		await running.sync.change(uniqueDocument(), (doc) => doc.getMap('cells').set('a', 1), { personId: 'principal', name: 'Hiệu trưởng' });
		expect(events.map((event) => event.actor)).toEqual([{ personId: 'principal', name: 'Hiệu trưởng' }]);
	});

	// sync-server SPEC R5
	it('endSession(): closes the connections opened under that session only, with unauthorized (sync-server SPEC R5, E1)', async () => {
		const running = await start();
		const [one, two] = [uniqueDocument(), uniqueDocument()];
		const phone = client(running, one, 'write', 'teacher', 'phone-session');
		const laptop = client(running, two, 'read', 'teacher', 'phone-session');
		const desktop = client(running, one, 'write', 'teacher', 'desktop-session');
		await Promise.all([phone, laptop, desktop].map(whenSynced));
		running.access.set('teacher', 'none');
		running.sync.endSession('phone-session');
		await waitUntil(
			() => phone.closeCodes.includes(CloseCode.unauthorized) && laptop.closeCodes.includes(CloseCode.unauthorized),
			'both devices of the session closed'
		);
		expect(desktop.closeCodes).toEqual([]);
		expect(running.sync.stats().connections).toBe(1);
	});

	// sync-server SPEC R1
	it('asks the authoriser at the upgrade: none refuses with 403, read narrows a write ticket, nothing widens a read ticket (sync-server SPEC U5, R1)', async () => {
		const running = await start();
		const document = uniqueDocument();
		running.access.set('gone', 'none');
		running.access.set('narrowed', 'read');
		running.access.set('reader', 'write');
		expect(await tryUpgrade(`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'gone', sessionId: 's-gone' })}`)).toEqual({
			opened: false,
			status: 403
		});
		expect(running.asked).toEqual([{ actor: { personId: 'gone', name: 'Giáo viên gone' }, document, access: 'write', sessionId: 's-gone' }]);
		const narrowed = client(running, document, 'write', 'narrowed');
		const reader = client(running, document, 'read', 'reader');
		await Promise.all([narrowed, reader].map(whenSynced));
		expect(narrowed.accessMessages).toEqual(['read']);
		expect(reader.accessMessages).toEqual(['read']);
		expect(running.sync.stats().connections).toBe(2);
	});

	it('an authoriser that fails refuses the upgrade with 503 and touches no document (sync-server SPEC U5, R1)', async () => {
		const running = await start({ authorize: () => Promise.reject(new Error('database unreachable')) });
		const document = uniqueDocument();
		expect(await tryUpgrade(`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write')}`)).toEqual({ opened: false, status: 503 });
		expect(running.sync.stats()).toMatchObject({ documents: 0, connections: 0 });
		expect(running.logs.find((e) => e.message === 'authorisation failed')?.fields?.error).toBe('database unreachable');
	});

	// sync-server SPEC R1: the check and the revocation race; the revocation wins.
	it('a revocation that happens while an upgrade is being authorised is not missed (sync-server SPEC R1)', async () => {
		let answerFirst: (access: 'write') => void = () => undefined;
		const decisions: Array<'write' | 'none'> = [];
		const running = await start({
			authorize: (claim) => {
				if (decisions.length === 0) {
					decisions.push('write');
					// The database answered 'write' before the person was disabled; the answer arrives after.
					return new Promise((resolve) => (answerFirst = resolve));
				}
				decisions.push('none');
				return Promise.resolve(claim.actor.personId === 'disabled' ? 'none' : claim.access);
			}
		});
		const document = uniqueDocument();
		const upgrade = tryUpgrade(`${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'disabled' })}`);
		await waitUntil(() => decisions.length === 1, 'the upgrade is being authorised');
		await running.sync.reauthorizePerson('disabled');
		answerFirst('write');
		expect(await upgrade).toEqual({ opened: false, status: 403 });
		expect(decisions).toEqual(['write', 'none']);
	});

	// sync-server SPEC R3
	it('a ticket opens one connection: the same ticket again is refused with 401, even while the first is open (sync-server SPEC R3, U5)', async () => {
		const running = await start();
		const document = uniqueDocument();
		const url = `${running.syncUrl}/${document}?ticket=${ticketFor(document, 'write', { personId: 'teacher' })}`;
		const first = await tryUpgrade(url);
		expect(first.opened).toBe(true);
		cleanups.push(() => (first.opened ? first.socket.close() : undefined));
		expect(await tryUpgrade(url)).toEqual({ opened: false, status: 401 });
		expect(running.logs.filter((e) => e.message === 'upgrade refused').map((e) => e.fields?.reason)).toEqual(['ticket reused']);
		expect(running.sync.stats().connections).toBe(1);
	});

	it('heartbeat: a peer that stops answering pings is terminated, a live one stays (sync-server SPEC E2)', async () => {
		const running = await start({ heartbeatMs: 40 });
		const document = await gradebook(running);
		const live = client(running, document, 'write', 'live');
		await whenSynced(live);
		// A raw socket that completes the upgrade and then never answers anything: a closed laptop lid.
		const port = new URL(running.syncUrl).port;
		const dead = connect(Number(port), '127.0.0.1');
		cleanups.push(() => void dead.destroy());
		const path = `/sync/${document}?ticket=${ticketFor(document, 'read', { personId: 'dead' })}`;
		dead.write(
			`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
				'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
		);
		await new Promise((resolve) => dead.once('data', resolve));
		await waitUntil(() => running.sync.stats().connections === 2, 'both connected');
		await waitUntil(() => running.logs.some((entry) => entry.message === 'heartbeat missed'), 'the dead peer is found', 2_000);
		expect(running.logs.filter((entry) => entry.message === 'heartbeat missed').map((entry) => entry.fields?.personId)).toEqual(['dead']);
		expect(running.sync.stats().connections).toBe(1);
		const observer = client(running, document, 'read', 'observer');
		await whenSynced(observer);
		live.mark('hs-04', 'ck', 95);
		await waitUntil(() => observer.marks()['hs-04:ck'] === 95, 'the live peer still syncs');
	});

	it('close(): clients are told goingAway, pending writes are flushed, documents unloaded (sync-server SPEC E2, U6, D5)', async () => {
		// A commit window far longer than the test: only close() can be what writes the edit.
		const running = await start({ flushDelayMs: 60_000 });
		const document = await gradebook(running);
		const teacher = client(running, document, 'write', 'teacher');
		await whenSynced(teacher);
		teacher.mark('hs-05', 'tx2', 42);
		await waitUntil(() => running.sync.stats().pendingUpdates === 1, 'the edit is queued');
		expect(await storedMarks(running.storage, document)).toEqual({});
		await running.sync.close();
		await waitUntil(() => teacher.closeCodes.includes(CloseCode.goingAway), 'the client is told goingAway');
		expect(await storedMarks(running.storage, document)).toEqual({ 'hs-05:tx2': 42 });
		expect(running.sync.stats()).toEqual({ documents: 0, connections: 0, pendingUpdates: 0 });
	});
});
