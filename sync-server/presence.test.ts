/**
 * Presence from peers (sync-server SPEC W1–W3): the part of an awareness update a connection may
 * apply, re-encoded with the ticket's name.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admitPresence, MAX_PRESENCE_STATE_BYTES, type PresenceOwner } from './presence';

const owner = (personId: string): PresenceOwner => ({ actor: { personId, name: `Giáo viên ${personId}` }, awarenessClients: new Set() });

function updateOf(state: Record<string, unknown> | null, clientID = 7, clock = 1): Uint8Array {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	const states = new Map<number, Record<string, unknown>>();
	if (state) states.set(clientID, state);
	awareness.meta.set(clientID, { clock, lastUpdated: 0 });
	const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID], states);
	awareness.destroy();
	return update;
}

function statesOf(update: Uint8Array | null): Map<number, unknown> {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	awareness.setLocalState(null);
	if (update) awarenessProtocol.applyAwarenessUpdate(awareness, update, 'test');
	const states = new Map(awareness.getStates());
	awareness.destroy();
	return states;
}

describe('admitPresence', () => {
	it('W3: stamps user.id and user.name from the ticket, keeps the rest', () => {
		const lan = owner('lan');
		const admitted = admitPresence(updateOf({ user: { id: 'principal', name: 'Hiệu trưởng', color: '#123' }, cell: 'hs-1:tx1' }), lan, [lan]);
		expect(statesOf(admitted).get(7)).toEqual({ user: { id: 'lan', name: 'Giáo viên lan', color: '#123' }, cell: 'hs-1:tx1' });
		expect(statesOf(admitPresence(updateOf({ cell: 'x' }, 7, 2), lan, [lan])).get(7)).toEqual({ cell: 'x', user: { id: 'lan', name: 'Giáo viên lan' } });
	});

	it('W1: a state over 2 KB, or one that is not an object, is dropped', () => {
		const lan = owner('lan');
		expect(admitPresence(updateOf({ junk: 'x'.repeat(MAX_PRESENCE_STATE_BYTES) }), lan, [lan])).toBeNull();
		expect(lan.awarenessClients.size).toBe(0);
		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.meta.set(7, { clock: 1, lastUpdated: 0 });
		const notAnObject = awarenessProtocol.encodeAwarenessUpdate(awareness, [7], new Map([[7, [1, 2, 3]]]));
		expect(admitPresence(notAnObject, lan, [lan])).toBeNull();
		awareness.destroy();
	});

	it('W2: one client id per connection; another person\'s id is untouchable, the same person\'s may be taken over', () => {
		const lan = owner('lan');
		const minh = owner('minh');
		const lanAgain = owner('lan');
		const everyone = [lan, minh, lanAgain];
		expect(admitPresence(updateOf({ cell: 'a' }, 7), lan, everyone)).not.toBeNull();
		expect(admitPresence(updateOf({ cell: 'b' }, 8), lan, everyone)).toBeNull();
		expect(admitPresence(updateOf({ cell: 'forged' }, 7, 5), minh, everyone)).toBeNull();
		expect(admitPresence(updateOf(null, 7, 5), minh, everyone)).toBeNull();
		expect(admitPresence(updateOf({ cell: 'c' }, 7, 6), lanAgain, everyone)).not.toBeNull();
		expect([...lan.awarenessClients, ...lanAgain.awarenessClients]).toEqual([7]);
		expect(lanAgain.awarenessClients.has(7)).toBe(true);
		expect(admitPresence(updateOf(null, 7, 7), lanAgain, everyone)).not.toBeNull();
	});

	it('W3: a state that already names the connection\'s person is admitted as sent, byte for byte; any other is re-stamped', () => {
		const lan = owner('lan');
		const ownState = updateOf({ user: { id: 'lan', name: 'Giáo viên lan', color: '#123' }, cell: 'hs-1:tx1' });
		expect(admitPresence(ownState, lan, [lan])).toBe(ownState);
		// The same id under another name, or a name under another id: stamped anew.
		const renamed = admitPresence(updateOf({ user: { id: 'lan', name: 'Hiệu trưởng' }, cell: 'a' }, 7, 2), lan, [lan]);
		expect(statesOf(renamed).get(7)).toEqual({ user: { id: 'lan', name: 'Giáo viên lan' }, cell: 'a' });
		// Duplicate keys: JSON.parse keeps the last, for the server and every client alike.
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, 7);
		encoding.writeVarUint(encoder, 3);
		encoding.writeVarString(encoder, '{"user":{"id":"lan","name":"Giáo viên lan","id":"principal"}}');
		const forged = admitPresence(encoding.toUint8Array(encoder), lan, [lan]);
		expect(statesOf(forged).get(7)).toEqual({ user: { id: 'lan', name: 'Giáo viên lan' } });
		// Still W1: a state of the right person over 2 KB is dropped.
		expect(admitPresence(updateOf({ user: { id: 'lan', name: 'Giáo viên lan' }, junk: 'ă'.repeat(1000) }, 7, 4), lan, [lan])).toBeNull();
	});
});
