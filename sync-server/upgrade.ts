/**
 * Authentication at the upgrade, before any document is touched: Origin, then the document
 * name, then the ticket. A refused upgrade is answered with a plain HTTP status on
 * the raw socket, so browsers and `ws` clients see 403 / 400 / 401 instead of a WebSocket.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseDocumentName } from '../src/lib/ydoc/document-name';
import { verifyTicket } from '../src/lib/ydoc/sync-ticket';
import { PROTOCOL_PARAM, SYNC_PATH_PREFIX, type Access } from '../src/lib/ydoc/wire';
import type { SyncActor } from './sync-events';

export interface UpgradeCheck {
	ticketSecret: Uint8Array;
	isOriginAllowed: (origin: string | undefined) => boolean;
	nowMs: () => number;
}

/** What a verified ticket says: who, which document, what access, under which session. */
export interface TicketedUpgrade {
	document: string;
	actor: SyncActor;
	access: Access;
	sessionId: string;
	ticketId: string;
	/** Ticket expiry, Unix seconds: how long its id must be remembered as spent. */
	expiresAt: number;
	/** The protocol version the client named (SPEC P1); 1 when it named none. */
	clientProtocol: number;
}

export type UpgradeDecision =
	| ({ ok: true } & TicketedUpgrade)
	| { ok: false; status: 400 | 401 | 403; reason: string; document?: string };

/** The part of the path after SYNC_PATH_PREFIX, or null when the request is not for us. */
export function syncPath(requestUrl: string | undefined): { name: string; query: URLSearchParams } | null {
	if (!requestUrl?.startsWith(SYNC_PATH_PREFIX)) return null;
	const url = new URL(requestUrl, 'http://sync.invalid');
	return { name: url.pathname.slice(SYNC_PATH_PREFIX.length), query: url.searchParams };
}

export function authenticateUpgrade(request: IncomingMessage, check: UpgradeCheck): UpgradeDecision {
	const origin = request.headers.origin;
	if (!check.isOriginAllowed(origin)) return { ok: false, status: 403, reason: 'origin not allowed' };
	const path = syncPath(request.url);
	if (!path) return { ok: false, status: 400, reason: 'not a sync path' };
	const document = decodePathName(path.name);
	if (document === null || !parseDocumentName(document).ok) {
		return { ok: false, status: 400, reason: 'invalid document name' };
	}
	const clientProtocol = readProtocol(path.query.get(PROTOCOL_PARAM));
	if (clientProtocol === null) return { ok: false, status: 400, reason: 'invalid protocol version', document };
	const ticket = path.query.get('ticket');
	if (!ticket) return { ok: false, status: 401, reason: 'missing ticket', document };
	const nowSeconds = Math.floor(check.nowMs() / 1000);
	const verified = verifyTicket(check.ticketSecret, ticket, { document, nowSeconds });
	if (!verified.ok) return { ok: false, status: 401, reason: `ticket ${verified.reason}`, document };
	const { sub, name, access, sid, jti, exp } = verified.claims;
	return { ok: true, document, actor: { personId: sub, name }, access, sessionId: sid, ticketId: jti, expiresAt: exp, clientProtocol };
}

/** SPEC P1: absent → 1 (clients older than the version parameter, and stock y-websocket clients). */
function readProtocol(text: string | null): number | null {
	if (text === null) return 1;
	return /^\d{1,4}$/.test(text) ? Number(text) : null;
}

/** Document names are plain ASCII codes, but a client may still percent-encode the slashes. */
function decodePathName(name: string): string | null {
	try {
		return decodeURIComponent(name);
	} catch {
		return null;
	}
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	503: 'Service Unavailable'
};

/** Answers the upgrade request with an HTTP error and closes the socket (as `ws`'s abortHandshake does). */
export function refuseUpgrade(socket: Duplex, status: number): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const text = STATUS_TEXT[status] ?? 'Error';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
			`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
	);
}
