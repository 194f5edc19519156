/**
 * Short-lived signed tickets: the app mints one after asking the access policy, the sync server
 * verifies it at the WebSocket upgrade before touching any document (docs/architecture.md §3).
 * Format: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, payload part)).
 * The current time is passed in; `newTicketId` is the only source of randomness.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Access } from './wire';

export interface TicketClaims {
	/** Person ID. */
	sub: string;
	/** Display name, shown to co-editors. */
	name: string;
	/** Document name the ticket opens, and only that one. */
	doc: string;
	access: Access;
	/** Expiry, Unix seconds. */
	exp: number;
	/** Random ticket id: the sync server accepts each ticket once (sync-server SPEC R3). */
	jti: string;
	/**
	 * The session the ticket was minted under: the upgrade re-checks that it is still valid and
	 * acts in the same capacity, and its end closes the sockets it opened (sync-server SPEC R2, R5).
	 */
	sid: string;
}

export type TicketCheck =
	| { ok: true; claims: TicketClaims }
	| { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-document' };

/** Tickets are for one connection attempt; the client asks for a new one before each connect. */
export const TICKET_LIFETIME_SECONDS = 60;

/** A fresh random ticket id (128 bits): unguessable, so nobody can spend another person's ticket. */
export function newTicketId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return encodeBase64urlNoPadding(bytes);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function mintTicket(secret: Uint8Array, claims: TicketClaims): string {
	const payload = encodeBase64urlNoPadding(encoder.encode(JSON.stringify(claims)));
	const signature = encodeBase64urlNoPadding(hmac(SHA256, secret, encoder.encode(payload)));
	return `${payload}.${signature}`;
}

export function verifyTicket(
	secret: Uint8Array,
	ticket: string,
	expected: { document: string; nowSeconds: number }
): TicketCheck {
	const [payload, signature, extra] = ticket.split('.');
	if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
	let given: Uint8Array;
	try {
		given = decodeBase64urlIgnorePadding(signature);
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	const wanted = hmac(SHA256, secret, encoder.encode(payload));
	if (given.length !== wanted.length || !constantTimeEqual(given, wanted)) {
		return { ok: false, reason: 'bad-signature' };
	}
	const claims = parseClaims(payload);
	if (!claims) return { ok: false, reason: 'malformed' };
	if (claims.exp <= expected.nowSeconds) return { ok: false, reason: 'expired' };
	if (claims.doc !== expected.document) return { ok: false, reason: 'wrong-document' };
	return { ok: true, claims };
}

function parseClaims(payload: string): TicketClaims | null {
	try {
		const value: unknown = JSON.parse(decoder.decode(decodeBase64urlIgnorePadding(payload)));
		if (typeof value !== 'object' || value === null) return null;
		const { sub, name, doc, access, exp, jti, sid } = value as Record<string, unknown>;
		if (typeof sub !== 'string' || typeof name !== 'string' || typeof doc !== 'string') return null;
		if (access !== 'read' && access !== 'write') return null;
		if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
		if (typeof jti !== 'string' || jti.length === 0 || typeof sid !== 'string') return null;
		return { sub, name, doc, access, exp, jti, sid };
	} catch {
		return null;
	}
}
