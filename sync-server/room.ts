/**
 * One loaded document: the Y.Doc, its awareness, the peers connected to it and its persister.
 * Every update applied here — from a peer or a server-side change — is queued for the database,
 * sent to the other peers and reported to the hooks, in that order.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseDocumentName, type DocumentKind } from '../src/lib/ydoc/document-name';
import { isMissingDependency, RefusedUpdate, validateUpdate } from '../src/lib/ydoc/document-schema';
import type { UpdateEffects } from '../src/lib/ydoc/update-inspector';
import { ROSTER_ROOT } from '../src/lib/ydoc/roster';
import { PROTOCOL_OWN_ACKNOWLEDGEMENTS, type Access } from '../src/lib/ydoc/wire';
import { MalformedMessage, parseClientMessage } from './client-message';
import type { Fanout } from './fanout/fanout';
import type { Log } from './log';
import type { CommitClock } from './persistence/commit-clock';
import type { DocStorage } from './persistence/doc-storage';
import { mergeHere, type MergeUpdates } from './persistence/merge-thread';
import { Persister } from './persistence/persister';
import { admitPresence } from './presence';
import { admits } from './read-only-gate';
import * as serverMessages from './server-messages';
import type { SyncActor, UpdateEvent } from './sync-events';

/** Anything the room can talk to: a WebSocket connection in production, a plain object in unit tests. */
export interface Peer {
	readonly actor: SyncActor;
	readonly access: Access;
	/** The sync protocol version the client named (SPEC P1): from 2 on it is acknowledged only for its own writes (S7). */
	readonly protocol: number;
	/** Awareness client ids this peer announced: removed for everyone when it leaves. */
	readonly awarenessClients: Set<number>;
	/** Writes the read-only gate refused, for the log line when the peer leaves. */
	droppedWrites: number;
	send(message: Uint8Array): void;
}

export interface RoomOptions {
	storage: DocStorage;
	/** The process's group-commit window (SPEC S11): commits and acknowledgement windows end at its ticks. */
	clock: CommitClock;
	compactAfterRows: number;
	log: Log;
	onUpdate: (event: UpdateEvent) => void;
	onRefusedWrite: (event: UpdateEvent) => void;
	/** Other instances serving the same documents, if any. */
	fanout?: Fanout;
	/** Server clock (ms since epoch) for the time window of client edits; default Date.now. */
	now?: () => number;
	/**
	 * The read-only rows of a class document (SPEC V19), each with what it says, given the
	 * document's roster: read from the database when the room loads, at every attach and on a
	 * `class-students` control event; absent = none.
	 */
	closedStudents?: (document: string, roster: readonly string[]) => Promise<ReadonlyMap<string, string>>;
	/** Merges a whole stored document (compaction, anti-entropy) off the event loop (SPEC K4); default here. */
	merge?: MergeUpdates;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** Transaction origin of updates that came from another instance through the fan-out. */
const FROM_FANOUT = Symbol('from another instance');
/** Transaction origin of what anti-entropy reloaded from storage (written there by another instance). */
const FROM_STORAGE = Symbol('reloaded from storage');

/** Transaction origin of `SyncServer.change`: carries the person on whose behalf the server writes, if any. */
export class ServerChange {
	constructor(readonly actor: SyncActor | null) {}
}

export class Room {
	readonly name: string;
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly persister: Persister;
	readonly peers = new Set<Peer>();
	/** Presence client ids announced on other instances, by the person they stamp (SPEC W2, F3). */
	readonly #remotePresence = new Map<number, string>();
	readonly #options: RoomOptions;
	readonly #kind: DocumentKind;
	#closedStudents: ReadonlyMap<string, string> = NONE;
	/** The keys of #closedStudents, as the update validation takes them. */
	#closedIds: ReadonlySet<string> = new Set();
	/** The last "persisted" message, framed once: sent to every peer and to each newcomer as is. */
	#persistedMessage: Uint8Array;
	/** While open, a commit only marks the acknowledgement owed (SPEC S7); it goes out at the clock's next tick. */
	#ackWindowOpen = false;
	#ackOwed = false;
	/** The persister's sequence number the last "persisted" message covers. */
	#persistedThrough = 0;
	/**
	 * Peers owed an acknowledgement (SPEC S7), with the persister's sequence number of the newest
	 * update they wrote (or, for a newcomer, of what was queued when it arrived).
	 */
	readonly #owedPeers = new Map<Peer, number>();
	/**
	 * Greeting and whole-document answer, framed once per version of the document: a burst of
	 * joins (a school arriving at 7:00) encodes the document once, not once per connection.
	 * Cleared by every update.
	 */
	#stepOneMessage: Uint8Array | null = null;
	#wholeDocumentMessage: Uint8Array | null = null;
	/** While a peer's admitted presence is applied: those bytes, to relay as they are (SPEC W4). */
	#admittedPresence: Uint8Array | null = null;
	/** Peers whose sync step 2 has arrived (SPEC V20): from then on a missing dependency is refused. */
	readonly #syncedPeers = new WeakSet<Peer>();

	/** Reads every stored row into a new document; the caller makes sure this runs once per name. */
	static async load(name: string, options: RoomOptions): Promise<Room> {
		// Subscribe first: an update another instance publishes while we read the database is kept.
		const early: Uint8Array[] = [];
		let room: Room | null = null;
		const unsubscribe = options.fanout
			? await options.fanout.subscribe(name, {
					onUpdate: (update) => (room ? room.#applyFromFanout(update) : early.push(update)),
					// Presence is ephemeral: what arrives before the load is renewed by its owner within 15 s.
					onAwareness: (update) => {
						if (room) room.#applyPresenceFromFanout(update);
					}
				})
			: null;
		try {
			const stored = await options.storage.load(name);
			const doc = new Y.Doc();
			// new Uint8Array: pg hands back Buffers.
			const updates = stored.updates.map((update) => new Uint8Array(update));
			// Merged here, not in the merge thread (K4): a newcomer waits for this load, and a
			// round trip to the thread would only add to the wait.
			if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
			room = new Room(name, doc, options, unsubscribe);
			await room.refreshClosedStudents();
		} catch (error) {
			await unsubscribe?.();
			throw error;
		}
		for (const update of early) room.#applyFromFanout(update);
		return room;
	}

	readonly #unsubscribe: (() => Promise<void>) | null;

	private constructor(name: string, doc: Y.Doc, options: RoomOptions, unsubscribe: (() => Promise<void>) | null) {
		this.name = name;
		this.#unsubscribe = unsubscribe;
		this.doc = doc;
		this.#options = options;
		const parsed = parseDocumentName(name);
		if (!parsed.ok) throw new Error(`not a document name: ${name}`);
		this.#kind = parsed.ref.kind;
		this.#persistedMessage = serverMessages.persistedMessage(Y.encodeStateVector(doc));
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server is not a participant: it has no presence of its own.
		this.awareness.setLocalState(null);
		this.persister = new Persister({
			document: name,
			storage: options.storage,
			stateVector: () => Y.encodeStateVector(doc),
			onPersisted: (stateVector, through) => this.#onPersisted(stateVector, through),
			clock: options.clock,
			compactAfterRows: options.compactAfterRows,
			log: options.log,
			merge: options.merge
		});
		doc.on('update', this.#onDocumentUpdate);
		this.awareness.on('update', this.#onAwarenessUpdate);
	}

	attach(peer: Peer): void {
		this.peers.add(peer);
		this.#stepOneMessage ??= serverMessages.syncStep1(this.doc);
		peer.send(this.#stepOneMessage);
		const states = this.awareness.getStates();
		if (states.size > 0) peer.send(serverMessages.awarenessUpdate(this.awareness, [...states.keys()]));
		peer.send(serverMessages.accessMessage(peer.access));
		// Which rows are read-only (V19), before the client can write to them.
		if (this.#closedStudents.size > 0) peer.send(serverMessages.leftStudentsMessage(this.#closedStudents));
		peer.send(this.#persistedMessage);
		// What is queued now may hold this client's own edits, sent on a connection that dropped
		// before they were acknowledged: the commit that covers it is acknowledged here too.
		if (this.persister.pending > 0) this.#owedPeers.set(peer, this.persister.queued);
	}

	detach(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		this.#owedPeers.delete(peer);
		if (peer.awarenessClients.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
		}
	}

	/**
	 * Handles one frame from `peer`. Throws MalformedMessage or RefusedUpdate (sync-server SPEC V1):
	 * the caller closes that connection.
	 */
	receive(peer: Peer, frame: Uint8Array): void {
		const message = parseClientMessage(frame);
		if (!admits(peer.access, message)) {
			// A reader's client answers our sync step 1 with an empty step 2: not a write attempt.
			if (message.kind === 'document-write' && !isEmptyUpdate(message.update)) {
				peer.droppedWrites += 1;
				// Never applied, but not silently lost either: the app may keep it (e.g. edits made
				// offline before a term lock become a correction request).
				this.#options.onRefusedWrite({ document: this.name, doc: this.doc, update: message.update, actor: peer.actor });
			}
			return;
		}
		switch (message.kind) {
			case 'state-request':
				if (isEmptyStateVector(message.stateVector)) {
					// A client that holds nothing yet (a first visit, a bench client): the whole document.
					this.#wholeDocumentMessage ??= serverMessages.syncStep2(this.doc, message.stateVector);
					peer.send(this.#wholeDocumentMessage);
					return;
				}
				peer.send(asMalformed(() => serverMessages.syncStep2(this.doc, message.stateVector)));
				return;
			case 'document-write': {
				if (message.step === 'step2') this.#syncedPeers.add(peer);
				if (isEmptyUpdate(message.update)) return;
				const effects = this.#validateOrSetAside(peer, message.update, message.step);
				if (!effects) return;
				if (effects.allNew) asMalformed(() => this.#applyFromPeer(peer, message.update));
				else asMalformed(() => Y.applyUpdate(this.doc, message.update, peer));
				return;
			}
			case 'awareness': {
				const admitted = asMalformed(() => admitPresence(message.update, peer, [...this.peers, ...this.#remoteOwners()]));
				if (!admitted) return;
				this.#admittedPresence = admitted;
				try {
					asMalformed(() => awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted, peer));
				} finally {
					this.#admittedPresence = null;
				}
				return;
			}
			case 'query-awareness':
				peer.send(serverMessages.awarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
				return;
			case 'auth':
				return;
		}
	}

	/**
	 * SPEC S10: a client's update, once validated, is applied and then shared (broadcast, stored,
	 * published, handed to the hooks) as the bytes the client sent — Yjs is not asked to encode the
	 * transaction again, which was about a fifth of the server's work per update. Only for an
	 * update all new to the document (the caller checks; validation admits no missing dependency,
	 * V2), so the transaction integrates exactly what the bytes hold — unless structs from earlier
	 * updates were waiting (pending) and this one completes them: then Yjs encodes the
	 * transaction, which carries those too.
	 */
	#applyFromPeer(peer: Peer, update: Uint8Array): void {
		const store = this.doc.store;
		if (store.pendingStructs !== null || store.pendingDs !== null) {
			Y.applyUpdate(this.doc, update, peer);
			return;
		}
		let changed = false;
		const sawChange = (transaction: Y.Transaction) => {
			changed ||= hasContent(transaction);
		};
		this.doc.off('update', this.#onDocumentUpdate);
		this.doc.on('afterTransactionCleanup', sawChange);
		try {
			Y.applyUpdate(this.doc, update, peer);
		} finally {
			this.doc.off('afterTransactionCleanup', sawChange);
			this.doc.on('update', this.#onDocumentUpdate);
		}
		// An update that brought nothing new (a client sending again what it sent) is not shared,
		// as Yjs would not have emitted it.
		if (changed) this.#onDocumentUpdate(update, peer);
	}

	/**
	 * SPEC V20: a live update that needs what the document lacks, from a connection that has not
	 * sent its sync step 2 yet, is set aside (null), not refused. A client that reconnects with
	 * edits the server has not seen (made offline, or lost with a crashed server) sends what it
	 * types at once, before it has heard the server's step 1; its step 2, computed after that,
	 * carries those edits and what they build on, and is validated like any write. Anything
	 * else the schema refuses is refused as before, and so is a missing dependency after step 2.
	 */
	#validateOrSetAside(peer: Peer, update: Uint8Array, step: 'step2' | 'update'): UpdateEffects | null {
		try {
			return this.#validate(peer, update);
		} catch (error) {
			if (step === 'update' && !this.#syncedPeers.has(peer) && error instanceof RefusedUpdate && isMissingDependency(error.refusal)) return null;
			throw error;
		}
	}

	/** Before anything of a client's update is applied: the whole update passes the schema, or none of it. */
	#validate(peer: Peer, update: Uint8Array): UpdateEffects {
		try {
			return validateUpdate(this.#kind, this.doc, update, { writer: peer.actor, now: (this.#options.now ?? Date.now)(), closedStudents: this.#closedIds });
		} catch (error) {
			if (error instanceof RefusedUpdate) throw error;
			// Yjs internals failing on a crafted update: refused, never half-applied.
			throw new RefusedUpdate({ rule: 'V2', reason: `uninspectable update: ${error instanceof Error ? error.message : String(error)}` });
		}
	}

	/**
	 * SPEC V19: reads again which rows of a class document are read-only (students who left or
	 * moved to another class); they take no client write. When that changed, the connected clients
	 * are told (an open page greys the rows).
	 */
	async refreshClosedStudents(): Promise<void> {
		if (!this.#options.closedStudents) return;
		const before = this.#closedStudents;
		// Only class documents have a roster (reading another kind's would add a root type to it).
		const roster = this.#kind === 'gradebook' || this.#kind === 'homeroom' ? [...this.doc.getMap(ROSTER_ROOT).keys()] : [];
		const after = await this.#options.closedStudents(this.name, roster);
		this.#closedStudents = after;
		this.#closedIds = new Set(after.keys());
		if (after.size === before.size && [...after].every(([id, label]) => before.get(id) === label)) return;
		const message = serverMessages.leftStudentsMessage(after);
		for (const peer of this.peers) peer.send(message);
	}

	/** Tells the peer its new access; the gate applies it from the next frame on. */
	announceAccess(peer: Peer): void {
		peer.send(serverMessages.accessMessage(peer.access));
	}

	/** A server-side write, on behalf of `actor` if given; resolves once it is durable. */
	change(change: (doc: Y.Doc) => void, actor: SyncActor | null = null): Promise<void> {
		this.doc.transact(() => change(this.doc), new ServerChange(actor));
		return this.persister.whenDurable();
	}

	destroy(): void {
		this.#options.clock.cancel(this.#closeAckWindow);
		this.#ackWindowOpen = false;
		void this.#unsubscribe?.();
		this.doc.off('update', this.#onDocumentUpdate);
		this.awareness.off('update', this.#onAwarenessUpdate);
		this.awareness.destroy();
		this.doc.destroy();
	}

	/**
	 * Anti-entropy (SPEC F4): after the fan-out was away, another instance's clients may have
	 * written what never reached this room. Their instance stored it: read the document again and
	 * apply what this room lacks, which goes to this room's clients like a fanned-out update.
	 */
	async resyncFromStorage(): Promise<boolean> {
		const stored = await this.#options.storage.load(this.name);
		if (stored.updates.length === 0) return false;
		const merged = await (this.#options.merge ?? mergeHere)(stored.updates.map((update) => new Uint8Array(update)));
		const before = Y.encodeStateVector(this.doc);
		Y.applyUpdate(this.doc, Y.diffUpdate(merged, before), FROM_STORAGE);
		return !equalBytes(Y.encodeStateVector(this.doc), before);
	}

	#applyFromFanout(update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, FROM_FANOUT);
		} catch (error) {
			this.#options.log('error', 'fan-out update rejected', { document: this.name, error: String(error) });
		}
	}

	#applyPresenceFromFanout(update: Uint8Array): void {
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_FANOUT);
		} catch (error) {
			this.#options.log('error', 'fan-out presence rejected', { document: this.name, error: String(error) });
		}
	}

	/** Owners of presence ids held on other instances, so no local connection can take them over (W2). */
	#remoteOwners(): Array<{ actor: SyncActor; awarenessClients: Set<number> }> {
		return [...this.#remotePresence].map(([client, personId]) => ({ actor: { personId, name: '' }, awarenessClients: new Set([client]) }));
	}

	#onDocumentUpdate = (update: Uint8Array, origin: unknown): void => {
		this.#stepOneMessage = null;
		this.#wholeDocumentMessage = null;
		// Persisted here too (duplicates are harmless; Yjs updates are idempotent): this instance's
		// "persisted" acknowledgements must cover what its own clients see.
		const sequence = this.persister.enqueue(update);
		const sender = this.peers.has(origin as Peer) ? (origin as Peer) : null;
		if (sender) this.#owedPeers.set(sender, sequence);
		const message = serverMessages.syncUpdate(update);
		for (const peer of this.peers) if (peer !== sender) peer.send(message);
		// The instance where an update arrived publishes it and runs the hooks (audit, projections)
		// once; the others only pass it on to their clients.
		if (origin === FROM_FANOUT || origin === FROM_STORAGE) return;
		this.#options.fanout?.publish(this.name, update);
		const actor = sender?.actor ?? (origin instanceof ServerChange ? origin.actor : null);
		this.#options.onUpdate({ document: this.name, doc: this.doc, update, actor });
	};

	#onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		if (this.peers.has(origin as Peer)) {
			const controlled = (origin as Peer).awarenessClients;
			for (const client of added) controlled.add(client);
			for (const client of removed) controlled.delete(client);
		}
		const changed = [...added, ...updated, ...removed];
		if (origin === FROM_FANOUT) {
			for (const client of [...added, ...updated]) this.#remotePresence.set(client, stampedPerson(this.awareness.getStates().get(client)));
			for (const client of removed) this.#remotePresence.delete(client);
		} else if (this.#options.fanout) {
			// Our own clients' presence (and its removal when they leave) reaches co-editors elsewhere (SPEC F3).
			const local = changed.filter((client) => !this.#remotePresence.has(client));
			if (local.length > 0) this.#options.fanout.publishAwareness(this.name, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
		}
		// A remote state that timed out (its instance died) is forgotten too.
		for (const client of removed) if (!this.awareness.getStates().has(client)) this.#remotePresence.delete(client);
		const message = this.#admittedPresence && changed.length === presenceEntries(this.#admittedPresence) ? serverMessages.presenceAsAdmitted(this.#admittedPresence) : serverMessages.awarenessUpdate(this.awareness, changed);
		for (const peer of this.peers) peer.send(message);
	};

	/**
	 * SPEC S2, S7: the first commit after a quiet spell is acknowledged at once; commits that follow
	 * before the commit clock's next tick are coalesced into one message at that tick, carrying the
	 * newest durable state vector — a flush, or a commit that ends just after a tick, can commit a
	 * document twice in one window, and a connection need not hear of each.
	 */
	#onPersisted(stateVector: Uint8Array, through: number): void {
		this.#persistedMessage = serverMessages.persistedMessage(stateVector);
		this.#persistedThrough = through;
		if (this.#ackWindowOpen) {
			this.#ackOwed = true;
			return;
		}
		this.#sendAcknowledgement();
	}

	/**
	 * To the connections whose writes it covers (a connection with one write beyond it hears of
	 * the rest at the next commit), and to every client that speaks protocol 1, which counts every
	 * client's changes against it. A reader, or a teacher who only watches, is not sent one per
	 * commit of someone else's: a document open in many places (a timetable, a homeroom book)
	 * would otherwise send each of them a message per commit.
	 */
	#sendAcknowledgement(): void {
		this.#ackOwed = false;
		const message = this.#persistedMessage;
		for (const peer of this.peers) {
			if (peer.protocol < PROTOCOL_OWN_ACKNOWLEDGEMENTS || this.#owedPeers.has(peer)) peer.send(message);
		}
		for (const [peer, sequence] of this.#owedPeers) if (sequence <= this.#persistedThrough) this.#owedPeers.delete(peer);
		this.#ackWindowOpen = true;
		this.#options.clock.schedule(this.#closeAckWindow);
	}

	readonly #closeAckWindow = (): void => {
		this.#ackWindowOpen = false;
		if (this.#ackOwed) this.#sendAcknowledgement();
	};
}

/** The person id another instance stamped on a presence state (SPEC W3). */
function stampedPerson(state: Record<string, unknown> | undefined): string {
	const user = state?.user;
	return typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string' ? (user as { id: string }).id : '';
}

/** How many entries an awareness update holds (its first varUint). */
function presenceEntries(update: Uint8Array): number {
	return decoding.readVarUint(decoding.createDecoder(update));
}

/** Whether a transaction changed the document — the test Yjs makes before emitting `update`. */
function hasContent(transaction: Y.Transaction): boolean {
	if (transaction.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
	return false;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

/** The state vector of a document that holds nothing: no clients. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** The update a client with nothing new sends: no structs, empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** A Yjs or awareness payload that does not decode is the sender's fault: report it as malformed. */
function asMalformed<T>(work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (error instanceof MalformedMessage) throw error;
		throw new MalformedMessage(error instanceof Error ? error.message : String(error));
	}
}
