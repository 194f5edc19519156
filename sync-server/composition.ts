/**
 * The sync server's world, built the same way for both hosts (sync-server SPEC C1): the app's
 * composition root (scripts/compose.ts, `npm start`) and the standalone sync server
 * (sync-server/main.ts, `npm run sync-server`). Storage, the projection and audit hooks, the
 * correction capture, the access lookup, the fan-out and its control events — whichever host
 * receives a teacher's connection writes the same rows.
 *
 * Like main.ts this is a composition root, so it may import the app's server modules; the sync
 * server's own modules never do.
 */
import type { DatabaseHandle } from '../drizzle/database';
import { correctionCapture } from '../src/lib/server/grades/corrections';
import { gradeProjection } from '../src/lib/server/grades/grade-projection';
import { homeroomProjection } from '../src/lib/server/homeroom/homeroom-projection';
import { databaseAuthorizer } from '../src/lib/server/sync-access';
import { originPolicy } from './config';
import { createRedisFanout } from './fanout/redis-fanout';
import { checkHealth, type Health } from './health';
import type { Log } from './log';
import { DrizzleDocStorage } from './persistence/drizzle-doc-storage';
import { createSyncServer, trustTickets, type SyncServer } from './sync-server';

export interface SyncCompositionOptions {
	database: Pick<DatabaseHandle, 'db' | 'kind'>;
	ticketSecret: Uint8Array;
	allowedOrigins: readonly string[];
	/** undefined → the sync server's default (1 MiB). */
	maxMessageBytes?: number;
	/** Redis of the fan-out; unset when one process serves every connection. */
	redisUrl?: string;
	/**
	 * `ticket`: the sync engine alone, for its own tests and benchmarks on a database without a
	 * school — tickets decide and no school hooks run (they would only record made-up people as
	 * integrity problems). Refused in production by the configuration.
	 */
	accessCheck?: 'database' | 'ticket';
	log: Log;
}

export interface SyncComposition {
	sync: SyncServer;
	storage: DrizzleDocStorage;
	/** What /healthz answers (SPEC D4). */
	health(): Promise<Health>;
	/** Stops the sync server, waits for running projections, closes the fan-out (not the database: its owner does). */
	close(): Promise<void>;
}

export function composeSync(options: SyncCompositionOptions): SyncComposition {
	const { db, kind } = options.database;
	const storage = new DrizzleDocStorage(db);
	// Exactly once (SPEC F5, F7): an instance runs these hooks only for what its own connections (or
	// its own server-side changes) wrote; what arrives through the fan-out was projected where it was sent.
	const projection = gradeProjection(db);
	const homeroom = homeroomProjection(db);
	const corrections = correctionCapture(db);
	const fanout = options.redisUrl ? createRedisFanout(options.redisUrl, options.log) : undefined;
	const engineOnly = options.accessCheck === 'ticket';
	const sync = createSyncServer({
		storage,
		fanout,
		ticketSecret: options.ticketSecret,
		// Every upgrade and every re-decision asks the database, not only the ticket (SPEC R1, C3).
		authorize: engineOnly ? trustTickets : databaseAuthorizer(db),
		isOriginAllowed: originPolicy(options.allowedOrigins),
		maxMessageBytes: options.maxMessageBytes,
		hooks: engineOnly ? [] : [projection.hook, homeroom.hook],
		refusedWriteHooks: engineOnly ? [] : [corrections.hook],
		log: options.log
	});
	return {
		sync,
		storage,
		health: () =>
			checkHealth({
				db,
				kind,
				pendingUpdates: () => sync.stats().pendingUpdates,
				projectionBacklog: () => projection.backlog() + homeroom.backlog() + corrections.backlog()
			}),
		async close() {
			await sync.close();
			await Promise.all([projection.idle(), corrections.idle(), homeroom.idle()]);
			await fanout?.close();
		}
	};
}
