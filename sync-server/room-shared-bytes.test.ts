/**
 * SPEC S10 on a real Room: a client's validated update that is all new to the document is shared
 * as the bytes it came in (Yjs does not encode the transaction again); one that repeats what the
 * document holds, or that completes structs waiting from earlier, is shared as Yjs encodes the
 * transaction — so every other client, and storage, gets exactly what the document gained.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readGradebook } from '../src/lib/ydoc/gradebook';
import { syncUpdate } from './server-messages';
import { GRADEBOOK, gradebookRoom } from './testing/gradebook-room';

function fromClient(update: Uint8Array): Uint8Array {
	return syncUpdate(update);
}

/** The document a client holding `base` has after applying every update the reader was sent. */
function readerDocument(base: Uint8Array, messages: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, base);
	// A sync update message: type (varuint 0), sync type (varuint 2), then the update with its length.
	for (const message of messages) Y.applyUpdate(doc, message.subarray(3 + (message[2]! >= 128 ? 1 : 0)));
	return doc;
}

describe('a client update shared as it came (sync-server SPEC S10)', () => {
	it('S10 an update all new to the document reaches the other clients byte for byte, and is stored', async () => {
		const { room, writer, edit, broadcasts, storage } = await gradebookRoom();
		const update = edit('hs-1', 80);
		room.receive(writer, fromClient(update));
		expect(broadcasts()).toEqual([syncUpdate(update)]);
		await room.persister.flush();
		const stored = new Y.Doc();
		for (const row of (await storage.inner.load(GRADEBOOK)).updates) Y.applyUpdate(stored, row);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(room.doc));
	});

	it('S10 an update sent again brings nothing and is not shared again', async () => {
		const { room, writer, edit, broadcasts } = await gradebookRoom();
		const update = edit('hs-1', 80);
		room.receive(writer, fromClient(update));
		room.receive(writer, fromClient(update));
		expect(broadcasts()).toHaveLength(1);
	});

	it('S10 an update that repeats part of what the document holds is shared as Yjs encodes what it added', async () => {
		const { room, writer, edit, broadcasts } = await gradebookRoom();
		const base = Y.encodeStateAsUpdate(room.doc);
		const first = edit('hs-1', 80);
		room.receive(writer, fromClient(first));
		const second = edit('hs-2', 65);
		room.receive(writer, fromClient(Y.mergeUpdates([first, second])));
		const [, shared] = broadcasts();
		expect(shared).not.toEqual(syncUpdate(Y.mergeUpdates([first, second])));
		const seen = readerDocument(base, broadcasts());
		expect(Y.encodeStateVector(seen)).toEqual(Y.encodeStateVector(room.doc));
	});

	it('S10 an update that completes structs waiting in the document shares them too', async () => {
		const { room, writer, edit, broadcasts } = await gradebookRoom();
		const base = Y.encodeStateAsUpdate(room.doc);
		const first = edit('hs-1', 80);
		const second = edit('hs-2', 65);
		// The second arrives first by another path (as a fanned-out update can): it waits for the first.
		Y.applyUpdate(room.doc, second, 'another path');
		expect(room.doc.store.pendingStructs).not.toBeNull();
		room.receive(writer, fromClient(first));
		expect(room.doc.store.pendingStructs).toBeNull();
		// The reader got both marks, not only the bytes the writer sent.
		const seen = readerDocument(base, broadcasts());
		expect(Y.encodeStateVector(seen)).toEqual(Y.encodeStateVector(room.doc));
		const marks = (doc: Y.Doc) => {
			const read = readGradebook(doc);
			return read.ok ? [...read.history.entries()].map(([cell, edits]) => [cell, edits.at(-1)?.value]) : [];
		};
		expect(marks(seen)).toEqual([
			['hs-1:tx1', 80],
			['hs-2:tx1', 65]
		]);
		expect(marks(seen)).toEqual(marks(room.doc));
	});
});
