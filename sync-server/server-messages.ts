/**
 * Frames the server sends, in the standard y-websocket framing plus the project messages of
 * src/lib/ydoc/wire.ts. Each returns one complete WebSocket message.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, type Access } from '../src/lib/ydoc/wire';

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** "Tell me what you have that I do not": the client answers with sync step 2. */
export function syncStep1(doc: Y.Doc): Uint8Array {
	return frame(MessageType.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** The part of `doc` a peer with `stateVector` is missing. */
export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return frame(MessageType.sync, (encoder) =>
		syncProtocol.writeSyncStep2(encoder, doc, stateVector)
	);
}

export function syncUpdate(update: Uint8Array): Uint8Array {
	return frame(MessageType.sync, (encoder) => syncProtocol.writeUpdate(encoder, update));
}

export function awarenessUpdate(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return frame(MessageType.awareness, (encoder) =>
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
	);
}

/** A peer's presence update as admitted (sync-server SPEC W4): framed, not encoded again. */
export function presenceAsAdmitted(update: Uint8Array): Uint8Array {
	return frame(MessageType.awareness, (encoder) => encoding.writeVarUint8Array(encoder, update));
}

export function accessMessage(access: Access): Uint8Array {
	return frame(MessageType.access, (encoder) => encoding.writeVarString(encoder, access));
}

/** Everything covered by `stateVector` is in the database: the client can show "saved". */
export function persistedMessage(stateVector: Uint8Array): Uint8Array {
	return frame(MessageType.persisted, (encoder) => encoding.writeVarUint8Array(encoder, stateVector));
}

/** The update this client just sent was refused (sync-server SPEC V1): which rule, and why. */
export function refusedMessage(rule: string, reason: string): Uint8Array {
	return frame(MessageType.refused, (encoder) => {
		encoding.writeVarString(encoder, rule);
		encoding.writeVarString(encoder, reason);
	});
}

/** The read-only rows of a class document (SPEC V19): `{ "<student id>": "<what the row says>" }`. */
export function leftStudentsMessage(students: ReadonlyMap<string, string>): Uint8Array {
	const sorted = Object.fromEntries([...students].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	return frame(MessageType.leftStudents, (encoder) => encoding.writeVarString(encoder, JSON.stringify(sorted)));
}
