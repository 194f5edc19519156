/**
 * Presence (awareness) from a peer is untrusted like everything else (sync-server SPEC W1–W3):
 * each entry of an awareness update is kept only if it is small, belongs to a client id this
 * connection controls, and its `user` is re-stamped with the connection's person. What is left is
 * re-encoded in y-protocols' format (varUint count, then per client: varUint id, varUint clock,
 * varString JSON state) and applied as if the peer had sent only that.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SyncActor } from './sync-events';

/** W1: the JSON of one presence state after stamping (a cursor, a name, a colour fit in far less). */
export const MAX_PRESENCE_STATE_BYTES = 2048;

export interface PresenceOwner {
	readonly actor: SyncActor;
	readonly awarenessClients: Set<number>;
}

/**
 * The part of `update` that `peer` may apply, or null when nothing is left. `owners` are the other
 * peers of the room. Throws lib0's errors on a malformed update (the caller reports it as such).
 */
export function admitPresence(update: Uint8Array, peer: PresenceOwner, owners: Iterable<PresenceOwner>): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const kept: Array<{ client: number; clock: number; state: string }> = [];
	let asSent = true;
	for (let index = 0; index < count; index += 1) {
		const client = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const sent = decoding.readVarString(decoder);
		const state = stampState(sent, peer.actor);
		if (state === undefined || !claim(client, peer, owners)) {
			asSent = false;
			continue;
		}
		if (state !== sent) asSent = false;
		kept.push({ client, clock, state });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
	if (kept.length === 0) return null;
	// Every entry admitted as it came (a client that already names its own person, as the app
	// does): the encoding would give back the same bytes.
	if (asSent) return update;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const entry of kept) {
		encoding.writeVarUint(encoder, entry.client);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.state);
	}
	return encoding.toUint8Array(encoder);
}

/**
 * W2: a connection controls the awareness client id it introduced first (its Yjs client), and no
 * other. Another connection of the same person may take an id over (a reconnect whose old socket
 * the server has not seen close yet); another person's id is never touched.
 */
function claim(client: number, peer: PresenceOwner, owners: Iterable<PresenceOwner>): boolean {
	if (peer.awarenessClients.has(client)) return true;
	if (peer.awarenessClients.size > 0) return false;
	for (const other of owners) {
		if (other === peer || !other.awarenessClients.has(client)) continue;
		if (other.actor.personId !== peer.actor.personId) return false;
		other.awarenessClients.delete(client);
	}
	peer.awarenessClients.add(client);
	return true;
}

/** W1 + W3: the state with `user.id`/`user.name` from the ticket, or undefined when it is refused. */
function stampState(json: string, actor: SyncActor): string | undefined {
	if (json.length > MAX_PRESENCE_STATE_BYTES) return undefined;
	let state: unknown;
	try {
		state = JSON.parse(json);
	} catch {
		return undefined;
	}
	if (state === null) return 'null';
	if (typeof state !== 'object' || Array.isArray(state)) return undefined;
	const record = state as Record<string, unknown>;
	const user = typeof record.user === 'object' && record.user !== null && !Array.isArray(record.user) ? (record.user as Record<string, unknown>) : {};
	// Already the connection's person (the app's client stamps itself so): nothing to replace.
	// Everyone reads the JSON with JSON.parse, so they see exactly the user checked here.
	if (user.id === actor.personId && user.name === actor.name) return Buffer.byteLength(json) <= MAX_PRESENCE_STATE_BYTES ? json : undefined;
	const stamped = JSON.stringify({ ...record, user: { ...user, id: actor.personId, name: actor.name } });
	return Buffer.byteLength(stamped) <= MAX_PRESENCE_STATE_BYTES ? stamped : undefined;
}
