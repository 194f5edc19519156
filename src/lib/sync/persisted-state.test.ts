/**
 * What the page counts as "only on this device" (sync SPEC N1–N3): changes of the clients this
 * device wrote with that the server's last "persisted" message does not cover. Colleagues'
 * changes, which reached this device from the server, never count.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesNotPersisted, forgetOwnClients, loadOwnClients, rememberOwnClients, stillUnsaved } from './persisted-state';

const vector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

/** The browser's localStorage, as far as these helpers use it. */
class MemoryStorage {
	readonly items = new Map<string, string>();
	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}
}

describe('changes not yet on the server (N1)', () => {
	it("counts this device's edits beyond the persisted state vector", () => {
		const doc = new Y.Doc();
		const cells = doc.getMap('cells');
		cells.set('a', 1);
		const persisted = vector(doc);
		cells.set('b', 2);
		cells.set('a', 3);
		const own = new Set([doc.clientID]);
		expect(changesNotPersisted(vector(doc), persisted, own)).toBe(2);
		expect(changesNotPersisted(persisted, persisted, own)).toBe(0);
	});

	it('counts edits of its own clients the server has never seen', () => {
		expect(changesNotPersisted(new Map([[7, 5]]), new Map(), new Set([7]))).toBe(5);
	});

	it("does not count a colleague's changes that arrived from the server, acknowledged or not", () => {
		const mine = new Y.Doc();
		const colleague = new Y.Doc();
		mine.getMap('cells').set('a', 1);
		const persisted = vector(mine);
		colleague.getMap('cells').set('b', 2);
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(colleague));
		expect(changesNotPersisted(vector(mine), persisted, new Set([mine.clientID]))).toBe(0);
		// Counted against every client (protocol 1), the colleague's mark would show as unsaved.
		expect(changesNotPersisted(vector(mine), persisted, new Set(vector(mine).keys()))).toBe(1);
	});
});

describe("the device's own clients (N2, N3)", () => {
	beforeEach(() => {
		(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	});

	it('are remembered per document, once each, and read back after a reload', () => {
		expect(loadOwnClients('gradebook/a')).toBeNull();
		rememberOwnClients('gradebook/a', [11]);
		rememberOwnClients('gradebook/a', [11]);
		rememberOwnClients('gradebook/a', [12]);
		expect([...loadOwnClients('gradebook/a')!]).toEqual([11, 12]);
		expect(loadOwnClients('gradebook/b')).toBeNull();
		// An empty list is a list: this device has recorded that it wrote nothing yet.
		rememberOwnClients('gradebook/b', []);
		expect(loadOwnClients('gradebook/b')).toEqual(new Set());
	});

	it('re-read the stored list before changing it, so another tab’s clients are kept', () => {
		rememberOwnClients('gradebook/a', [11, 12]);
		// This tab loaded {11, 12}; another tab then writes with 13.
		rememberOwnClients('gradebook/a', [13]);
		// This tab finds 11 all saved and forgets it: 13 stays.
		forgetOwnClients('gradebook/a', [11]);
		expect([...loadOwnClients('gradebook/a')!]).toEqual([12, 13]);
		// The other tab forgot 12 while this tab still writes with it: its next edit adds it back.
		forgetOwnClients('gradebook/a', [12]);
		rememberOwnClients('gradebook/a', [12]);
		expect([...loadOwnClients('gradebook/a')!]).toEqual([13, 12]);
	});

	it('reads a damaged list as no list, and drops what is not a client id', () => {
		localStorage.setItem('sodiem:own-clients:gradebook/a', '{not json');
		expect(loadOwnClients('gradebook/a')).toBeNull();
		localStorage.setItem('sodiem:own-clients:gradebook/a', JSON.stringify([5, 'x', 1.5, null, 6]));
		expect([...loadOwnClients('gradebook/a')!]).toEqual([5, 6]);
	});

	it('keep only clients with unconfirmed changes, and this page’s own (N3)', () => {
		const local = new Map([[1, 4], [2, 3], [3, 9], [4, 2]]);
		const persisted = new Map([[1, 4], [2, 1], [4, 2]]);
		expect(stillUnsaved(new Set([1, 2, 4]), local, persisted, 4)).toEqual(new Set([2, 4]));
		// No list yet (the app before protocol 2): every client with unconfirmed changes.
		expect(stillUnsaved(null, local, persisted, 9)).toEqual(new Set([2, 3]));
	});
});
