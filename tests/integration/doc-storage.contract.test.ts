/**
 * The one contract every DocStorage keeps: the same tests run
 * against memory, PGlite and a real PostgreSQL database, with real Yjs gradebook content.
 */
import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../drizzle/database';
import { yjsDocuments, yjsUpdates } from '../../drizzle/schema/sync';
import { documentRow } from '../../src/lib/ydoc/document-name';
import type { DocStorage } from '../../sync-server/persistence/doc-storage';
import { DrizzleDocStorage } from '../../sync-server/persistence/drizzle-doc-storage';
import { MemoryDocStorage } from '../../sync-server/persistence/memory-doc-storage';
import { storageBackends, type Backend, type OpenedBackend } from '../helpers/test-database';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';

/** First PGlite open runs initdb in WASM. */
const OPEN_TIMEOUT = 30_000;

interface OpenedStorage {
	storage: DocStorage;
	cleanup(): Promise<void>;
}

interface Subject {
	name: string;
	open(): Promise<OpenedStorage>;
	/** The database backend behind it, to check that data outlives the connection; none for memory. */
	backend?: Backend;
}

function databaseSubject(backend: Backend): Subject {
	return {
		name: backend.name,
		backend,
		async open() {
			const opened = await backend.open();
			return { storage: new DrizzleDocStorage(opened.handle.db), cleanup: opened.cleanup };
		}
	};
}

const subjects: Subject[] = [
	{ name: 'memory', open: async () => ({ storage: new MemoryDocStorage(), cleanup: async () => {} }) },
	...storageBackends().map(databaseSubject)
];

// --- Gradebook-like Yjs content --------------------------------------------------------------

function documentName(): string {
	return formatDocumentName({ kind: 'gradebook', school: 'thcs-demo', year: '2025-2026', term: 'hk1', classCode: '6A', subject: `toan-${randomBytes(4).toString('hex')}` });
}

/** A teacher's editing session: every Yjs update the document emits, in order. */
function gradebookSession() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.getMap('meta').set('schemaVersion', 1);
	const scores = doc.getMap<Y.Map<number>>('scores');

	/** Scores are integer tenths; one transaction = one update. */
	function enter(student: string, assessment: string, tenths: number): void {
		doc.transact(() => {
			let row = scores.get(student);
			if (!row) {
				row = new Y.Map<number>();
				scores.set(student, row);
			}
			row.set(assessment, tenths);
		});
	}

	/** `count` grade entries spread over a class, each its own update. */
	function enterMany(count: number, offset = 0): void {
		for (let i = offset; i < offset + count; i++) {
			enter(`hs-${String(i % 35).padStart(3, '0')}`, `tx${(i % 4) + 1}`, (i * 7) % 101);
		}
	}

	/** The updates emitted since the last call: what a client would send next. */
	let sent = 0;
	function unsent(): Uint8Array[] {
		const next = updates.slice(sent);
		sent = updates.length;
		return next;
	}

	return { doc, updates, enter, enterMany, unsent, content: () => contentOf(doc) };
}

function contentOf(doc: Y.Doc) {
	return { meta: doc.getMap('meta').toJSON(), scores: doc.getMap('scores').toJSON() };
}

function rebuild(updates: Uint8Array[]) {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return contentOf(doc);
}

/** What the sync server does past its threshold: merge everything loaded, replace it by one row. */
async function compactAll(storage: DocStorage, document: string): Promise<number> {
	const stored = await storage.load(document);
	await storage.compact(document, Y.mergeUpdates(stored.updates), stored.lastId);
	return stored.lastId;
}

// --- The contract ------------------------------------------------------------------------------

describe.each(subjects)('DocStorage contract: $name', (subject) => {
	let opened: OpenedStorage | undefined;
	function storage(): DocStorage {
		if (!opened) throw new Error(`${subject.name} storage did not open; see the beforeAll error`);
		return opened.storage;
	}

	beforeAll(async () => {
		opened = await subject.open();
	}, OPEN_TIMEOUT);

	afterAll(async () => {
		await opened?.cleanup();
	});

	it('round-trips appended updates as plain Uint8Arrays that rebuild the same document (sync-server SPEC S1)', async () => {
		const session = gradebookSession();
		session.enterMany(12);
		const document = documentName();

		const lastId = await storage().append(document, session.updates);
		const stored = await storage().load(document);

		expect(stored.lastId).toBe(lastId);
		expect(stored.updates).toHaveLength(session.updates.length);
		for (const update of stored.updates) expect(update.constructor).toBe(Uint8Array);
		expect(stored.updates.map((u) => Array.from(u))).toEqual(session.updates.map((u) => Array.from(u)));
		expect(rebuild(stored.updates)).toEqual(session.content());
	});

	it('loads an unknown document as empty with lastId 0', async () => {
		await expect(storage().load(documentName())).resolves.toEqual({ updates: [], lastId: 0 });
		await expect(storage().rowCount(documentName())).resolves.toBe(0);
	});

	it('keeps documents isolated from each other', async () => {
		const math = gradebookSession();
		const literature = gradebookSession();
		math.enter('hs-001', 'tx1', 85);
		literature.enter('hs-001', 'tx1', 60);
		literature.enter('hs-002', 'gk', 75);
		const [mathName, literatureName] = [documentName(), documentName()];

		await storage().append(mathName, math.updates);
		await storage().append(literatureName, literature.updates);
		await compactAll(storage(), mathName);

		expect(rebuild((await storage().load(mathName)).updates)).toEqual(math.content());
		expect(rebuild((await storage().load(literatureName)).updates)).toEqual(literature.content());
		expect(await storage().rowCount(mathName)).toBe(1);
		expect(await storage().rowCount(literatureName)).toBe(literature.updates.length);
	});

	it('returns increasing ids from successive appends of several updates', async () => {
		const session = gradebookSession();
		const document = documentName();
		const ids: number[] = [];
		for (let batch = 0; batch < 4; batch++) {
			session.enterMany(3, batch * 3);
			ids.push(await storage().append(document, session.unsent()));
		}

		for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] ?? 0);
		expect(ids[0]).toBeGreaterThan(0);
		expect((await storage().load(document)).lastId).toBe(ids.at(-1));
		expect(await storage().rowCount(document)).toBe(session.updates.length);
	});

	it('keeps the content when compacting into one row (sync-server SPEC K2)', async () => {
		const session = gradebookSession();
		session.enterMany(120);
		const document = documentName();
		for (let i = 0; i < session.updates.length; i += 10) {
			await storage().append(document, session.updates.slice(i, i + 10));
		}
		expect(await storage().rowCount(document)).toBe(session.updates.length);

		const throughId = await compactAll(storage(), document);
		const stored = await storage().load(document);

		expect(await storage().rowCount(document)).toBe(1);
		expect(stored.updates).toHaveLength(1);
		expect(stored.lastId).toBeGreaterThanOrEqual(throughId);
		expect(rebuild(stored.updates)).toEqual(session.content());

		// A second round (new edits, compact again) folds the old snapshot in too.
		session.unsent();
		session.enterMany(20, 500);
		await storage().append(document, session.unsent());
		await compactAll(storage(), document);
		expect(await storage().rowCount(document)).toBe(1);
		expect(rebuild((await storage().load(document)).updates)).toEqual(session.content());
	});

	it('keeps rows appended after throughId when compacting (sync-server SPEC K2)', async () => {
		const session = gradebookSession();
		const document = documentName();
		session.enterMany(30);
		await storage().append(document, session.unsent());
		const before = await storage().load(document);

		// These land while the compactor is merging what it loaded.
		session.enter('hs-900', 'ck', 95);
		session.enter('hs-901', 'ck', 40);
		const late = session.unsent();
		await storage().append(document, late);

		await storage().compact(document, Y.mergeUpdates(before.updates), before.lastId);

		const after = await storage().load(document);
		expect(await storage().rowCount(document)).toBe(1 + late.length);
		expect(rebuild(after.updates)).toEqual(session.content());
		expect(rebuild(after.updates).scores).toMatchObject({ 'hs-900': { ck: 95 }, 'hs-901': { ck: 40 } });
	});

	it('lands every one of many concurrent appends to one document (sync-server SPEC S1)', async () => {
		const document = documentName();
		// Fifty devices editing disjoint cells, each sending its own update at once.
		const devices = Array.from({ length: 50 }, (_, device) => {
			const session = gradebookSession();
			session.enter(`hs-${device}`, 'tx1', device);
			return session;
		});

		const ids = await Promise.all(devices.map((device) => storage().append(document, device.updates)));

		expect(new Set(ids).size).toBe(devices.length);
		const stored = await storage().load(document);
		expect(stored.lastId).toBe(Math.max(...ids));
		expect(await storage().rowCount(document)).toBe(devices.reduce((n, d) => n + d.updates.length, 0));
		const scores = rebuild(stored.updates).scores;
		for (let device = 0; device < devices.length; device++) {
			expect(scores[`hs-${device}`]).toEqual({ tx1: device });
		}
	});

	it('returns identical content to 20 concurrent loads', async () => {
		const session = gradebookSession();
		session.enterMany(40);
		const document = documentName();
		await storage().append(document, session.updates);

		const loads = await Promise.all(Array.from({ length: 20 }, () => storage().load(document)));

		const lastIds = new Set(loads.map((stored) => stored.lastId));
		expect(lastIds.size).toBe(1);
		for (const stored of loads) expect(rebuild(stored.updates)).toEqual(session.content());
	});

	// Memory storage keeps nothing across processes by design, so only databases get this test.
	const durableIt = subject.backend ? it : () => undefined;
	durableIt(
		'keeps the data after the database is closed and reopened',
		async () => {
			const backend = subject.backend;
			if (!backend) return;
			// Its own database (PGlite in a temporary data directory): closing the shared one would
			// break the other tests.
			const durable: OpenedBackend = await backend.open();
			try {
				const session = gradebookSession();
				session.enterMany(25);
				const document = documentName();
				const written = new DrizzleDocStorage(durable.handle.db);
				const [early, late] = [session.updates.slice(0, 10), session.updates.slice(10)];
				await written.append(document, early);
				await compactAll(written, document);
				const lastId = await written.append(document, late);
				await durable.handle.close();

				const reopened = await openDatabase(durable.location);
				try {
					const stored = await new DrizzleDocStorage(reopened.db).load(document);
					expect(stored.lastId).toBe(lastId);
					expect(rebuild(stored.updates)).toEqual(session.content());
					expect(await new DrizzleDocStorage(reopened.db).rowCount(document)).toBe(1 + late.length);
				} finally {
					await reopened.close();
				}
			} finally {
				await durable.cleanup();
			}
		},
		OPEN_TIMEOUT * 2
	);
});

// --- Bookkeeping only the database implementations have ------------------------------------------

/** Opens `backend` for the tests of one describe block; the database, or a pointer to the beforeAll error. */
function openedFor(backend: Backend): () => OpenedBackend['handle']['db'] {
	let opened: OpenedBackend | undefined;
	beforeAll(async () => {
		opened = await backend.open();
	}, OPEN_TIMEOUT);
	afterAll(async () => {
		await opened?.cleanup();
	});
	return () => {
		if (!opened) throw new Error(`${backend.name} did not open; see the beforeAll error`);
		return opened.handle.db;
	};
}

describe.each(storageBackends())('DrizzleDocStorage on $name: merged counts', (backend) => {
	const database = openedFor(backend);

	it('records how many original updates a snapshot row replaced, across compactions (sync-server SPEC K2)', async () => {
		const db = database();
		const storage = new DrizzleDocStorage(db);
		const session = gradebookSession();
		const document = documentName();
		const mergedColumn = async () =>
			(await db.select({ merged: yjsUpdates.merged }).from(yjsUpdates).where(eq(yjsUpdates.document, document)))
				.map((row) => row.merged)
				.sort((a, b) => a - b);

		session.enterMany(7);
		const first = session.unsent();
		await storage.append(document, first);
		expect(await mergedColumn()).toEqual(first.map(() => 1));

		await compactAll(storage, document);
		expect(await mergedColumn()).toEqual([first.length]);

		session.enterMany(3, 100);
		await storage.append(document, session.unsent());
		await compactAll(storage, document);
		expect(await mergedColumn()).toEqual([session.updates.length]);
	});
});

describe.each(storageBackends())('DrizzleDocStorage on $name: one statement per commit tick', (backend) => {
	const database = openedFor(backend);

	/** The transaction that inserted each row of these documents: rows of one statement share it. */
	async function insertingTransactions(db: OpenedBackend['handle']['db'], documents: string[]): Promise<string[]> {
		const rows = await db.select({ xmin: sql<string>`xmin::text` }).from(yjsUpdates).where(inArray(yjsUpdates.document, documents));
		return rows.map((row) => row.xmin);
	}

	it('appends of several documents made in one turn of the event loop share one INSERT; later ones get their own (sync-server SPEC S1, S11)', async () => {
		const db = database();
		const storage = new DrizzleDocStorage(db);
		const together = [documentName(), documentName(), documentName()];
		const sessions = together.map(() => gradebookSession());
		for (const session of sessions) session.enterMany(2);
		// As at one tick of the commit clock: every persister appends in the same turn.
		await Promise.all(together.map((document, index) => storage.append(document, sessions[index]!.updates)));
		const shared = await insertingTransactions(db, together);
		expect(shared.length).toBe(sessions.reduce((rows, session) => rows + session.updates.length, 0));
		expect(new Set(shared).size).toBe(1);

		const apart = [documentName(), documentName()];
		for (const document of apart) await storage.append(document, sessions[0]!.updates);
		expect(new Set(await insertingTransactions(db, apart)).size).toBe(2);
	});

	it('lands appends of every size with their ids, whether their statement is prepared or not, and again on reuse (sync-server SPEC S12)', async () => {
		const storage = new DrizzleDocStorage(database());
		// 1 and 2 rows: named statements, the second time reused; 40 rows: past the prepared shapes.
		for (const rows of [1, 2, 40, 1, 2, 40]) {
			const document = documentName();
			const session = gradebookSession();
			session.enterMany(rows - 1);
			expect(session.updates.length).toBe(rows);
			const lastId = await storage.append(document, session.updates);
			const stored = await storage.load(document);
			expect(stored.lastId).toBe(lastId);
			expect(await storage.rowCount(document)).toBe(rows);
			expect(rebuild(stored.updates)).toEqual(session.content());
		}
	});
});

describe.each(storageBackends())('DrizzleDocStorage on $name: document keys', (backend) => {
	const database = openedFor(backend);

	it('registers a document first stored with the key columns its name gives', async () => {
		const db = database();
		const gradebook = `gradebook/thcs-demo/2025-2026/hk2/6a1/toan-${randomBytes(4).toString('hex')}`;
		const student = `student/hs-${randomBytes(4).toString('hex')}/2025-2026`;
		const session = gradebookSession();
		session.enterMany(3);
		const storage = new DrizzleDocStorage(db);
		await Promise.all([storage.append(gradebook, session.updates), storage.append(student, session.updates)]);
		await storage.append(gradebook, session.updates);

		const rows = await db.select().from(yjsDocuments).where(inArray(yjsDocuments.name, [gradebook, student]));
		const keys = new Map(rows.map(({ createdAt: _, ...row }) => [row.name, row]));
		expect(keys.get(gradebook)).toEqual({ name: gradebook, ...documentKeysOf(gradebook) });
		expect(keys.get(student)).toEqual({ name: student, ...documentKeysOf(student) });
		expect(keys.get(gradebook)).toMatchObject({ kind: 'gradebook', school: 'thcs-demo', year: '2025-2026', term: 'hk2', classCode: '6a1', student: null });
		expect(keys.get(student)).toMatchObject({ kind: 'student', school: null, year: '2025-2026', term: null, classCode: null, subject: null });
	});

	it('keys a document registered earlier without keys, and leaves keyed rows alone', async () => {
		const db = database();
		const bare = `homeroom/thcs-demo/2025-2026/hk1/7a${randomBytes(2).toString('hex')}`;
		await db.insert(yjsDocuments).values({ name: bare, kind: 'homeroom' });
		await new DrizzleDocStorage(db).append(bare, [Y.encodeStateAsUpdate(new Y.Doc())]);
		const [row] = await db.select().from(yjsDocuments).where(eq(yjsDocuments.name, bare));
		expect(row).toMatchObject({ kind: 'homeroom', school: 'thcs-demo', year: '2025-2026', term: 'hk1', subject: null });
	});
});

function documentKeysOf(name: string) {
	const row = documentRow(name);
	if (!row) throw new Error(`not a document name: ${name}`);
	const { name: _, ...keys } = row;
	return keys;
}
