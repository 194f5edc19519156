import { describe, expect, it } from 'vitest';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { mintTicket, newTicketId, verifyTicket, type TicketClaims } from './sync-ticket';

const secret = new TextEncoder().encode('a test secret of thirty-two bytes!');
const doc = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';
const claims: TicketClaims = { sub: 'p1', name: 'Nguyễn Thị Mai', doc, access: 'write', exp: 1_000, jti: 'ticket-1', sid: 'session-1' };

describe('sync tickets', () => {
	it('verifies a ticket it minted, for its document, before expiry', () => {
		const ticket = mintTicket(secret, claims);
		expect(verifyTicket(secret, ticket, { document: doc, nowSeconds: 999 })).toEqual({ ok: true, claims });
	});

	it('refuses an expired ticket', () => {
		const ticket = mintTicket(secret, claims);
		expect(verifyTicket(secret, ticket, { document: doc, nowSeconds: 1_000 })).toEqual({ ok: false, reason: 'expired' });
	});

	it('refuses a ticket for another document', () => {
		const ticket = mintTicket(secret, claims);
		const other = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/ngu-van';
		expect(verifyTicket(secret, ticket, { document: other, nowSeconds: 1 })).toEqual({ ok: false, reason: 'wrong-document' });
	});

	it('refuses a ticket signed with another secret, or with a rewritten payload', () => {
		const forged = mintTicket(new TextEncoder().encode('another secret'), claims);
		expect(verifyTicket(secret, forged, { document: doc, nowSeconds: 1 }).ok).toBe(false);
		const [, signature] = mintTicket(secret, claims).split('.');
		const escalated = mintTicket(secret, { ...claims, access: 'read' }).split('.')[0];
		const [payloadWrite] = mintTicket(secret, claims).split('.');
		expect(payloadWrite).not.toBe(escalated);
		expect(verifyTicket(secret, `${escalated}.${signature}`, { document: doc, nowSeconds: 1 })).toEqual({
			ok: false,
			reason: 'bad-signature'
		});
	});

	it.each(['', 'abc', 'a.b.c', '!!!.???', 'eyJ9.'])('refuses malformed ticket %j', (ticket) => {
		expect(verifyTicket(secret, ticket, { document: doc, nowSeconds: 1 }).ok).toBe(false);
	});

	// sync-server SPEC R3: the id that makes a ticket single-use is part of what is signed.
	it('refuses a correctly signed ticket without a ticket id or session', () => {
		const encoder = new TextEncoder();
		for (const missing of ['jti', 'sid'] as const) {
			const { [missing]: _dropped, ...rest } = claims;
			const payload = encodeBase64urlNoPadding(encoder.encode(JSON.stringify(rest)));
			const ticket = `${payload}.${encodeBase64urlNoPadding(hmac(SHA256, secret, encoder.encode(payload)))}`;
			expect(verifyTicket(secret, ticket, { document: doc, nowSeconds: 1 })).toEqual({ ok: false, reason: 'malformed' });
		}
	});

	it('draws a different, unguessable ticket id each time', () => {
		const ids = new Set(Array.from({ length: 1_000 }, newTicketId));
		expect(ids.size).toBe(1_000);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});
});
