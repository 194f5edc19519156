import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesNotPersisted } from './persisted-state';

describe('changes not yet on the server', () => {
	it('counts every local edit beyond the persisted state vector', () => {
		const doc = new Y.Doc();
		const cells = doc.getMap('cells');
		cells.set('a', 1);
		const persisted = Y.decodeStateVector(Y.encodeStateVector(doc));
		cells.set('b', 2);
		cells.set('a', 3);
		expect(changesNotPersisted(Y.decodeStateVector(Y.encodeStateVector(doc)), persisted)).toBe(2);
		expect(changesNotPersisted(persisted, persisted)).toBe(0);
	});

	it('counts edits of clients the server has never seen', () => {
		expect(changesNotPersisted(new Map([[7, 5]]), new Map())).toBe(5);
	});
});
