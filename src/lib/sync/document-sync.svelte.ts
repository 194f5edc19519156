/**
 * One Yjs document kept on this device (IndexedDB) and synced with the server (WebSocket) when
 * possible. Exposes what the page must always show: offline / connecting / online, how many
 * changes are only on this device, and whether this person may write.
 */
import { SvelteMap } from 'svelte/reactivity';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, PROTOCOL_PARAM, SYNC_PATH_PREFIX, SYNC_PROTOCOL_VERSION, type Access } from '../ydoc/wire';
import {
	changesNotPersisted,
	forgetOwnClients,
	loadOwnClients,
	loadPersistedVector,
	rememberOwnClients,
	savePersistedVector,
	stillUnsaved,
	withClient
} from './persisted-state';
import { holdsRefusedContent, mayHoldRefusedContent, peekSyncMessage, refusedItemCount, wholeStateRequest } from './settle';

export type ConnectionStatus = 'offline' | 'connecting' | 'online';

const MAX_RETRY_MS = 10_000;
/** y-indexeddb's object store of a document's updates (its source: `updatesStoreName`). */
const Y_INDEXEDDB_UPDATES = 'updates';

/** Why the server ended the connection for good, in words for the status bar. */
const PERMANENT_CLOSE_MESSAGES: Record<number, string> = {
	[CloseCode.unauthorized]: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
	[CloseCode.forbidden]: 'Bạn không còn quyền mở sổ này.',
	[CloseCode.unknownDocument]: 'Sổ này không tồn tại trên máy chủ.',
	[CloseCode.clientTooOld]: 'Ứng dụng đã cũ. Hãy tải lại trang để cập nhật.',
	[CloseCode.messageTooBig]: 'Thay đổi quá lớn để gửi một lần.',
	[CloseCode.malformedMessage]: 'Máy chủ từ chối dữ liệu không hợp lệ.',
	[CloseCode.refusedUpdate]: 'Máy chủ từ chối một thay đổi không hợp lệ — thay đổi này chưa được lưu. Hãy tải lại trang.'
};

/** The 4422 message with the rule the server named in its `refused` message (sync-server SPEC V1). */
function refusedProblem(rule: string | null): string {
	return rule
		? `Máy chủ từ chối một thay đổi không hợp lệ (quy tắc ${rule}) — thay đổi này chưa được lưu. Hãy tải lại trang.`
		: PERMANENT_CLOSE_MESSAGES[CloseCode.refusedUpdate]!;
}

export interface DocumentSyncOptions {
	/**
	 * This device's copy was replaced by the server's (it held edits a read-only connection can
	 * never deliver, sync SPEC O4): this DocumentSync has stopped; open a new one. `dropped` is the
	 * number of changes let go of.
	 */
	onSettled?: (dropped: number) => void;
}

/** Per connection: the sync steps seen, to recognise the answer to the whole-state request (O3). */
interface Round {
	step1Sent: number;
	step2Received: number;
	/** The server's state vector from its sync step 1. */
	serverVector: Map<number, number> | null;
	/** Which step 2 answers the whole-state request (0: not asked on this connection). */
	wholeStateAnswer: number;
}

const newRound = (): Round => ({ step1Sent: 1, step2Received: 0, serverVector: null, wholeStateAnswer: 0 });

export class DocumentSync {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	status = $state<ConnectionStatus>('connecting');
	/** Changes made on this device that the server has not yet committed to its database (sync SPEC N1). */
	pending = $state(0);
	access = $state<Access | null>(null);
	/** The term is locked (khóa sổ): why a teacher of this gradebook only reads it. */
	locked = $state(false);
	/** A problem that needs the person's attention (signed out, no access…), or null. */
	problem = $state<string | null>(null);
	/**
	 * The read-only rows of a class document as the server last said (sync-server SPEC V19):
	 * student id → what the row says. Null until it says (it says nothing when there are none).
	 */
	leftStudents = $state.raw<ReadonlyMap<string, string> | null>(null);
	/** True once the content stored on this device has been loaded. */
	loaded = $state(false);

	#name: string;
	#local: IndexeddbPersistence;
	#persisted: Map<number, number>;
	/** The Yjs client ids this device wrote this document with (N2); null until recorded (N3). */
	#own: ReadonlySet<number> | null;
	#retryMs = 250;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;
	#connecting = false;
	/** The rule of the server's last `refused` message, shown with the 4422 close that follows it. */
	#refusedRule: string | null = null;
	#round = newRound();
	#onSettled: ((dropped: number) => void) | undefined;

	constructor(name: string, options: DocumentSyncOptions = {}) {
		this.#name = name;
		this.#onSettled = options.onSettled;
		this.#persisted = loadPersistedVector(name);
		this.#own = loadOwnClients(name);
		this.#local = new IndexeddbPersistence(name, this.doc);
		this.#local.whenSynced.then(() => {
			this.#settleOwnClients();
			this.loaded = true;
			this.#recount();
		});
		const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SYNC_PATH_PREFIX.slice(0, -1)}`;
		this.provider = new WebsocketProvider(wsBase, name, this.doc, { connect: false, maxBackoffTime: MAX_RETRY_MS });
		const readSync = this.provider.messageHandlers[MessageType.sync]!;
		this.provider.messageHandlers[MessageType.sync] = (encoder, decoder, provider, emitSynced, messageType) => {
			const message = peekSyncMessage(decoder);
			if (message.kind === 'step1') this.#round.serverVector = message.stateVector;
			readSync(encoder, decoder, provider, emitSynced, messageType);
			if (message.kind === 'step2' && ++this.#round.step2Received === this.#round.wholeStateAnswer) void this.#settle(message.update);
		};
		this.provider.messageHandlers[MessageType.persisted] = (_encoder, decoder) => {
			this.#onPersisted(decoder);
			// The last of the messages a connection starts with: access and the server's step 1 are known.
			this.#askWholeStateIfRefused(false);
		};
		this.provider.messageHandlers[MessageType.refused] = (_encoder, decoder) => {
			this.#refusedRule = decoding.readVarString(decoder);
		};
		this.provider.messageHandlers[MessageType.leftStudents] = (_encoder, decoder) => {
			const rows: unknown = JSON.parse(decoding.readVarString(decoder));
			if (rows && typeof rows === 'object' && !Array.isArray(rows)) {
				this.leftStudents = new SvelteMap(Object.entries(rows).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
			}
		};
		this.provider.messageHandlers[MessageType.access] = (_encoder, decoder) => {
			const access = decoding.readVarString(decoder) === 'write' ? 'write' : 'read';
			// Downgraded while open (a term lock): ask the server why, for the page to say so.
			const downgraded = access === 'read' && this.access === 'write';
			if (downgraded) void this.#requestTicket().catch(() => undefined);
			this.access = access;
			// Writes sent after the server's downgrade were dropped: find out (O1).
			if (downgraded && this.#round.serverVector) this.#askWholeStateIfRefused(true);
		};
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') {
				// The provider sends its sync step 1 right after this event.
				this.#round = newRound();
				this.status = 'online';
				this.#retryMs = 250;
			}
		});
		this.provider.on('connection-close', () => this.#lostConnection());
		this.provider.on('closed', ({ code }) => {
			this.problem =
				code === CloseCode.refusedUpdate ? refusedProblem(this.#refusedRule) : (PERMANENT_CLOSE_MESSAGES[code] ?? `Kết nối bị đóng (mã ${code}).`);
		});
		this.doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
			// Only this page's edits are local: the server's and IndexedDB's are applied updates.
			if (transaction.local) this.#noteOwnWrite();
			this.#recount();
		});
		addEventListener('online', this.#onOnline);
		addEventListener('offline', this.#onOffline);
		if (navigator.onLine) void this.#connect();
		else this.status = 'offline';
	}

	get awareness() {
		return this.provider.awareness;
	}

	destroy(): void {
		this.#stopped = true;
		clearTimeout(this.#retryTimer);
		removeEventListener('online', this.#onOnline);
		removeEventListener('offline', this.#onOffline);
		this.provider.destroy();
		void this.#local.destroy();
		this.doc.destroy();
	}

	#onOnline = () => {
		this.#retryMs = 250;
		void this.#connect();
	};

	#onOffline = () => {
		// Browsers keep an open WebSocket alive for a while after losing the network; drop it so
		// the page tells the truth and edits stay queued on this device.
		this.provider.disconnect();
		this.status = 'offline';
	};

	/**
	 * O1/O3: a read-only connection never applies this device's writes. When the device may hold
	 * some (or `always`, after a downgrade), ask for the server's whole state; its answer settles.
	 */
	#askWholeStateIfRefused(always: boolean): void {
		const round = this.#round;
		if (this.access !== 'read' || round.wholeStateAnswer !== 0 || !this.provider.ws) return;
		if (!always && (!round.serverVector || !mayHoldRefusedContent(this.doc, round.serverVector))) return;
		round.wholeStateAnswer = ++round.step1Sent;
		this.provider.ws.send(wholeStateRequest());
	}

	/**
	 * O4: the server's whole state is here (and the provider has merged it into the doc). If this
	 * device still holds more, replace its stored copy with the server's and hand over to a fresh
	 * DocumentSync: Yjs cannot take the refused items out of this doc.
	 */
	async #settle(official: Uint8Array): Promise<void> {
		if (this.#stopped || !holdsRefusedContent(this.doc, official)) return;
		const dropped = refusedItemCount(this.doc, official);
		this.#stopped = true;
		clearTimeout(this.#retryTimer);
		this.provider.disconnect();
		try {
			await replaceStoredDocument(this.#local, official);
		} catch {
			this.problem = 'Không cập nhật được bản lưu trên thiết bị này. Hãy tải lại trang.';
			return;
		}
		this.#onSettled?.(dropped);
	}

	#onPersisted(decoder: decoding.Decoder): void {
		const encoded = decoding.readVarUint8Array(decoder);
		this.#persisted = Y.decodeStateVector(encoded);
		savePersistedVector(this.#name, encoded);
		if (this.loaded) this.#settleOwnClients();
		this.#recount();
	}

	#recount(): void {
		this.pending = this.#own ? changesNotPersisted(Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.#persisted, this.#own) : 0;
	}

	#noteOwnWrite(): void {
		const client = this.doc.clientID;
		if (!this.#own?.has(client)) this.#own = withClient(this.#own, client);
		// Every time, not once: another tab may have dropped it from the stored list as saved.
		rememberOwnClients(this.#name, [client]);
	}

	/**
	 * N3: once the stored copy is loaded, and at every acknowledgement, the clients whose changes
	 * are all durable leave the device's list (another tab still writing adds itself back at its
	 * next edit), so it stays short.
	 */
	#settleOwnClients(): void {
		const kept = stillUnsaved(this.#own, Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.#persisted, this.doc.clientID);
		const recorded = this.#own;
		this.#own = kept;
		if (recorded === null) rememberOwnClients(this.#name, kept);
		else forgetOwnClients(this.#name, [...recorded].filter((client) => !kept.has(client)));
	}

	#lostConnection(): void {
		// y-websocket would retry with the same URL, i.e. with a ticket that may have expired;
		// take over: stop its retry and reconnect with a fresh ticket. (Not disconnect(): this runs
		// inside the provider's own close handling, before it has let go of the socket.)
		this.provider.shouldConnect = false;
		this.status = navigator.onLine ? 'connecting' : 'offline';
		this.#scheduleRetry();
	}

	#scheduleRetry(): void {
		if (this.#stopped || this.problem) return;
		clearTimeout(this.#retryTimer);
		this.#retryTimer = setTimeout(() => void this.#connect(), this.#retryMs);
		this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
	}

	/** A fresh ticket, or null (with `problem` set) when the server says no for good. */
	async #requestTicket(): Promise<string | null> {
		const response = await fetch('/api/sync-ticket', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ document: this.#name })
		});
		if (response.status === 401 || response.status === 403 || response.status === 404) {
			const body = (await response.json().catch(() => null)) as { message?: string } | null;
			this.problem = body?.message ?? 'Không thể mở sổ này.';
			this.status = 'offline';
			return null;
		}
		if (!response.ok) throw new Error(`ticket: HTTP ${response.status}`);
		const body = (await response.json()) as { ticket: string; locked?: boolean };
		this.locked = body.locked === true;
		return body.ticket;
	}

	async #connect(): Promise<void> {
		if (this.#stopped || this.#connecting || this.provider.wsconnected || this.provider.wsconnecting) return;
		if (!navigator.onLine) {
			this.status = 'offline';
			return;
		}
		this.#connecting = true;
		this.status = 'connecting';
		try {
			const ticket = await this.#requestTicket();
			if (ticket === null) return;
			// The protocol version lets a newer server tell an installed, outdated app to reload (CloseCode.clientTooOld).
			this.provider.params = { ticket, [PROTOCOL_PARAM]: String(SYNC_PROTOCOL_VERSION) };
			this.provider.connect();
		} catch {
			this.status = 'offline';
			this.#scheduleRetry();
		} finally {
			this.#connecting = false;
		}
	}
}

/**
 * Replaces what y-indexeddb keeps of this document with `official`, in one IndexedDB transaction
 * (clear, then the server's state as the only update): a reload at any moment finds either the
 * old copy or the server's, never an empty document. Not by deleting the database, which another
 * tab holding it open would block.
 */
async function replaceStoredDocument(stored: IndexeddbPersistence, official: Uint8Array): Promise<void> {
	const db = await stored._db;
	await new Promise<void>((resolve, reject) => {
		const transaction = db.transaction([Y_INDEXEDDB_UPDATES], 'readwrite');
		const updates = transaction.objectStore(Y_INDEXEDDB_UPDATES);
		updates.clear();
		updates.add(official);
		transaction.oncomplete = () => resolve();
		transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
	});
	await stored.destroy();
}
