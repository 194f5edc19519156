/**
 * A writer's connection that sends whatever it likes: a raw `ws` socket with a real ticket that
 * keeps a replica of the document (what the server sent it) and crafts Yjs updates from it with
 * real Y.Doc operations, the way a modified client would. It records the server's `refused`
 * messages and the close code.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType } from '../../../src/lib/ydoc/wire';
import { ticketFor, waitUntil } from './sync-clients';

export interface RawWriter {
	/** What this connection has received of the document. */
	replica: Y.Doc;
	refusals: Array<{ rule: string; reason: string }>;
	awareness: Uint8Array[];
	/** Each list of read-only rows the server sent (sync-server SPEC V19): student id → what the row says. */
	leftStudents: Array<Record<string, string>>;
	closeCode: number | null;
	/** An update made by `change` on a copy of the replica (the replica itself is left as it is). */
	craft(change: (doc: Y.Doc) => void): Uint8Array;
	sendUpdate(update: Uint8Array): void;
	sendAwareness(update: Uint8Array): void;
	close(): void;
}

const frame = (write: (encoder: encoding.Encoder) => void) => {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
};

/**
 * `ticket` defaults to one minted with the standalone server's test secret; against the composed
 * app, pass one of the app's (`RunningApp.ticket`), which names a real session.
 */
export async function openRawWriter(
	syncUrl: string,
	document: string,
	personId: string,
	access: 'read' | 'write' = 'write',
	ticket: string = ticketFor(document, access, { personId })
): Promise<RawWriter> {
	const socket = new WebSocket(`${syncUrl}/${document}?ticket=${ticket}`);
	const replica = new Y.Doc();
	let synced = false;
	const writer: RawWriter = {
		replica,
		refusals: [],
		awareness: [],
		leftStudents: [],
		closeCode: null,
		craft(change) {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(replica));
			const before = Y.encodeStateVector(copy);
			change(copy);
			const update = Y.encodeStateAsUpdate(copy, before);
			copy.destroy();
			return update;
		},
		sendUpdate: (update) => socket.send(frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeUpdate(e, update)))),
		sendAwareness: (update) => socket.send(frame((e) => (encoding.writeVarUint(e, MessageType.awareness), encoding.writeVarUint8Array(e, update)))),
		close: () => socket.close()
	};
	socket.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		const type = decoding.readVarUint(decoder);
		if (type === MessageType.sync) {
			const step = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), replica, 'server');
			if (step === syncProtocol.messageYjsSyncStep2) synced = true;
		} else if (type === MessageType.refused) {
			writer.refusals.push({ rule: decoding.readVarString(decoder), reason: decoding.readVarString(decoder) });
		} else if (type === MessageType.awareness) {
			writer.awareness.push(decoding.readVarUint8Array(decoder));
		} else if (type === MessageType.leftStudents) {
			writer.leftStudents.push(JSON.parse(decoding.readVarString(decoder)) as Record<string, string>);
		}
	});
	socket.on('close', (code) => (writer.closeCode = code));
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve());
		socket.once('error', reject);
	});
	// Ask for the whole document, as a client with an empty copy does.
	socket.send(frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep1(e, new Y.Doc()))));
	await waitUntil(() => synced, 'the raw writer received the document');
	return writer;
}
