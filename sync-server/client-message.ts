/**
 * Parses one frame from a client. Everything a peer sends is untrusted: a frame that is not
 * exactly one message of the y-websocket framing (unknown type, truncated varint, trailing
 * bytes, a server-only project message) is a MalformedMessage, and the connection that sent it
 * is closed — never the process.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from '../src/lib/ydoc/wire';

export type ClientMessage =
	/** Sync step 1: the client's state vector; the server answers with what the client lacks. */
	| { kind: 'state-request'; stateVector: Uint8Array }
	/** Sync step 2 or a live update: content the client wants merged into the document. */
	| { kind: 'document-write'; update: Uint8Array; step: 'step2' | 'update' }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'query-awareness' }
	/** y-protocols' auth message: the stock client never sends one and we do not use it. */
	| { kind: 'auth' };

export class MalformedMessage extends Error {
	override name = 'MalformedMessage';
}

export function parseClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder);
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message');
		return message;
	} catch (error) {
		if (error instanceof MalformedMessage) throw error;
		// lib0 throws plain Errors on truncated varints and lengths past the end of the frame.
		throw new MalformedMessage(error instanceof Error ? error.message : String(error));
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MessageType.sync:
			return readSyncMessage(decoder);
		case MessageType.awareness:
			return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MessageType.queryAwareness:
			return { kind: 'query-awareness' };
		case MessageType.auth:
			// Permission-denied reason (varUint 0 + varString) is the only auth message there is.
			decoding.readVarUint(decoder);
			decoding.readVarString(decoder);
			return { kind: 'auth' };
		default:
			throw new MalformedMessage(`unknown message type ${type}`);
	}
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
	const step = decoding.readVarUint(decoder);
	switch (step) {
		case syncProtocol.messageYjsSyncStep1:
			return { kind: 'state-request', stateVector: decoding.readVarUint8Array(decoder) };
		case syncProtocol.messageYjsSyncStep2:
			return { kind: 'document-write', update: decoding.readVarUint8Array(decoder), step: 'step2' };
		case syncProtocol.messageYjsUpdate:
			return { kind: 'document-write', update: decoding.readVarUint8Array(decoder), step: 'update' };
		default:
			throw new MalformedMessage(`unknown sync message type ${step}`);
	}
}
