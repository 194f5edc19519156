/**
 * A light y-websocket-protocol client for the ramp and joins scenarios: a plain `ws` socket that
 * speaks the standard framing (sync step 1/2, updates) without a provider, and never applies what
 * it receives. At thousands of writes per second, dozens of stock providers in one process would
 * measure the load generator, not the server; this client costs a few varint reads per message.
 *
 * A writer keeps its own Y.Doc holding only its own edits (as a teacher's device that has not
 * heard from the others yet would) and sends each edit as the one-struct update Yjs produces. A
 * receiver reads only the first struct's (client, clock) of each update it gets: that names the
 * edit, so fan-out is timed without decoding the content. Both servers under test forward an
 * update with its structs unchanged.
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType } from '../../src/lib/ydoc/wire';

/** y-protocols/sync message types. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export interface LightClientEvents {
	/** A sync update arrived whose first struct is (client, clock). */
	onUpdate?(client: number, clock: number, now: number): void;
	/** The server's sync step 2 (the document's state) arrived. */
	onSynced?(now: number): void;
	/** Our "persisted" message: the state vector the database holds. */
	onPersisted?(stateVector: Uint8Array, now: number): void;
	/** The socket closed (or never opened) before we closed it: the close code and the last error, if any. */
	onClose?(code: number, error: string | null): void;
}

export class LightClient {
	readonly ws: WebSocket;
	readonly openedAt = performance.now();
	#closedByUs = false;

	constructor(url: string, events: LightClientEvents) {
		this.ws = new WebSocket(url, { perMessageDeflate: false });
		this.ws.binaryType = 'nodebuffer';
		this.ws.on('open', () => {
			// As the stock client does: ask for the document (empty state vector).
			this.send(frame((encoder) => {
				encoding.writeVarUint(encoder, MessageType.sync);
				encoding.writeVarUint(encoder, SYNC_STEP_1);
				encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR);
			}));
		});
		this.ws.on('message', (data: Buffer) => this.#onMessage(data, events));
		let lastError: string | null = null;
		this.ws.on('error', (error) => (lastError = error.message));
		this.ws.on('close', (code) => {
			if (!this.#closedByUs) events.onClose?.(code, lastError);
		});
	}

	get isOpen(): boolean {
		return this.ws.readyState === WebSocket.OPEN;
	}

	/** Sends one Yjs update as a sync update message. */
	sendUpdate(update: Uint8Array): void {
		this.send(
			frame((encoder) => {
				encoding.writeVarUint(encoder, MessageType.sync);
				encoding.writeVarUint(encoder, SYNC_UPDATE);
				encoding.writeVarUint8Array(encoder, update);
			})
		);
	}

	send(message: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
	}

	close(): void {
		this.#closedByUs = true;
		this.ws.terminate();
	}

	#onMessage(data: Buffer, events: LightClientEvents): void {
		const now = performance.now();
		const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
		const type = decoding.readVarUint(decoder);
		if (type === MessageType.persisted) {
			events.onPersisted?.(decoding.readVarUint8Array(decoder), now);
			return;
		}
		if (type !== MessageType.sync) return;
		const syncType = decoding.readVarUint(decoder);
		if (syncType === SYNC_STEP_1) {
			// The server asks what we have that it lacks: nothing it needs from a fresh client.
			this.send(EMPTY_STEP_2);
			return;
		}
		if (syncType === SYNC_STEP_2) {
			events.onSynced?.(now);
			return;
		}
		if (syncType === SYNC_UPDATE && events.onUpdate) {
			const first = firstStruct(decoding.readVarUint8Array(decoder));
			if (first) events.onUpdate(first.client, first.clock, now);
		}
	}
}

/** The (client, clock) of an update's first struct (update format v1), without decoding the rest. */
export function firstStruct(update: Uint8Array): { client: number; clock: number } | null {
	const decoder = decoding.createDecoder(update);
	const groups = decoding.readVarUint(decoder);
	if (groups === 0) return null;
	const structs = decoding.readVarUint(decoder);
	if (structs === 0) return null;
	const client = decoding.readVarUint(decoder);
	const clock = decoding.readVarUint(decoder);
	return { client, clock };
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_STEP_2 = frame((encoder) => {
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(new Y.Doc()));
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** The URL a y-websocket client opens for `document` on `serverUrl` with `params`. */
export function connectionUrl(serverUrl: string, document: string, params: Record<string, string>): string {
	const query = new URLSearchParams(params).toString();
	return `${serverUrl}/${document}${query ? `?${query}` : ''}`;
}
