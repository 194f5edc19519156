/**
 * One authenticated WebSocket: who it is ({actor, document, access} from the ticket), the limits
 * that protect the process from it, and the frames that arrive before its document is loaded.
 * Whatever goes wrong with one connection closes that connection, with a named close code.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode, type Access } from '../src/lib/ydoc/wire';
import { RefusedUpdate } from '../src/lib/ydoc/document-schema';
import { MalformedMessage } from './client-message';
import { describeError, type Log } from './log';
import type { Peer, Room } from './room';
import { refusedMessage } from './server-messages';
import type { SyncActor } from './sync-events';

export interface ConnectionLimits {
	/** Bigger frames close the connection with CloseCode.messageTooBig. */
	maxMessageBytes: number;
	/** A socket that has this much unsent data is too slow to keep: closed with goingAway. */
	maxBufferedBytes: number;
}

export interface ConnectionIdentity {
	document: string;
	actor: SyncActor;
	access: Access;
	/** The sync protocol version the client named (SPEC P1). */
	protocol: number;
}

type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export class Connection implements Peer {
	readonly document: string;
	readonly actor: SyncActor;
	access: Access;
	readonly protocol: number;
	readonly awarenessClients = new Set<number>();
	droppedWrites = 0;
	/** Cleared at each heartbeat ping, set again by the pong. */
	alive = true;
	readonly #ws: WebSocket;
	readonly #limits: ConnectionLimits;
	readonly #log: Log;
	readonly #onGone: (connection: Connection) => void;
	#room: Room | null = null;
	/** Frames received while the document loads, handled in order once it is ready. */
	#early: Uint8Array[] = [];
	#earlyBytes = 0;
	#gone = false;
	/** The socket is corked until the end of this tick (SPEC S8). */
	#corked = false;

	constructor(
		ws: WebSocket,
		identity: ConnectionIdentity,
		limits: ConnectionLimits,
		log: Log,
		onGone: (connection: Connection) => void
	) {
		this.#ws = ws;
		this.document = identity.document;
		this.actor = identity.actor;
		this.access = identity.access;
		this.protocol = identity.protocol;
		this.#limits = limits;
		this.#log = log;
		this.#onGone = onGone;
		ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		ws.on('pong', () => (this.alive = true));
		// ws reports protocol violations (bad frames, payload over maxPayload) here and then closes.
		ws.on('error', (error) => this.#log('warn', 'socket error', { ...this.#fields(), error: describeError(error) }));
		ws.on('close', () => this.#finish());
	}

	get room(): Room | null {
		return this.#room;
	}

	get isGone(): boolean {
		return this.#gone;
	}

	/** The document is ready: send the greeting, then handle what arrived during the load. */
	attach(room: Room): void {
		if (this.#gone) return;
		this.#room = room;
		room.attach(this);
		const early = this.#early;
		this.#early = [];
		for (const frame of early) {
			if (this.#gone) return;
			this.#handle(room, frame);
		}
	}

	send(message: Uint8Array): void {
		if (this.#gone || this.#ws.readyState !== this.#ws.OPEN) return;
		if (this.#ws.bufferedAmount > this.#limits.maxBufferedBytes) {
			this.#log('warn', 'slow socket closed', { ...this.#fields(), bufferedBytes: this.#ws.bufferedAmount });
			this.close(CloseCode.goingAway, 'too slow');
			return;
		}
		this.#cork();
		this.#ws.send(message);
	}

	/**
	 * Messages sent to this socket in one tick leave in one write (SPEC S8): the frames ws reads
	 * from one TCP chunk are handled in one go, so under a write storm a receiver gets the
	 * fan-out of several updates (and an acknowledgement) in one system call instead of one each.
	 * Nothing waits: the socket is uncorked before the event loop moves on.
	 */
	#cork(): void {
		if (this.#corked) return;
		const socket = (this.#ws as unknown as { _socket?: { cork(): void; uncork(): void; destroyed?: boolean } })._socket;
		if (!socket) return;
		this.#corked = true;
		socket.cork();
		process.nextTick(() => {
			this.#corked = false;
			if (!socket.destroyed) socket.uncork();
		});
	}

	close(code: CloseCodeValue, reason: string): void {
		if (this.#gone) return;
		this.#ws.close(code, reason);
		// Leave the room now rather than at the peer's close frame, which may never come.
		this.#finish();
	}

	/** For the heartbeat: a peer that missed a pong gets no close handshake. */
	terminate(): void {
		this.#ws.terminate();
		this.#finish();
	}

	ping(): void {
		if (this.#ws.readyState === this.#ws.OPEN) this.#ws.ping();
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#gone) return;
		if (!isBinary) {
			this.#log('warn', 'malformed message', { ...this.#fields(), error: 'text frame' });
			this.close(CloseCode.malformedMessage, 'binary frames only');
			return;
		}
		const frame = toBytes(data);
		if (frame.byteLength > this.#limits.maxMessageBytes) {
			this.#log('warn', 'message too big', { ...this.#fields(), bytes: frame.byteLength, max: this.#limits.maxMessageBytes });
			this.close(CloseCode.messageTooBig, 'message too big');
			return;
		}
		if (this.#room) {
			this.#handle(this.#room, frame);
			return;
		}
		this.#earlyBytes += frame.byteLength;
		if (this.#earlyBytes > this.#limits.maxMessageBytes * 4) {
			this.#log('warn', 'message too big', { ...this.#fields(), bytes: this.#earlyBytes, during: 'load' });
			this.close(CloseCode.messageTooBig, 'too much data before the document loaded');
			return;
		}
		this.#early.push(frame);
	}

	#handle(room: Room, frame: Uint8Array): void {
		const droppedBefore = this.droppedWrites;
		try {
			room.receive(this, frame);
		} catch (error) {
			if (error instanceof RefusedUpdate) {
				const { rule, reason } = error.refusal;
				this.#log('warn', 'update refused', { ...this.#fields(), bytes: frame.byteLength, rule, reason });
				this.send(refusedMessage(rule, reason));
				this.close(CloseCode.refusedUpdate, `refused (${rule})`);
			} else if (error instanceof MalformedMessage) {
				this.#log('warn', 'malformed message', { ...this.#fields(), bytes: frame.byteLength, error: error.message });
				this.close(CloseCode.malformedMessage, 'malformed message');
			} else {
				this.#log('error', 'message handling failed', { ...this.#fields(), error: describeError(error) });
				this.close(CloseCode.serverError, 'server error');
			}
			return;
		}
		if (droppedBefore === 0 && this.droppedWrites > 0) {
			this.#log('warn', 'read-only write dropped', { ...this.#fields(), count: this.droppedWrites });
		}
	}

	#finish(): void {
		if (this.#gone) return;
		this.#gone = true;
		this.#early = [];
		if (this.droppedWrites > 0) {
			this.#log('warn', 'read-only writes dropped', { ...this.#fields(), count: this.droppedWrites });
		}
		this.#onGone(this);
	}

	#fields(): Record<string, unknown> {
		return { document: this.document, personId: this.actor.personId, access: this.access };
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
