/**
 * The app's composition root: builds every service once, from the environment, and hands them to
 * SvelteKit (provideServices) and to the HTTP server (the sync server's upgrade handler). The sync
 * server's world comes from the composition both hosts share (sync-server/composition.ts).
 */
import { openDatabase } from '../drizzle/database';
import { createVneidClient } from '../src/lib/server/auth/vneid-client';
import { readConfig, type AppConfig } from '../src/lib/server/config';
import { loadKeys } from '../src/lib/server/keys';
import { pruneViewLog } from '../src/lib/server/privacy/view-log';
import { provideServices, type AppServices } from '../src/lib/server/services';
import { composeSync } from '../sync-server/composition';
import { jsonLineLog } from '../sync-server/log';
import type { SyncServer } from '../sync-server/sync-server';
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
	const composed = composeSync({
		database,
		ticketSecret: keys.syncTicketSecret,
		allowedOrigins: config.allowedOrigins,
		maxMessageBytes: config.maxMessageBytes,
		commitWindowMs: config.commitWindowMs,
		redisUrl: config.redisUrl,
		log: jsonLineLog()
	});
	const syncServer = composed.sync;
	const services: AppServices = {
		config,
		db: database.db,
		dbKind: database.kind,
		keys,
		sync: {
			capAccess: syncServer.capAccess,
			reauthorizePerson: syncServer.reauthorizePerson,
			endSession: syncServer.endSession,
			refreshClassStudents: syncServer.refreshClassStudents,
			change: syncServer.change,
			refreshStudentViews: composed.studentViews.refresh,
			ensureStudentView: composed.studentViews.ensure
		},
		vneid: config.vneid ? createVneidClient(config.vneid) : null,
		now: () => new Date(),
		health: composed.health
	};
	if (config.demo) await seedDemoIfEmpty(services);
	provideServices(services);
	// Privacy SPEC PR16: view-log entries past retention are removed at start and once a day.
	const log = jsonLineLog();
	const prune = () =>
		pruneViewLog(database.db, services.now())
			.then((removed) => (removed > 0 ? log('info', 'view log pruned', { removed }) : undefined))
			.catch((error: unknown) => log('error', 'view log pruning failed', { error: error instanceof Error ? error.message : String(error) }));
	void prune();
	const pruning = setInterval(() => void prune(), 24 * 60 * 60 * 1000);
	pruning.unref();
	return {
		config,
		services,
		syncServer,
		async close() {
			clearInterval(pruning);
			await composed.close();
			await database.close();
		}
	};
}
