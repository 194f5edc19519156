import { describe, expect, it } from 'vitest';
import { mintTicket, verifyTicket, type TicketClaims } from './sync-ticket';

const secret = new TextEncoder().encode('a test secret of thirty-two bytes!');
const doc = 'gradebook/thcs-nvb/2025-2026/hk1/6a1/toan';
const claims: TicketClaims = { sub: 'p1', name: 'Nguyễn Thị Mai', doc, access: 'write', exp: 1_000 };

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
});
