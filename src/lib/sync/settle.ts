/**
 * Settling a device whose edits the server will never take (sync SPEC, "Refused offline edits",
 * O1–O5): a read-only connection (a term locked while the teacher was offline) drops every write,
 * so without this the device would show its own values and "Đang lưu…" for ever. Yjs cannot take
 * items out of a document, so the device's copy is replaced by the server's state as a whole.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import { MessageType } from '../ydoc/wire';
import { changesNotPersisted } from './persisted-state';

/**
 * O1: whether this device holds items the server's state vector (its sync step 1) lacks. Only
 * a hint — a deletion alone does not move a state vector — deciding whether to ask for the
 * server's whole state; `holdsRefusedContent` decides.
 */
export function mayHoldRefusedContent(local: Y.Doc, serverVector: Map<number, number>): boolean {
	return changesNotPersisted(Y.decodeStateVector(Y.encodeStateVector(local)), serverVector) > 0;
}

/**
 * O2: whether `local`, which already holds everything in `official` (the server's whole state),
 * holds more: items or deletions the server never accepted.
 */
export function holdsRefusedContent(local: Y.Doc, official: Uint8Array): boolean {
	const server = new Y.Doc();
	try {
		Y.applyUpdate(server, official);
		return !Y.equalSnapshots(Y.snapshot(local), Y.snapshot(server));
	} finally {
		server.destroy();
	}
}

/** How many items of `local` the server lacks (for the page's notice). */
export function refusedItemCount(local: Y.Doc, official: Uint8Array): number {
	return changesNotPersisted(Y.decodeStateVector(Y.encodeStateVector(local)), Y.decodeStateVector(Y.encodeStateVectorFromUpdate(official)));
}

/**
 * O3: a sync step 1 with an empty state vector: the server answers with its whole document (a
 * step 2). Sent after the device's own step 2, its answer also proves the server has read that
 * step 2 — so the refused edits reached the correction capture before the device lets go of them.
 */
export function wholeStateRequest(): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, messageYjsSyncStep1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
	return encoding.toUint8Array(encoder);
}

export type PeekedSyncMessage = { kind: 'step1'; stateVector: Map<number, number> } | { kind: 'step2'; update: Uint8Array } | { kind: 'update' };

/** What a sync message (after its message type) carries, read without consuming `decoder`. */
export function peekSyncMessage(decoder: decoding.Decoder): PeekedSyncMessage {
	const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
	const kind = decoding.readVarUint(peek);
	if (kind === messageYjsSyncStep1) return { kind: 'step1', stateVector: Y.decodeStateVector(decoding.readVarUint8Array(peek)) };
	if (kind === messageYjsSyncStep2) return { kind: 'step2', update: decoding.readVarUint8Array(peek) };
	return { kind: 'update' };
}
