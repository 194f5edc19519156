/**
 * The composition root: builds every service once, from the environment, and hands them to
 * SvelteKit (provideServices) and to the HTTP server (the sync server's upgrade handler).
 * The only place that knows both the app and the sync server.
 */
import { openDatabase } from '../drizzle/database';
import { createVneidClient } from '../src/lib/server/auth/vneid-client';
import { readConfig, type AppConfig } from '../src/lib/server/config';
import { correctionCapture } from '../src/lib/server/grades/corrections';
import { gradeProjection } from '../src/lib/server/grades/grade-projection';
import { applyLockCaps } from '../src/lib/server/grades/term-locks';
import { homeroomProjection } from '../src/lib/server/homeroom/homeroom-projection';
import { loadKeys } from '../src/lib/server/keys';
import { provideServices, type AppServices } from '../src/lib/server/services';
import { databaseAuthorizer } from '../src/lib/server/sync-access';
import { originPolicy } from '../sync-server/config';
import { createRedisFanout } from '../sync-server/fanout/redis-fanout';
import { checkHealth } from '../sync-server/health';
import { jsonLineLog } from '../sync-server/log';
import { DrizzleDocStorage } from '../sync-server/persistence/drizzle-doc-storage';
import { createSyncServer, type SyncServer } from '../sync-server/sync-server';
import { seedDemoIfEmpty } from './demo-seed';

export interface ComposedApp {
	config: AppConfig;
	services: AppServices;
	syncServer: SyncServer;
	close(): Promise<void>;
}

export async function composeApp(env: Record<string, string | undefined>): Promise<ComposedApp> {
	const config = readConfig(env);
	const keys = loadKeys(env, { dataDir: config.dataDir, mayCreate: !config.production || config.demo });
	const database = await openDatabase(config.database);
	const storage = new DrizzleDocStorage(database.db);
	const projection = gradeProjection(database.db);
	const corrections = correctionCapture(database.db);
	const homeroom = homeroomProjection(database.db);
	const fanout = config.redisUrl ? createRedisFanout(config.redisUrl, jsonLineLog()) : undefined;
	const syncServer = createSyncServer({
		fanout,
		storage,
		ticketSecret: keys.syncTicketSecret,
		// Every upgrade and every revocation asks the database, not only the ticket (sync-server SPEC R1).
		authorize: databaseAuthorizer(database.db),
		isOriginAllowed: originPolicy(config.allowedOrigins),
		hooks: [projection.hook, homeroom.hook],
		refusedWriteHooks: [corrections.hook]
	});
	const services: AppServices = {
		config,
		db: database.db,
		dbKind: database.kind,
		keys,
		sync: syncServer,
		vneid: config.vneid ? createVneidClient(config.vneid) : null,
		now: () => new Date(),
		health: () =>
			checkHealth({
				db: database.db,
				kind: database.kind,
				pendingUpdates: () => syncServer.stats().pendingUpdates,
				projectionBacklog: () => projection.backlog() + homeroom.backlog() + corrections.backlog()
			})
	};
	if (config.demo) await seedDemoIfEmpty(services, storage);
	await applyLockCaps(database.db, syncServer);
	provideServices(services);
	return {
		config,
		services,
		syncServer,
		async close() {
			await syncServer.close();
			await Promise.all([projection.idle(), corrections.idle(), homeroom.idle()]);
			await fanout?.close();
			await database.close();
		}
	};
}
