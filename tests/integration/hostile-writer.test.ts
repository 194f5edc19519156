/**
 * A writer with a valid write ticket who sends crafted Yjs updates (issue 7), against the real
 * standalone sync server on PostgreSQL and PGlite. Each attack is refused as a whole: the sender
 * gets a `refused` message naming the rule and is closed with 4422 (sync-server SPEC V1); other
 * clients never see the update and keep working; nothing of it reaches the database; the same
 * person's legitimate edit right after goes through. Presence is limited and stamped (W1–W3).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdits, readGradebook, type CellEdit } from '../../src/lib/ydoc/gradebook';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { openRawWriter, type RawWriter } from './helpers/raw-writer';
import { openSyncBackend, syncBackendNames, type SyncBackend } from './helpers/sync-backend';
import { connectClient, TICKET_SECRET_ENV, ticketFor, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';
import { marksOf, teacherName } from './helpers/test-gradebook';

const ATTACKER = 'gv-attacker';

/** A history entry as the attacker's copy `doc` would write it, before the attack's changes. */
function entry(doc: Y.Doc, overrides: Partial<CellEdit> = {}): CellEdit {
	return {
		id: `${doc.clientID}-${Y.getState(doc.store, doc.clientID)}-0`,
		cell: 'hs-01:tx1',
		value: 80,
		replaces: [],
		by: ATTACKER,
		byName: teacherName(ATTACKER),
		at: Date.now(),
		offline: false,
		kind: 'edit',
		...overrides
	};
}

const stamp = (personId: string) => ({ actor: { id: personId, name: teacherName(personId) }, at: Date.now(), offline: false });

const ATTACKS: Array<{ name: string; rule: string; change: (doc: Y.Doc) => void }> = [
	{ name: 'deletes history entries (erasing marks without audit)', rule: 'V4', change: (doc) => doc.getArray('history').delete(0, 1) },
	{ name: 'an entry dated 1e20 for a student not on the roster', rule: 'V5', change: (doc) => doc.getArray('history').push([entry(doc, { cell: 'ghost:tx1', at: 1e20 })]) },
	{ name: 'an entry dated 1e20', rule: 'V7', change: (doc) => doc.getArray('history').push([entry(doc, { at: 1e20 })]) },
	{ name: 'sets meta.schemaVersion to 99', rule: 'V3', change: (doc) => doc.getMap('meta').set('schemaVersion', 99) },
	{ name: 'deletes the roster', rule: 'V3', change: (doc) => doc.getMap('students').clear() },
	{ name: 'a formula as the cell key', rule: 'V5', change: (doc) => doc.getArray('history').push([entry(doc, { cell: '=1+2' }), entry(doc, { cell: 'hs-01:@SUM(A1)' })]) },
	{ name: 'a column the subject does not have', rule: 'V5', change: (doc) => doc.getArray('history').push([entry(doc, { cell: 'hs-01:tx9' })]) },
	{ name: 'a forged author', rule: 'V6', change: (doc) => applyEdits(doc, [{ kind: 'mark', studentId: 'hs-02', columnKey: 'gk', value: 100 }], stamp('gv-victim')) },
	{
		name: '6,000 junk entries in one update',
		rule: 'V11',
		change: (doc) => doc.getArray('history').push(Array.from({ length: 6_000 }, (_, index) => entry(doc, { id: `${doc.clientID}-0-${index}` })))
	},
	{ name: 'a nested type', rule: 'V2', change: (doc) => doc.getMap('comments').set('hs-01', new Y.Map()) }
];

describe.each(syncBackendNames)('hostile writer on %s', (backendName) => {
	let backend: SyncBackend;
	let server: SyncServerProcess | undefined;
	let document: string;
	let presenceDocument: string;
	const clients: SyncClient[] = [];
	const writers: RawWriter[] = [];
	const connect = (personId: string, access: 'read' | 'write' = 'write') => {
		const client = connectClient(server!.syncUrl, document, ticketFor(document, access, { personId }));
		clients.push(client);
		return client;
	};
	const rawWriter = async (personId: string, access: 'read' | 'write' = 'write', name = document) => {
		const writer = await openRawWriter(server!.syncUrl, name, personId, access);
		writers.push(writer);
		return writer;
	};

	beforeAll(async () => {
		backend = await openSyncBackend(backendName);
		[document, presenceDocument] = (await backend.provisionGradebooks(2)) as [string, string];
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV } });
	});
	afterEach(() => {
		for (const client of clients.splice(0)) client.destroy();
		for (const writer of writers.splice(0)) writer.close();
	});
	afterAll(async () => {
		await server?.stop();
		await backend?.cleanup();
	});

	it('every attack is refused with its rule and 4422; others never see it; a legitimate edit follows', async () => {
		const observer = connect('gv-observer');
		await whenSynced(observer);
		// A mark of the attacker's own, so there is history to erase.
		const first = await rawWriter(ATTACKER);
		first.sendUpdate(first.craft((doc) => applyEdits(doc, [{ kind: 'mark', studentId: 'hs-01', columnKey: 'tx1', value: 65 }], stamp(ATTACKER))));
		await waitUntil(() => observer.marks()['hs-01:tx1'] === 65, 'the attacker\'s own mark arrives');
		first.close();

		let legitimate = 0;
		for (const attack of ATTACKS) {
			const observed = Y.encodeStateVector(observer.doc);
			const attacker = await rawWriter(ATTACKER);
			attacker.sendUpdate(attacker.craft(attack.change));
			await waitUntil(() => attacker.closeCode !== null, `${attack.name}: the connection is closed`);
			expect(attacker.closeCode, attack.name).toBe(CloseCode.refusedUpdate);
			expect(attacker.refusals.map((refusal) => refusal.rule), attack.name).toEqual([attack.rule]);

			// The same person, reconnected, writes a legitimate mark: it reaches the observer, the attack never did.
			legitimate += 1;
			const honest = await rawWriter(ATTACKER);
			honest.sendUpdate(honest.craft((doc) => applyEdits(doc, [{ kind: 'mark', studentId: 'hs-03', columnKey: 'ck', value: legitimate }], stamp(ATTACKER))));
			await waitUntil(() => observer.marks()['hs-03:ck'] === legitimate, `${attack.name}: the legitimate edit after it arrives`);
			// All the observer received since the attack is the one legitimate edit.
			const received = Y.decodeUpdate(Y.encodeStateAsUpdate(observer.doc, observed));
			const values = received.structs.flatMap((struct) => (struct instanceof Y.Item && struct.content instanceof Y.ContentAny ? struct.content.getContent() : [struct]));
			expect(values, attack.name).toEqual([expect.objectContaining({ cell: 'hs-03:ck', value: legitimate, by: ATTACKER })]);
			expect(received.ds.clients.size, attack.name).toBe(0);
			honest.close();
		}
		const shown = readGradebook(observer.doc);
		expect(shown.ok && shown.meta.schemaVersion).toBe(1);
		expect(shown.ok && shown.roster).toHaveLength(50);
		expect(observer.marks()).toEqual({ 'hs-01:tx1': 65, 'hs-03:ck': ATTACKS.length });
		expect(observer.closeCodes).toEqual([]);

		const refusedLines = server!.logs.filter((line) => line.message === 'update refused');
		expect(refusedLines.map((line) => line.rule)).toEqual(ATTACKS.map((attack) => attack.rule));
		expect(refusedLines.every((line) => line.personId === ATTACKER && line.document === document)).toBe(true);

		// Nothing of the attacks was stored: reload the document from the database.
		expect(await server!.stop()).toBe(0);
		server = undefined;
		const stored = (await backend.readDocument(document)).doc;
		const read = readGradebook(stored);
		expect(read.ok && read.meta.schemaVersion).toBe(1);
		expect(read.ok && read.roster).toHaveLength(50);
		expect(marksOf(stored)).toEqual({ 'hs-01:tx1': 65, 'hs-03:ck': ATTACKS.length });
		expect(stored.getArray('history').length).toBe(1 + ATTACKS.length);
		expect(stored.getMap('comments').size).toBe(0);
		server = await startSyncServerProcess({ env: { ...backend.env, ...TICKET_SECRET_ENV } });
	});

	it('presence: big states dropped, another peer\'s presence untouchable, names taken from the ticket', async () => {
		const observer = await rawWriter('gv-observer', 'write', presenceDocument);
		// A reader may share presence (its cursor) — under the same rules.
		const reader = await rawWriter('gv-reader', 'read', presenceDocument);
		const readerDoc = new Y.Doc();
		const readerPresence = new awarenessProtocol.Awareness(readerDoc);
		readerPresence.setLocalState({ user: { id: 'principal', name: 'Hiệu trưởng', color: '#f00' }, cell: 'hs-01:tx1' });
		reader.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(readerPresence, [readerDoc.clientID]));
		const observed = new awarenessProtocol.Awareness(new Y.Doc());
		const applyAll = () => {
			for (const update of observer.awareness.splice(0)) awarenessProtocol.applyAwarenessUpdate(observed, update, 'server');
		};
		await waitUntil(() => (applyAll(), observed.getStates().has(readerDoc.clientID)), 'the reader\'s presence arrives');
		expect(observed.getStates().get(readerDoc.clientID)).toEqual({ user: { id: 'gv-reader', name: teacherName('gv-reader'), color: '#f00' }, cell: 'hs-01:tx1' });

		// Another connection overwrites the reader's presence, then tries to remove it: dropped.
		const impostor = await rawWriter('gv-impostor', 'read', presenceDocument);
		const forged = new awarenessProtocol.Awareness(new Y.Doc());
		forged.clientID = readerDoc.clientID;
		forged.setLocalState({ user: { name: 'Kẻ mạo danh' }, cell: 'hs-50:ck' });
		forged.meta.set(readerDoc.clientID, { clock: 99, lastUpdated: Date.now() });
		impostor.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [readerDoc.clientID]));
		impostor.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(forged, [readerDoc.clientID], new Map()));
		// A state of 100 kB from a client id of its own: dropped too.
		const bigDoc = new Y.Doc();
		const big = new awarenessProtocol.Awareness(bigDoc);
		big.setLocalState({ user: { name: 'x' }, junk: 'x'.repeat(100_000) });
		impostor.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(big, [bigDoc.clientID]));
		// A marker after them: once it arrives, so would they have.
		readerPresence.setLocalStateField('cell', 'hs-02:tx1');
		reader.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(readerPresence, [readerDoc.clientID]));
		await waitUntil(() => (applyAll(), observed.getStates().get(readerDoc.clientID)?.cell === 'hs-02:tx1'), 'the marker arrives');
		expect(observed.getStates().get(readerDoc.clientID)?.user).toEqual({ id: 'gv-reader', name: teacherName('gv-reader'), color: '#f00' });
		expect(observed.getStates().has(bigDoc.clientID)).toBe(false);
		// A newcomer is told only the stamped, small states.
		const newcomer = await rawWriter('gv-newcomer', 'read', presenceDocument);
		await waitUntil(() => newcomer.awareness.length > 0, 'the newcomer receives presence');
		const seen = new awarenessProtocol.Awareness(new Y.Doc());
		seen.setLocalState(null);
		for (const update of newcomer.awareness) awarenessProtocol.applyAwarenessUpdate(seen, update, 'server');
		expect([...seen.getStates().values()].map((state) => (state as { user: { name: string } }).user.name)).toEqual([teacherName('gv-reader')]);
		expect(impostor.closeCode).toBeNull();
		readerPresence.destroy();
		forged.destroy();
		big.destroy();
	});
});
