/**
 * `node --import tsx scripts/bench/hot-path.ts [marks]`: the sync server's own work per mark
 * entered, without sockets and without a database — D documents × W writer peers + V viewer
 * peers whose `send` only counts bytes, fed what a teacher's client sends for one mark: a cursor
 * move (awareness) and the update the gradebook adapter makes. The same frames go to:
 * - ours: one Room per document (sync-server/room.ts) on MemoryDocStorage — validation,
 *   presence admission, group commit and acknowledgements included;
 * - a relay as the reference y-websocket 1.5.4 server does it (its bin/utils.js, reduced to the
 *   two handlers that run per message): apply, then encode and send to every connection.
 * Prints CPU microseconds per mark for each (process CPU time, so other work on a busy machine
 * inflates it far less than wall-clock figures), best of three alternating runs, and what each
 * sends. Run with `node --cpu-prof` for where the time goes.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { writeCell } from '../../src/lib/ydoc/gradebook';
import { SYNC_PROTOCOL_VERSION } from '../../src/lib/ydoc/wire';
import { CommitClock } from '../../sync-server/persistence/commit-clock';
import { MemoryDocStorage } from '../../sync-server/persistence/memory-doc-storage';
import { RoomRegistry } from '../../sync-server/room-registry';
import type { Peer, Room } from '../../sync-server/room';
import * as serverMessages from '../../sync-server/server-messages';
import { cellPlan, documentName } from './gradebook-fixture';
import { provisionStorage, seed } from './provision';

const DOCS = 4;
const WRITERS = 8;
const VIEWERS = 2;
const MARKS = Number(process.argv[2] ?? 20_000);
/** Frames handed over between two turns of the event loop (commits and acks run in those turns). */
const BURST = 40;
const RUNS = 3;

class CountingPeer implements Peer {
	readonly awarenessClients = new Set<number>();
	droppedWrites = 0;
	/** Like the app's client. */
	readonly protocol = SYNC_PROTOCOL_VERSION;
	messages = 0;
	bytes = 0;
	constructor(readonly actor: { personId: string; name: string }, readonly access: 'write' | 'read') {}
	send(message: Uint8Array): void {
		this.messages += 1;
		this.bytes += message.byteLength;
	}
}

interface Frame {
	document: number;
	peer: number;
	bytes: Uint8Array;
}

/** What every writer's device sends, made in advance: the measured loops are the servers' alone. */
function clientFrames(): Frame[] {
	const perWriter = Math.ceil(MARKS / (DOCS * WRITERS));
	const queues: Frame[][] = [];
	for (let d = 0; d < DOCS; d += 1) {
		for (let w = 0; w < WRITERS; w += 1) {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, seed(d).update);
			const awareness = new awarenessProtocol.Awareness(doc);
			const actor = { id: `w-${d}-${w}`, name: `Giáo viên ${w}` };
			// As the app's client does (src/lib/state/presence.svelte.ts): it names itself.
			awareness.setLocalStateField('user', { id: actor.id, name: actor.name, color: '#0369a1' });
			let last: Uint8Array | null = null;
			doc.on('update', (update: Uint8Array) => (last = update));
			const plan = cellPlan(d, w, WRITERS);
			const queue: Frame[] = [];
			for (let i = 0; i < perWriter; i += 1) {
				const cell = plan[i % plan.length]!;
				awareness.setLocalStateField('cell', cell);
				// The standard framing: the same bytes whichever side frames them.
				queue.push({ document: d, peer: w, bytes: serverMessages.awarenessUpdate(awareness, [doc.clientID]) });
				writeCell(doc, cell.studentId, cell.columnKey, 40 + (i % 61), { actor, at: Date.now(), offline: false });
				queue.push({ document: d, peer: w, bytes: serverMessages.syncUpdate(last!) });
			}
			awareness.destroy();
			queues.push(queue);
		}
	}
	// Round-robin over the writers, as concurrent typing arrives; a mark's two frames stay together.
	const frames: Frame[] = [];
	for (let i = 0; i < perWriter * 2; i += 2) for (const queue of queues) if (queue[i]) frames.push(queue[i]!, queue[i + 1]!);
	return frames;
}

interface Outcome {
	cpuMicroseconds: number;
	messages: number;
	bytes: number;
}

async function feed(frames: Frame[], deliver: (frame: Frame) => void, settle: () => Promise<void>, peers: CountingPeer[][]): Promise<Outcome> {
	const cpuBefore = process.cpuUsage();
	for (let i = 0; i < frames.length; i += BURST) {
		for (const frame of frames.slice(i, i + BURST)) deliver(frame);
		await new Promise((resolve) => setImmediate(resolve));
	}
	await settle();
	const cpu = process.cpuUsage(cpuBefore);
	const all = peers.flat();
	return { cpuMicroseconds: cpu.user + cpu.system, messages: all.reduce((n, p) => n + p.messages, 0), bytes: all.reduce((n, p) => n + p.bytes, 0) };
}

function peersOf(d: number): CountingPeer[] {
	const list: CountingPeer[] = [];
	for (let w = 0; w < WRITERS; w += 1) list.push(new CountingPeer({ personId: `w-${d}-${w}`, name: `Giáo viên ${w}` }, 'write'));
	for (let v = 0; v < VIEWERS; v += 1) list.push(new CountingPeer({ personId: `v-${d}-${v}`, name: `Người xem ${v}` }, 'read'));
	return list;
}

/** Ours: fresh rooms on memory storage, every peer attached, then the frames. */
async function runOurs(frames: Frame[]): Promise<Outcome> {
	const storage = new MemoryDocStorage();
	await provisionStorage(storage, Array.from({ length: DOCS }, (_, index) => ({ index, marks: 0 })));
	const registry = new RoomRegistry({ storage, clock: new CommitClock(10), compactAfterRows: 500, log: () => undefined, onUpdate: () => undefined, onRefusedWrite: () => undefined });
	const rooms: Room[] = [];
	const peers: CountingPeer[][] = [];
	for (let d = 0; d < DOCS; d += 1) {
		const room = await registry.acquire(documentName(d));
		rooms.push(room);
		peers.push(peersOf(d));
		for (const peer of peers[d]!) room.attach(peer);
		for (const peer of peers[d]!) peer.messages = peer.bytes = 0;
	}
	const outcome = await feed(
		frames,
		(frame) => rooms[frame.document]!.receive(peers[frame.document]![frame.peer]!, frame.bytes),
		async () => {
			for (const room of rooms) await room.persister.flush();
		},
		peers
	);
	for (const [d, room] of rooms.entries()) {
		for (const peer of peers[d]!) room.detach(peer);
		registry.release(room);
	}
	await registry.unloadAll();
	return outcome;
}

/** The reference's relay (y-websocket 1.5.4 bin/utils.js: updateHandler, awarenessChangeHandler, messageListener). */
async function runReference(frames: Frame[]): Promise<Outcome> {
	const docs: Array<{ doc: Y.Doc; awareness: awarenessProtocol.Awareness }> = [];
	const peers: CountingPeer[][] = [];
	for (let d = 0; d < DOCS; d += 1) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, seed(d).update);
		const awareness = new awarenessProtocol.Awareness(doc);
		awareness.setLocalState(null);
		const conns = peersOf(d);
		// Its handlers frame as ours do (one encoder, the type, the payload): the same work and bytes.
		doc.on('update', (update: Uint8Array) => {
			const message = serverMessages.syncUpdate(update);
			for (const conn of conns) conn.send(message);
		});
		awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
			const message = serverMessages.awarenessUpdate(awareness, added.concat(updated, removed));
			for (const conn of conns) conn.send(message);
		});
		docs.push({ doc, awareness });
		peers.push(conns);
	}
	return feed(
		frames,
		(frame) => {
			const { doc, awareness } = docs[frame.document]!;
			const conn = peers[frame.document]![frame.peer]!;
			const encoder = encoding.createEncoder();
			const decoder = decoding.createDecoder(frame.bytes);
			const type = decoding.readVarUint(decoder);
			if (type === 0) {
				encoding.writeVarUint(encoder, 0);
				syncProtocol.readSyncMessage(decoder, encoder, doc, conn);
				if (encoding.length(encoder) > 1) conn.send(encoding.toUint8Array(encoder));
			} else {
				awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), conn);
			}
		},
		async () => undefined,
		peers
	);
}

const frames = clientFrames();
const marks = frames.length / 2;
const results: Record<'ours' | 'reference', Outcome[]> = { ours: [], reference: [] };
for (let run = 0; run < RUNS; run += 1) {
	results.ours.push(await runOurs(frames));
	results.reference.push(await runReference(frames));
}
const best = (outcomes: Outcome[]) => outcomes.reduce((a, b) => (a.cpuMicroseconds <= b.cpuMicroseconds ? a : b));
console.log(`${marks} marks (a cursor move and an update each), ${DOCS} documents × ${WRITERS} writers + ${VIEWERS} viewers, best of ${RUNS}:`);
for (const key of ['ours', 'reference'] as const) {
	const outcome = best(results[key]);
	console.log(
		`  ${key.padEnd(9)} ${(outcome.cpuMicroseconds / marks).toFixed(1).padStart(6)} µs CPU per mark; ` +
			`${(outcome.messages / marks).toFixed(2)} messages and ${(outcome.bytes / marks).toFixed(0)} bytes sent per mark`
	);
}
console.log(`  ours / reference: ×${(best(results.ours).cpuMicroseconds / best(results.reference).cpuMicroseconds).toFixed(2)}`);
console.log(`  (runs, µs per mark — ours: ${results.ours.map((o) => (o.cpuMicroseconds / marks).toFixed(1)).join(', ')}; reference: ${results.reference.map((o) => (o.cpuMicroseconds / marks).toFixed(1)).join(', ')})`);
process.exit(0);
