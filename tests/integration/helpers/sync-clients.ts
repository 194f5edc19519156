/**
 * Stock y-websocket clients in Node, as the browser runs them (ws polyfill, no BroadcastChannel,
 * so same-process clients never sync behind the server's back), plus raw `ws` sockets for what a stock client would never send. Tickets are
 * minted here with the secret the server process was given.
 */
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { mintTicket, newTicketId } from '../../../src/lib/ydoc/sync-ticket';
import type { CellValue } from '../../../src/lib/ydoc/gradebook';
import { MessageType, type Access } from '../../../src/lib/ydoc/wire';
import { marksOf, teacherName, writeMark } from './test-gradebook';
import { formatDocumentName } from '../../../src/lib/ydoc/document-name';

// Each provider adds a process 'exit' listener; a burst test opens dozens on purpose.
process.setMaxListeners(Math.max(process.getMaxListeners(), 200));

export const TICKET_SECRET = randomBytes(32);
/**
 * For a standalone sync server under test: the tickets' secret, and tickets alone decide — these
 * suites test the sync engine with made-up people on a database without a school.
 */
export const TICKET_SECRET_ENV = { SYNC_TICKET_SECRET: TICKET_SECRET.toString('hex'), SYNC_ACCESS_CHECK: 'ticket' };

export function ticketFor(
	document: string,
	access: Access,
	options: { personId?: string; secret?: Uint8Array; expiresInSeconds?: number; ticketDocument?: string; sessionId?: string } = {}
): string {
	const personId = options.personId ?? `person-${access}`;
	return mintTicket(options.secret ?? TICKET_SECRET, {
		sub: personId,
		name: teacherName(personId),
		doc: options.ticketDocument ?? document,
		access,
		// Long enough for a client that reconnects across a server restart.
		exp: Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 600),
		jti: newTicketId(),
		sid: options.sessionId ?? `session-${personId}`
	});
}

let documentCounter = 0;
/** A fresh, valid gradebook name per test, so tests sharing a server never share a document. */
export function uniqueDocument(): string {
	documentCounter += 1;
	return formatDocumentName({ kind: 'gradebook', school: 'thcs-nvb', year: '2025-2026', term: 'hk1', classCode: `6a${documentCounter}`, subject: `toan-${randomBytes(3).toString('hex')}` });
}

export interface SyncClient {
	doc: Y.Doc;
	/** Writes a mark as this ticket's person would (the document must be a provisioned gradebook). */
	mark(studentId: string, columnKey: string, value: CellValue): void;
	/** Every mark this client's copy shows, by cell key. */
	marks(): Record<string, CellValue>;
	provider: WebsocketProvider;
	/** State vectors from the server's "persisted" messages, in arrival order. */
	persisted: Uint8Array[];
	accessMessages: string[];
	closeCodes: number[];
	onPersisted(listener: (stateVector: Uint8Array) => void): void;
	destroy(): void;
}

/**
 * `doc` may already hold edits, like a browser's IndexedDB copy after working offline. Tickets
 * are single-use: give a function to get a fresh one before every reconnect, as the browser does;
 * a plain ticket makes every reconnect a reuse, which the server refuses.
 */
export function connectClient(
	syncUrl: string,
	document: string,
	ticket: string | (() => string),
	doc = new Y.Doc(),
	personId = ticketPerson(typeof ticket === 'string' ? ticket : ticket())
): SyncClient {
	const persisted: Uint8Array[] = [];
	const accessMessages: string[] = [];
	const closeCodes: number[] = [];
	const persistedListeners: Array<(stateVector: Uint8Array) => void> = [];
	const provider = new WebsocketProvider(syncUrl, document, doc, {
		params: { ticket: typeof ticket === 'string' ? ticket : ticket() },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 300
	});
	provider.messageHandlers[MessageType.persisted] = (_encoder, decoder) => {
		const stateVector = decoding.readVarUint8Array(decoder);
		persisted.push(stateVector);
		for (const listener of persistedListeners) listener(stateVector);
	};
	provider.messageHandlers[MessageType.access] = (_encoder, decoder) => {
		accessMessages.push(decoding.readVarString(decoder));
	};
	provider.on('connection-close', (event) => {
		if (event) closeCodes.push(event.code);
		// Emitted before the provider schedules its reconnect, which reads `params` again.
		if (typeof ticket !== 'string') provider.params = { ticket: ticket() };
	});
	return {
		doc,
		mark: (studentId, columnKey, value) => writeMark(doc, personId, studentId, columnKey, value),
		marks: () => marksOf(doc),
		provider,
		persisted,
		accessMessages,
		closeCodes,
		onPersisted: (listener) => persistedListeners.push(listener),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** The person a ticket names (its payload is not secret, only signed). */
function ticketPerson(ticket: string): string {
	try {
		const payload = JSON.parse(Buffer.from(ticket.split('.')[0] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
		return typeof payload.sub === 'string' ? payload.sub : 'unknown';
	} catch {
		return 'unknown';
	}
}

/** Does `stateVector` cover everything in `doc`? */
export function covers(stateVector: Uint8Array, doc: Y.Doc): boolean {
	const durable = Y.decodeStateVector(stateVector);
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
		if ((durable.get(client) ?? 0) < clock) return false;
	}
	return true;
}

export async function waitUntil(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export const whenSynced = (client: SyncClient) => waitUntil(() => client.provider.synced, 'client synced');

export type UpgradeOutcome = { opened: true; socket: WebSocket } | { opened: false; status: number };

/** A raw upgrade attempt: resolves with the HTTP status of a refused upgrade, or the open socket. */
export function tryUpgrade(url: string, headers: Record<string, string> = {}): Promise<UpgradeOutcome> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { headers });
		socket.once('open', () => resolve({ opened: true, socket }));
		socket.once('unexpected-response', (request, response) => {
			resolve({ opened: false, status: response.statusCode ?? 0 });
			request.destroy();
		});
		// Settled promises ignore later calls; the listener stays so an abort error is never uncaught.
		socket.on('error', (error) => reject(error));
	});
}
