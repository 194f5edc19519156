/**
 * The /healthz answer of both composition roots (the app's scripts/start.ts and the standalone
 * sync-server/main.ts), sync-server SPEC D4: whether the database answers now, and the work that
 * waits for it — updates not yet persisted, projections not yet written. 503 while the database
 * does not answer, so a load balancer or an operator sees it; the process itself keeps serving.
 */
import { databaseState, type Database, type DatabaseKind, type DatabaseState } from '../drizzle/database';

export interface HealthSources {
	db: Database;
	kind: DatabaseKind;
	pendingUpdates: () => number;
	/** Projection tasks queued or retrying; 0 where no projection runs (the standalone sync server). */
	projectionBacklog: () => number;
	timeoutMs?: number;
}

export interface Health {
	status: 200 | 503;
	body: { ok: boolean; db: DatabaseKind; database: DatabaseState; pendingUpdates: number; projectionBacklog: number };
}

export async function checkHealth(sources: HealthSources): Promise<Health> {
	const database = await databaseState(sources.db, sources.timeoutMs);
	const ok = database === 'ok';
	return {
		status: ok ? 200 : 503,
		body: { ok, db: sources.kind, database, pendingUpdates: sources.pendingUpdates(), projectionBacklog: sources.projectionBacklog() }
	};
}
