// sync-server SPEC R3: a ticket opens one connection; its id is forgotten only once it has expired.
import { describe, expect, it } from 'vitest';
import { SpentTickets } from './spent-tickets';

describe('SpentTickets', () => {
	it('accepts a ticket id once, refuses it again until it expires (sync-server SPEC R3)', () => {
		const spent = new SpentTickets();
		expect(spent.spend('a', 160, 100)).toBe(true);
		expect(spent.spend('a', 160, 100)).toBe(false);
		expect(spent.spend('a', 160, 159)).toBe(false);
		expect(spent.spend('b', 160, 159)).toBe(true);
	});

	it('forgets expired ids, so memory holds only the last minute of tickets (sync-server SPEC R3)', () => {
		const spent = new SpentTickets();
		for (let i = 0; i < 100; i++) spent.spend(`old-${i}`, 160, 100);
		spent.spend('recent', 230, 170);
		expect(spent.size).toBe(1);
		expect(spent.spend('recent', 230, 171)).toBe(false);
	});
});
