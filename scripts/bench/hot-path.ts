/**
 * `node --import tsx scripts/bench/hot-path.ts [updates]`: the sync server's own work per client
 * update, without sockets and without a database — one Room (sync-server/room.ts) on
 * MemoryDocStorage, D documents × W writer peers + V viewer peers whose `send` only counts bytes,
 * fed the updates the gradebook adapter makes. Prints CPU microseconds per update (process CPU
 * time, so other work on a busy machine inflates it far less than wall-clock figures) and the
 * messages and bytes sent per update. Run with `node --cpu-prof` for where the time goes.
 */
import { performance } from 'node:perf_hooks';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { writeCell } from '../../src/lib/ydoc/gradebook';
import { MessageType } from '../../src/lib/ydoc/wire';
import { CommitClock } from '../../sync-server/persistence/commit-clock';
import { MemoryDocStorage } from '../../sync-server/persistence/memory-doc-storage';
import { RoomRegistry } from '../../sync-server/room-registry';
import type { Peer, Room } from '../../sync-server/room';
import { cellPlan, documentName } from './gradebook-fixture';
import { provisionStorage, seed } from './provision';

const DOCS = 4;
const WRITERS = 8;
const VIEWERS = 2;
const UPDATES = Number(process.argv[2] ?? 20_000);
/** Updates handed to the room between two turns of the event loop (commits and acks run in those turns). */
const BURST = 40;

class CountingPeer implements Peer {
	readonly awarenessClients = new Set<number>();
	droppedWrites = 0;
	messages = 0;
	bytes = 0;
	constructor(readonly actor: { personId: string; name: string }, readonly access: 'write' | 'read') {}
	send(message: Uint8Array): void {
		this.messages += 1;
		this.bytes += message.byteLength;
	}
}

function frame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, 2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

const storage = new MemoryDocStorage();
await provisionStorage(storage, Array.from({ length: DOCS }, (_, index) => ({ index, marks: 0 })));
const registry = new RoomRegistry({
	storage,
	clock: new CommitClock(10),
	compactAfterRows: 500,
	log: () => undefined,
	onUpdate: () => undefined,
	onRefusedWrite: () => undefined
});

// Every update made in advance, as the writers' devices would: the measured loop is the server's alone.
const work: Array<{ document: number; peer: number; frame: Uint8Array }> = [];
const peers: CountingPeer[][] = [];
const rooms: Room[] = [];
for (let d = 0; d < DOCS; d += 1) {
	const name = documentName(d);
	const room = await registry.acquire(name);
	rooms.push(room);
	const documentPeers: CountingPeer[] = [];
	for (let w = 0; w < WRITERS; w += 1) documentPeers.push(new CountingPeer({ personId: `w-${d}-${w}`, name: `Giáo viên ${w}` }, 'write'));
	for (let v = 0; v < VIEWERS; v += 1) documentPeers.push(new CountingPeer({ personId: `v-${d}-${v}`, name: `Người xem ${v}` }, 'read'));
	for (const peer of documentPeers) room.attach(peer);
	peers.push(documentPeers);
}
const perWriter = Math.ceil(UPDATES / (DOCS * WRITERS));
const queues: Array<Array<{ document: number; peer: number; frame: Uint8Array }>> = [];
for (let d = 0; d < DOCS; d += 1) {
	for (let w = 0; w < WRITERS; w += 1) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed(d).update);
		let last: Uint8Array | null = null;
		doc.on('update', (update: Uint8Array) => (last = update));
		const plan = cellPlan(d, w, WRITERS);
		const actor = peers[d]![w]!.actor;
		const queue = [];
		for (let i = 0; i < perWriter; i += 1) {
			const cell = plan[i % plan.length]!;
			writeCell(doc, cell.studentId, cell.columnKey, 40 + (i % 61), { actor: { id: actor.personId, name: actor.name }, at: Date.now(), offline: false });
			queue.push({ document: d, peer: w, frame: frame(last!) });
		}
		queues.push(queue);
	}
}
// Round-robin over the writers, as concurrent typing arrives.
for (let i = 0; i < perWriter; i += 1) for (const queue of queues) if (queue[i]) work.push(queue[i]!);

for (const list of peers) {
	for (const peer of list) {
		peer.messages = 0;
		peer.bytes = 0;
	}
}
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < work.length; i += BURST) {
	for (const item of work.slice(i, i + BURST)) rooms[item.document]!.receive(peers[item.document]![item.peer]!, item.frame);
	await new Promise((resolve) => setImmediate(resolve));
}
for (const room of rooms) await room.persister.flush();
const cpu = process.cpuUsage(cpuBefore);
const wall = performance.now() - started;
let messages = 0;
let bytes = 0;
for (const list of peers) {
	for (const peer of list) {
		messages += peer.messages;
		bytes += peer.bytes;
	}
}
const persisted = messages - work.length * (WRITERS - 1 + VIEWERS);
console.log(
	`${work.length} updates, ${DOCS} documents × ${WRITERS} writers + ${VIEWERS} viewers: ` +
		`${(((cpu.user + cpu.system) / work.length)).toFixed(1)} µs CPU per update (${(wall / 1000).toFixed(2)} s wall); ` +
		`${(messages / work.length).toFixed(2)} messages and ${(bytes / work.length).toFixed(0)} bytes sent per update, ` +
		`of which ${persisted} "persisted" messages in all`
);
for (const room of rooms) registry.release(room);
process.exit(0);
