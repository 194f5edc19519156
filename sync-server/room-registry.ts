/**
 * Loaded documents by name. A document is loaded ONCE even when many sockets arrive together:
 * the first caller starts the load and everyone shares its promise. Users take a lease (a
 * connection, a server-side change); a document is unloaded only when no lease AND no pending
 * write remain — checked again after flushing, because a socket may arrive meanwhile.
 */
import { describeError, type Log } from './log';
import { Room, type RoomOptions } from './room';

interface Entry {
	loading: Promise<Room>;
	room: Room | null;
	leases: number;
}

export class RoomRegistry {
	readonly #entries = new Map<string, Entry>();
	readonly #options: RoomOptions;
	readonly #log: Log;

	constructor(options: RoomOptions) {
		this.#options = options;
		this.#log = options.log;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Loaded rooms (rooms still loading are not included). */
	rooms(): Room[] {
		return [...this.#entries.values()].flatMap((entry) => (entry.room ? [entry.room] : []));
	}

	/** The room for `name`, loading it if needed. A rejected load holds no lease: do not release it. */
	acquire(name: string): Promise<Room> {
		let entry = this.#entries.get(name);
		if (!entry) entry = this.#startLoad(name);
		entry.leases += 1;
		return entry.loading;
	}

	release(room: Room): void {
		const entry = this.#entries.get(room.name);
		if (!entry || entry.room !== room) return;
		entry.leases -= 1;
		if (entry.leases === 0) void this.#unloadWhenIdle(entry, room);
	}

	/** Flushes and unloads every loaded room, leases or not: used at shutdown after connections closed. */
	async unloadAll(): Promise<void> {
		const entries = [...this.#entries.values()];
		await Promise.all(
			entries.map(async (entry) => {
				const room = entry.room ?? (await entry.loading.catch(() => null));
				if (!room) return;
				await room.persister.flush();
				if (this.#entries.get(room.name) === entry) this.#unload(room);
			})
		);
	}

	#startLoad(name: string): Entry {
		const started = performance.now();
		const entry: Entry = { loading: Room.load(name, this.#options), room: null, leases: 0 };
		this.#entries.set(name, entry);
		entry.loading.then(
			(room) => {
				entry.room = room;
				this.#log('info', 'document loaded', { document: name, ms: Math.round(performance.now() - started) });
				// Every waiter may have left while it loaded.
				if (entry.leases === 0) void this.#unloadWhenIdle(entry, room);
			},
			(error: unknown) => {
				// Forget the failed load so the next connection tries again.
				if (this.#entries.get(name) === entry) this.#entries.delete(name);
				this.#log('error', 'document load failed', { document: name, error: describeError(error) });
			}
		);
		return entry;
	}

	async #unloadWhenIdle(entry: Entry, room: Room): Promise<void> {
		// Retries inside the persister never give up, so this waits out a database outage.
		await room.persister.flush();
		const stillIdle = entry.leases === 0 && room.persister.pending === 0;
		if (stillIdle && this.#entries.get(room.name) === entry) this.#unload(room);
	}

	#unload(room: Room): void {
		this.#entries.delete(room.name);
		room.destroy();
		this.#log('info', 'document unloaded', { document: room.name });
	}
}
