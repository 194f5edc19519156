/**
 * The sync server: authenticated WebSocket upgrade → connection → room (one Y.Doc per document)
 * → persister. Framework-free, so it mounts on any http.Server's 'upgrade' event: the app's
 * composition root, the standalone `sync-server/main.ts`, or Vite in development.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { parseDocumentName } from '../src/lib/ydoc/document-name';
import { CloseCode, MIN_CLIENT_PROTOCOL, type Access } from '../src/lib/ydoc/wire';
import { Connection, type ConnectionIdentity } from './connection';
import { startHeartbeat } from './heartbeat';
import { describeError, jsonLineLog, type Log, type LogLevel } from './log';
import type { ControlEvent } from './fanout/control-events';
import type { Fanout } from './fanout/fanout';
import { CommitClock } from './persistence/commit-clock';
import type { DocStorage } from './persistence/doc-storage';
import { MergeThread } from './persistence/merge-thread';
import { RoomRegistry } from './room-registry';
import { SpentTickets } from './spent-tickets';
import type { SyncActor, SyncHook, UpdateEvent } from './sync-events';
import { authenticateUpgrade, refuseUpgrade, syncPath, type TicketedUpgrade } from './upgrade';

export type { SyncActor, SyncHook, UpdateEvent } from './sync-events';

/** What a verified ticket claims, for the authoriser to confirm against the current state of the world. */
export interface AccessClaim {
	actor: SyncActor;
	document: string;
	/** The ticket's access: the most a connection opened with it ever gets. */
	access: Access;
	sessionId: string;
}

/**
 * Decides what `claim`'s person may do with the document NOW (sync-server SPEC R1): the app
 * builds it from the database (person active, session valid, grant held). May reject (database
 * down): the upgrade is then refused with 503 and a live connection asked to reconnect.
 */
export type Authorizer = (claim: AccessClaim) => Promise<Access | 'none'>;

/** Tickets alone decide: for the sync engine's tests and benchmarks, which have no school to ask. */
export const trustTickets: Authorizer = (claim) => Promise.resolve(claim.access);

export interface SyncServerOptions {
	storage: DocStorage;
	ticketSecret: Uint8Array;
	/** Asked at every upgrade after the ticket verified, and again by `reauthorizePerson`. */
	authorize: Authorizer;
	/** Browsers always send Origin; a missing Origin (non-browser client) is the caller's decision. */
	isOriginAllowed: (origin: string | undefined) => boolean;
	hooks?: SyncHook[];
	/** SPEC V19: the students of a document's class who have left, from the database; absent = none (the engine alone). */
	closedStudents?: (document: string, roster: readonly string[]) => Promise<ReadonlyMap<string, string>>;
	/** Other instances serving the same documents (Redis pub/sub); none when running alone. */
	fanout?: Fanout;
	/** Called with document writes the read-only gate refused (never applied): the app may keep them. */
	refusedWriteHooks?: SyncHook[];
	/** Default 1 MiB; a bigger frame closes that connection with CloseCode.messageTooBig. */
	maxMessageBytes?: number;
	/** Clients naming an older protocol version are closed with CloseCode.clientTooOld (SPEC P2); default MIN_CLIENT_PROTOCOL. */
	minClientProtocol?: number;
	/** After a fan-out outage, how long to wait before the second reload from storage (SPEC F4); default 2 s. */
	resyncSettleMs?: number;
	/**
	 * Group-commit window of the process's commit clock (SPEC S11), default 20 ms: against 10 ms it
	 * took about a fifth of the server's CPU off at the classroom load on the embedded database,
	 * and "saved" still shows within a few tens of ms (README, "Later that evening").
	 */
	flushDelayMs?: number;
	/** Rows per document before they are merged into one snapshot, default 500. */
	compactAfterRows?: number;
	heartbeatMs?: number;
	/** Milliseconds, for ticket expiry and the time window of client edits (SPEC V7). */
	now?: () => number;
	log?: (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;
}

export interface SyncServer {
	/** Attach to an http.Server's 'upgrade' event. Returns false (and does nothing) for paths outside /sync/. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/**
	 * A term lock ('read') or its lifting (null) on every instance (SPEC F2): 'read' downgrades the
	 * document's live connections at once; null asks them to reconnect, so each comes back with the
	 * access the authoriser gives now. New connections are decided by the authoriser, which reads
	 * the lock from the database (SPEC C3).
	 */
	capAccess(document: string, cap: Access | null): void;
	/**
	 * Asks the authoriser again for every live connection of the person, on every instance
	 * (disabled, unassigned, guardianship revoked, role switched): 'none' closes it with
	 * CloseCode.forbidden, 'read' downgrades it. Resolves once this instance's connections have
	 * been re-decided; other instances do the same when the event reaches them (SPEC F2).
	 */
	reauthorizePerson(personId: string): Promise<void>;
	/** Closes the connections opened with tickets of a session that ended (CloseCode.unauthorized), on every instance. */
	endSession(sessionId: string): void;
	/**
	 * Students of a school's year left or returned (SPEC V19): every loaded document of that school
	 * and year, on every instance, reads again which students have left. Resolves once this
	 * instance's documents have.
	 */
	refreshClassStudents(school: string, year: string): Promise<void>;
	/** Server-side write (on behalf of `actor`, if given): loads the doc if needed; resolves once durable. */
	change(document: string, change: (doc: Y.Doc) => void, actor?: SyncActor): Promise<void>;
	/** Resolves when every pending write is durable and every running hook has settled. */
	flush(): Promise<void>;
	/** Stops accepting, closes connections with CloseCode.goingAway, flushes, unloads. */
	close(): Promise<void>;
	stats(): { documents: number; connections: number; pendingUpdates: number };
}

/** ws refuses frames above this itself; the softer `maxMessageBytes` is checked per frame to close with 4413. */
const HARD_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function createSyncServer(options: SyncServerOptions): SyncServer {
	const log: Log = options.log ?? jsonLineLog();
	const hooks = options.hooks ?? [];
	const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
	const nowMs = options.now ?? Date.now;
	const connections = new Set<Connection>();
	const runningHooks = new Set<Promise<void>>();
	const minClientProtocol = options.minClientProtocol ?? MIN_CLIENT_PROTOCOL;
	const fanout = options.fanout;
	/** The ticket each live connection was opened with: its session and the most access it may have. */
	const tickets = new Map<Connection, TicketedUpgrade>();
	const spentTickets = new SpentTickets();
	/** Counts revocation events: an upgrade whose authorisation overlapped one asks again. */
	let revocations = 0;
	let closing = false;

	// Whole-document merges (load, compaction, anti-entropy) run off the event loop (SPEC K4).
	const merges = new MergeThread();
	const registry = new RoomRegistry({
		merge: merges.merge,
		storage: options.storage,
		clock: new CommitClock(options.flushDelayMs ?? 20),
		compactAfterRows: options.compactAfterRows ?? 500,
		log,
		onUpdate: (event) => runHooks(hooks, event),
		onRefusedWrite: (event) => runHooks(options.refusedWriteHooks ?? [], event),
		fanout,
		now: nowMs,
		closedStudents: options.closedStudents
	});
	// Events from other instances apply one after another, in the order they were published: a
	// person re-decided (4403) before the session that ended with it (4401), as on the sending instance.
	let remoteControl = Promise.resolve();
	fanout?.onControl((event) => {
		remoteControl = remoteControl
			.then(() => applyControl(event))
			.catch((error: unknown) => log('error', 'control event failed', { event: event.type, error: describeError(error) }));
	});
	fanout?.onReconnect(() => void resyncAfterOutage());
	const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD_BYTES, clientTracking: false });
	const heartbeat = startHeartbeat(connections, options.heartbeatMs ?? 30_000, log);

	function runHooks(list: SyncHook[], event: UpdateEvent): void {
		for (const hook of list) {
			try {
				const result = hook(event);
				if (result instanceof Promise) track(result, event.document);
			} catch (error) {
				log('error', 'hook failed', { document: event.document, error: describeError(error) });
			}
		}
	}

	function track(running: Promise<void>, document: string): void {
		const settled = running.then(
			() => undefined,
			(error: unknown) => log('error', 'hook failed', { document, error: describeError(error) })
		);
		runningHooks.add(settled);
		void settled.finally(() => runningHooks.delete(settled));
	}

	function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		if (!syncPath(request.url)) return false;
		// A client resetting mid-handshake must not become an uncaught 'error'.
		socket.on('error', () => socket.destroy());
		if (closing) {
			refuseUpgrade(socket, 503);
			return true;
		}
		const decision = authenticateUpgrade(request, {
			ticketSecret: options.ticketSecret,
			isOriginAllowed: options.isOriginAllowed,
			nowMs
		});
		if (!decision.ok) {
			const { status, reason, document } = decision;
			log('warn', 'upgrade refused', { status, reason, document, origin: request.headers.origin });
			refuseUpgrade(socket, status);
			return true;
		}
		const { document, actor } = decision;
		if (decision.clientProtocol < minClientProtocol) {
			// Only a WebSocket close carries a code the client can act on (SPEC P2): open, then close.
			log('warn', 'client too old', { document, personId: actor.personId, protocol: decision.clientProtocol, min: minClientProtocol });
			wss.handleUpgrade(request, socket, head, (ws) => ws.close(CloseCode.clientTooOld, 'client too old: reload'));
			return true;
		}
		if (!spentTickets.spend(decision.ticketId, decision.expiresAt, Math.floor(nowMs() / 1000))) {
			log('warn', 'upgrade refused', { status: 401, reason: 'ticket reused', document, personId: actor.personId, origin: request.headers.origin });
			refuseUpgrade(socket, 401);
			return true;
		}
		void authorizeThenAccept(request, socket, head, decision);
		return true;
	}

	async function authorizeThenAccept(request: IncomingMessage, socket: Duplex, head: Buffer, ticket: TicketedUpgrade): Promise<void> {
		const { document, actor } = ticket;
		let access: Access | 'none';
		try {
			access = await currentAccess(ticket);
		} catch (error) {
			log('error', 'authorisation failed', { document, personId: actor.personId, error: describeError(error) });
			refuseUpgrade(socket, 503);
			return;
		}
		if (socket.destroyed) return;
		if (closing) {
			refuseUpgrade(socket, 503);
			return;
		}
		if (access === 'none') {
			log('warn', 'upgrade refused', { status: 403, reason: 'access revoked', document, personId: actor.personId, origin: request.headers.origin });
			refuseUpgrade(socket, 403);
			return;
		}
		wss.handleUpgrade(request, socket, head, (ws) => accept(ws, ticket, access));
	}

	/**
	 * The authoriser's answer, never above the ticket's access. A revocation that happened while
	 * the database was being asked may not be in the answer: ask again until none overlapped.
	 */
	async function currentAccess(ticket: TicketedUpgrade): Promise<Access | 'none'> {
		for (;;) {
			const before = revocations;
			const decided = await options.authorize({ actor: ticket.actor, document: ticket.document, access: ticket.access, sessionId: ticket.sessionId });
			if (before === revocations) return lowest(decided, ticket.access);
		}
	}

	function accept(ws: WebSocket, ticket: TicketedUpgrade, authorised: Access): void {
		const identity: ConnectionIdentity = { document: ticket.document, actor: ticket.actor, access: authorised, protocol: ticket.clientProtocol };
		const limits = { maxMessageBytes, maxBufferedBytes: MAX_BUFFERED_BYTES };
		const connection = new Connection(ws, identity, limits, log, onConnectionGone);
		connections.add(connection);
		tickets.set(connection, ticket);
		log('info', 'connection opened', { document: identity.document, personId: identity.actor.personId, access: identity.access });
		registry.acquire(identity.document).then(
			async (room) => {
				// Who has left is read again at every attach (SPEC V19), so a missed control event heals.
				try {
					await room.refreshClosedStudents();
				} catch (error) {
					registry.release(room);
					log('error', 'closed students unavailable', { document: identity.document, error: describeError(error) });
					connection.close(CloseCode.serverError, 'document unavailable');
					return;
				}
				// Gone while the document loaded: give the lease straight back.
				if (connection.isGone) registry.release(room);
				else connection.attach(room);
			},
			() => connection.close(CloseCode.serverError, 'document unavailable')
		);
	}

	function onConnectionGone(connection: Connection): void {
		connections.delete(connection);
		tickets.delete(connection);
		const room = connection.room;
		if (room) {
			room.detach(connection);
			registry.release(room);
		}
		log('info', 'connection closed', { document: connection.document, personId: connection.actor.personId });
	}

	function changeAccess(connection: Connection, next: Access | 'none'): void {
		if (connection.isGone || next === connection.access) return;
		log('info', 'access changed', { document: connection.document, personId: connection.actor.personId, from: connection.access, to: next });
		if (next === 'none') {
			connection.close(CloseCode.forbidden, 'access revoked');
			return;
		}
		if (next === 'write') {
			// Raised (a lock lifted): the client reconnects with a fresh ticket, which also tells the
			// page the term is no longer locked.
			connection.close(CloseCode.goingAway, 'access changed');
			return;
		}
		connection.access = next;
		// Still loading: the greeting sent at attach carries the new access.
		connection.room?.announceAccess(connection);
	}

	/** Publishes a control event to the other instances and applies it here (SPEC F2). */
	function dispatch(event: ControlEvent): Promise<void> {
		fanout?.publishControl(event);
		return applyControl(event);
	}

	/** One control event, applied to this instance's connections: the same code whether it was raised here or elsewhere. */
	async function applyControl(event: ControlEvent): Promise<void> {
		revocations += 1;
		switch (event.type) {
			case 'document-cap':
				for (const connection of [...connections]) {
					if (connection.document !== event.document || connection.isGone) continue;
					if (event.cap === 'read') changeAccess(connection, 'read');
					// Lifted: each client comes back with the access the authoriser gives now.
					else connection.close(CloseCode.goingAway, 'access changed');
				}
				return;
			case 'person':
				await redecide([...connections].filter((connection) => connection.actor.personId === event.personId));
				return;
			case 'session-ended':
				for (const [connection, ticket] of [...tickets]) {
					if (ticket.sessionId !== event.sessionId) continue;
					log('info', 'session ended', { document: connection.document, personId: connection.actor.personId });
					connection.close(CloseCode.unauthorized, 'session ended');
				}
				return;
			case 'class-students':
				await Promise.all(
					registry.rooms().map(async (room) => {
						const parsed = parseDocumentName(room.name);
						if (!parsed.ok || !('school' in parsed.ref) || parsed.ref.school !== event.school || parsed.ref.year !== event.year) return;
						await room.refreshClosedStudents();
					})
				);
				return;
		}
	}

	/** Asks the authoriser again for each connection and applies the answer. */
	async function redecide(live: Connection[]): Promise<void> {
		await Promise.all(
			live.map(async (connection) => {
				const ticket = tickets.get(connection);
				if (!ticket) return;
				let decided: Access | 'none';
				try {
					decided = await currentAccess(ticket);
				} catch (error) {
					// Cannot tell: the client reconnects, and its next upgrade is decided afresh.
					log('error', 'authorisation failed', { document: connection.document, personId: connection.actor.personId, error: describeError(error) });
					connection.close(CloseCode.goingAway, 'access check failed');
					return;
				}
				changeAccess(connection, decided);
			})
		);
	}

	/**
	 * The fan-out came back after an outage (SPEC F4): updates and control events other instances
	 * published meanwhile were lost. Reload every loaded document from storage (now, and once more
	 * after the other instances' pending group commits had time to land) and re-decide every live
	 * connection from the database.
	 */
	async function resyncAfterOutage(): Promise<void> {
		const resync = async () => {
			let changed = 0;
			for (const room of registry.rooms()) {
				try {
					if (await room.resyncFromStorage()) changed += 1;
				} catch (error) {
					log('error', 'resync failed', { document: room.name, error: describeError(error) });
				}
			}
			return changed;
		};
		const first = await resync();
		revocations += 1;
		await redecide([...connections]);
		await new Promise((resolve) => setTimeout(resolve, options.resyncSettleMs ?? 2000));
		if (closing) return;
		const second = await resync();
		log('info', 'resynced after fan-out outage', { documents: registry.rooms().length, changedFirst: first, changedSecond: second });
	}

	function capAccess(document: string, cap: Access | null): void {
		void dispatch({ type: 'document-cap', document, cap: cap === 'read' ? 'read' : null });
	}

	function reauthorizePerson(personId: string): Promise<void> {
		return dispatch({ type: 'person', personId });
	}

	function endSession(sessionId: string): void {
		void dispatch({ type: 'session-ended', sessionId });
	}

	function refreshClassStudents(school: string, year: string): Promise<void> {
		return dispatch({ type: 'class-students', school, year });
	}

	async function change(document: string, change: (doc: Y.Doc) => void, actor?: SyncActor): Promise<void> {
		if (closing) throw new Error('sync server is closed');
		if (!parseDocumentName(document).ok) throw new Error(`invalid document name: ${document}`);
		const room = await registry.acquire(document);
		try {
			await room.change(change, actor ?? null);
		} finally {
			registry.release(room);
		}
	}

	async function flush(): Promise<void> {
		await Promise.all(registry.rooms().map((room) => room.persister.flush()));
		await Promise.all([...runningHooks]);
	}

	async function close(): Promise<void> {
		closing = true;
		heartbeat.stop();
		const open = [...connections];
		for (const connection of open) connection.close(CloseCode.goingAway, 'server shutting down');
		await registry.unloadAll();
		await Promise.all([...runningHooks]);
		// The close frames went out before the flush; a peer that has not answered by now is not waited for.
		for (const connection of open) connection.terminate();
		wss.close();
		await merges.close();
	}

	function stats() {
		const pendingUpdates = registry.rooms().reduce((sum, room) => sum + room.persister.pending, 0);
		return { documents: registry.size, connections: connections.size, pendingUpdates };
	}

	return { handleUpgrade, capAccess, reauthorizePerson, endSession, refreshClassStudents, change, flush, close, stats };
}

function lowest(decided: Access | 'none', ticket: Access): Access | 'none' {
	if (decided === 'none') return 'none';
	return decided === 'read' || ticket === 'read' ? 'read' : 'write';
}
