/** The ramp times fan-out by the first struct of each update it receives: that must name the edit. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { firstStruct } from './light-client';

describe('firstStruct', () => {
	it("reads the (client, clock) of an update's first struct without decoding the rest", () => {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		doc.getArray('history').push([{ cell: 'hs-1:tx1', value: 80 }]);
		doc.getArray('history').push([{ cell: 'hs-2:tx1', value: 90 }]);
		expect(firstStruct(updates[0]!)).toEqual({ client: doc.clientID, clock: 0 });
		expect(firstStruct(updates[1]!)).toEqual({ client: doc.clientID, clock: 1 });
		// What a server forwards after applying it names the same struct.
		const server = new Y.Doc();
		const forwarded: Uint8Array[] = [];
		server.on('update', (update: Uint8Array) => forwarded.push(update));
		for (const update of updates) Y.applyUpdate(server, update);
		expect(forwarded.map(firstStruct)).toEqual(updates.map(firstStruct));
		expect(firstStruct(Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
	});
});
