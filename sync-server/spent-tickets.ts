/**
 * Ticket ids already used at an upgrade (sync-server SPEC R3). An id is remembered until its
 * ticket expires — after that the signature check refuses the ticket anyway — so memory holds at
 * most the tickets minted in the last minute. Per process: see the SPEC for several instances.
 */
export class SpentTickets {
	/** Ticket id → expiry (Unix seconds). */
	readonly #spent = new Map<string, number>();
	#nextSweep = 0;

	/** Marks the ticket spent; false when it already was. */
	spend(ticketId: string, expiresAt: number, nowSeconds: number): boolean {
		this.#sweep(nowSeconds);
		if (this.#spent.has(ticketId)) return false;
		this.#spent.set(ticketId, expiresAt);
		return true;
	}

	get size(): number {
		return this.#spent.size;
	}

	/** At most once a second: forgets ids whose tickets have expired. */
	#sweep(nowSeconds: number): void {
		if (nowSeconds < this.#nextSweep) return;
		this.#nextSweep = nowSeconds + 1;
		for (const [id, expiresAt] of this.#spent) if (expiresAt <= nowSeconds) this.#spent.delete(id);
	}
}
