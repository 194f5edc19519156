/**
 * Presence relayed by a real Room (sync-server SPEC W3, W4): what a peer may say is applied and
 * relayed as admitted — the very bytes when every entry took effect, an encoding of what did
 * otherwise — so a reader always learns exactly the states the room holds.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../src/lib/ydoc/wire';
import { presenceAsAdmitted } from './server-messages';
import { LAN, gradebookRoom } from './testing/gradebook-room';

const CLIENT = 4242;

/** An awareness update with the given entries, in y-protocols' format. */
function presence(entries: Array<{ clock: number; state: unknown }>, indent?: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clock, state } of entries) {
		encoding.writeVarUint(encoder, CLIENT);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state, null, indent));
	}
	return encoding.toUint8Array(encoder);
}

function fromClient(update: Uint8Array): Uint8Array {
	return presenceAsAdmitted(update);
}

/** The states a client holds after applying every presence message it was sent. */
function seenBy(messages: Uint8Array[]): Map<number, unknown> {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	awareness.setLocalState(null);
	for (const message of messages) {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder);
		awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
	}
	const states = new Map(awareness.getStates());
	awareness.destroy();
	return states;
}

describe('presence relayed as admitted (sync-server SPEC W3, W4)', () => {
	it('W4 a cursor move of a client that names its own person reaches the others byte for byte', async () => {
		const { room, writer, reader } = await gradebookRoom();
		const before = reader.ofType(MessageType.awareness).length;
		// Indented JSON: a re-encoding would come out compact, so equal bytes mean nothing was encoded again.
		const update = presence([{ clock: 1, state: { user: { id: LAN.personId, name: LAN.name, color: '#0369a1' }, cell: 'hs-1:tx1' } }], 1);
		room.receive(writer, fromClient(update));
		const relayed = reader.ofType(MessageType.awareness).slice(before);
		expect(relayed).toEqual([presenceAsAdmitted(update)]);
		expect(room.awareness.getStates().get(CLIENT)).toEqual({ user: { id: LAN.personId, name: LAN.name, color: '#0369a1' }, cell: 'hs-1:tx1' });
	});

	it('W3 a state under another name is relayed as stamped, never as sent', async () => {
		const { room, writer, reader } = await gradebookRoom();
		const before = reader.ofType(MessageType.awareness).length;
		room.receive(writer, fromClient(presence([{ clock: 1, state: { user: { id: 'hieu-truong', name: 'Hiệu trưởng' }, cell: 'hs-2:tx1' } }])));
		expect(seenBy(reader.ofType(MessageType.awareness).slice(before)).get(CLIENT)).toEqual({ user: { id: LAN.personId, name: LAN.name }, cell: 'hs-2:tx1' });
	});

	it('W4 an update with an entry that did not take effect (an older clock) is relayed as what the room now holds', async () => {
		const { room, writer, reader } = await gradebookRoom();
		const me = { id: LAN.personId, name: LAN.name };
		const before = reader.ofType(MessageType.awareness).length;
		const update = presence([
			{ clock: 5, state: { user: me, cell: 'hs-3:gk' } },
			{ clock: 3, state: { user: me, cell: 'stale' } }
		]);
		room.receive(writer, fromClient(update));
		const relayed = reader.ofType(MessageType.awareness).slice(before);
		expect(relayed).toHaveLength(1);
		expect(relayed[0]).not.toEqual(presenceAsAdmitted(update));
		expect(seenBy(relayed).get(CLIENT)).toEqual({ user: me, cell: 'hs-3:gk' });
		expect(room.awareness.getStates().get(CLIENT)).toEqual({ user: me, cell: 'hs-3:gk' });
	});
});
