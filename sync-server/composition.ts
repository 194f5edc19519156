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
import { commentProjection } from '../src/lib/server/grades/comment-projection';
import { correctionCapture } from '../src/lib/server/grades/corrections';
import { closedStudentsLookup } from '../src/lib/server/grades/closed-students';
import { gradeProjection } from '../src/lib/server/grades/grade-projection';
import { homeroomProjection } from '../src/lib/server/homeroom/homeroom-projection';
import { studentViewProjection, type ServerWrite, type StudentViews } from '../src/lib/server/parents/student-view-projection';
import { parseDocumentName } from '../src/lib/ydoc/document-name';
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
	/** The group-commit window (SPEC S11); undefined → the sync server's default. */
	commitWindowMs?: number;
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
	/**
	 * The parents' student views (parents SPEC PV3): re-projected here after this instance's grade
	 * and homeroom projections, and on demand by the app (first demand, term locks, corrections).
	 */
	studentViews: StudentViews;
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
	const engineOnly = options.accessCheck === 'ticket';
	// The server-write port (parents SPEC PV3): a server-origin update applied to the document's
	// room — sent to its clients, fanned out to the other instances, persisted like any update —
	// with the room loaded from storage for the write when no one has the document open.
	const serverWrite: ServerWrite = (document, change) => sync.change(document, change);
	const studentViews = studentViewProjection(db, serverWrite, { log: (message, fields) => options.log('error', message, fields) });
	// Only the instance that projected an edit re-projects the views it touches (SPEC F5).
	const viewsOf = (document: string, students: readonly string[]) => {
		const parsed = parseDocumentName(document);
		if (!parsed.ok || engineOnly) return;
		studentViews
			.refresh({ year: parsed.ref.year, students })
			.catch((error: unknown) => options.log('error', 'student view projection failed', { document, error: error instanceof Error ? error.message : String(error) }));
	};
	const projection = gradeProjection(db, { onProjected: viewsOf });
	const comments = commentProjection(db, { onProjected: viewsOf });
	const homeroom = homeroomProjection(db, { onProjected: viewsOf });
	const corrections = correctionCapture(db, { onRequested: viewsOf });
	const fanout = options.redisUrl ? createRedisFanout(options.redisUrl, options.log) : undefined;
	const sync = createSyncServer({
		storage,
		fanout,
		ticketSecret: options.ticketSecret,
		// Every upgrade and every re-decision asks the database, not only the ticket (SPEC R1, C3).
		authorize: engineOnly ? trustTickets : databaseAuthorizer(db),
		isOriginAllowed: originPolicy(options.allowedOrigins),
		maxMessageBytes: options.maxMessageBytes,
		flushDelayMs: options.commitWindowMs,
		hooks: engineOnly ? [] : [projection.hook, comments.hook, homeroom.hook],
		refusedWriteHooks: engineOnly ? [] : [corrections.hook],
		// Marks of students who left are read-only (SPEC V19), as the enrolments say.
		closedStudents: engineOnly ? undefined : closedStudentsLookup(db),
		log: options.log
	});
	return {
		sync,
		studentViews,
		health: () =>
			checkHealth({
				db,
				kind,
				pendingUpdates: () => sync.stats().pendingUpdates,
				projectionBacklog: () => projection.backlog() + comments.backlog() + homeroom.backlog() + corrections.backlog() + studentViews.backlog()
			}),
		async close() {
			// Views owed for projections already made are written while the sync server still takes writes.
			await Promise.all([projection.idle(), comments.idle(), corrections.idle(), homeroom.idle()]);
			await studentViews.idle();
			await sync.close();
			await Promise.all([projection.idle(), comments.idle(), corrections.idle(), homeroom.idle(), studentViews.idle()]);
			await fanout?.close();
		}
	};
}
