/**
 * SPEC V20 on a real Room: a client that comes back with edits the server has not seen sends what
 * it types at once, before the server's sync step 1 reaches it. Those live updates build on edits
 * the server lacks; they are set aside (not applied, not shared, not refused) until the client's
 * step 2 brings everything, which is validated like any write. After step 2 a missing dependency
 * is refused (V2), and content the schema refuses is refused before step 2 too.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RefusedUpdate } from '../src/lib/ydoc/document-schema';
import { readGradebook } from '../src/lib/ydoc/gradebook';
import { syncStep2, syncUpdate } from './server-messages';
import { gradebookRoom } from './testing/gradebook-room';

/** The shared gradebook room, after the teacher's device entered a mark the server never got (offline). */
async function setUp() {
	const fixture = await gradebookRoom();
	fixture.edit('hs-1', 70);
	const marks = () => {
		const read = readGradebook(fixture.room.doc);
		return read.ok ? Object.fromEntries([...read.cells].map(([cell, entry]) => [cell, entry.value])) : null;
	};
	return { ...fixture, marks };
}

describe('a reconnecting client’s live updates wait for its sync step 2 (sync-server SPEC V20)', () => {
	it('V20 a live update that builds on edits the server lacks is set aside before step 2; step 2 brings both', async () => {
		const { room, device, edit, writer, marks, broadcasts } = await setUp();
		// Typed right after reconnecting: it builds on the offline mark the server has not seen.
		const typed = edit('hs-2', 85);
		expect(() => room.receive(writer, syncUpdate(typed))).not.toThrow();
		expect(marks()).toEqual({});
		expect(broadcasts()).toEqual([]);

		// The client's answer to the server's step 1.
		room.receive(writer, syncStep2(device, Y.encodeStateVector(room.doc)));
		expect(marks()).toEqual({ 'hs-1:tx1': 70, 'hs-2:tx1': 85 });
		expect(broadcasts()).toHaveLength(1);
	});

	it('V20 V2 after step 2, an update with a missing dependency is refused', async () => {
		const { room, device, edit, writer } = await setUp();
		room.receive(writer, syncStep2(device, Y.encodeStateVector(room.doc)));
		edit('hs-2', 60);
		const skipped = edit('hs-3', 65);
		expect(() => room.receive(writer, syncUpdate(skipped))).toThrow(RefusedUpdate);
	});

	it('V20 before step 2, content the schema refuses is still refused', async () => {
		const { room, writer, marks } = await setUp();
		// A device with nothing unsent rewrites the server-owned header: refused (V3), not set aside.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
		const before = Y.encodeStateVector(other);
		other.getMap('meta').set('className', '6A9');
		expect(() => room.receive(writer, syncUpdate(Y.encodeStateAsUpdate(other, before)))).toThrow(RefusedUpdate);
		expect(room.doc.getMap('meta').get('className')).toBe('6A1');
		expect(marks()).toEqual({});
	});
});
