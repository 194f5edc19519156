/**
 * The real app server (child process) on a fresh PostgreSQL database seeded with the access-test
 * school, signing in through a real VNeID simulator (oidc-provider, in this process). The test
 * keeps its own connection to the same database to check what the app wrote.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../../drizzle/database';
import { sessions } from '../../../drizzle/schema';
import { CURRENT_NOTICE_VERSION } from '../../../src/lib/domain/privacy/notice';
import type { Keys } from '../../../src/lib/server/keys';
import { accessCitizens, seedAccessSchool } from '../../fixtures/access-school';
import { createTestDatabase } from '../../helpers/test-database';
import { startVneidSimulator, type Citizen, type VneidSimulator } from '../../tools/vneid-simulator/simulator';
import { startAppProcess, type AppProcess } from './app-process';
import { HttpBrowser } from './http-browser';
import { freePort } from './sync-server-process';

export const CLIENT_ID = 'so-diem-test';

export interface VneidApp {
	app: AppProcess;
	sim: VneidSimulator;
	db: DatabaseHandle['db'];
	/** The app's PostgreSQL database, for a standalone sync server beside it. */
	databaseUrl: string;
	keys: Keys;
	origin: string;
	sessionCount(): Promise<number>;
	/** Signs in by following the redirects from /login/vneid?login_hint=…; returns the browser and the last response. */
	signIn(personalId: string, browser?: HttpBrowser): Promise<{ browser: HttpBrowser; response: Response; url: URL }>;
	/** A guardian session accepts the current purpose notice (privacy SPEC PR1); resolves with the response status (303). */
	acceptNotice(browser: HttpBrowser): Promise<number>;
	stop(): Promise<void>;
}

/** `extraCitizens`: more people the simulator knows (e.g. with a hostile name claim); the school registers none of them. */
export async function startVneidApp(env: Record<string, string> = {}, extraCitizens: Citizen[] = []): Promise<VneidApp> {
	const keys: Keys = { idHashKey: randomBytes(32), idEncryptionKey: randomBytes(32), syncTicketSecret: randomBytes(32) };
	const database = await createTestDatabase();
	const cleanups: Array<() => Promise<unknown>> = [() => database.drop()];
	try {
		const handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 });
		cleanups.unshift(() => handle.close());
		await seedAccessSchool(handle.db, keys);
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		const clientSecret = randomBytes(24).toString('base64url');
		const sim = await startVneidSimulator({
			citizens: [...accessCitizens(), ...extraCitizens],
			clients: [{ clientId: CLIENT_ID, clientSecret, redirectUris: [`${origin}/login/vneid/callback`], postLogoutRedirectUris: [`${origin}/dang-nhap`] }]
		});
		cleanups.unshift(() => sim.close());
		const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-vneid-'));
		cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
		const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');
		const app = await startAppProcess({
			port,
			env: {
				DATABASE_URL: database.url,
				DATA_DIR: dataDir,
				ID_HASH_KEY: hex(keys.idHashKey),
				ID_ENCRYPTION_KEY: hex(keys.idEncryptionKey),
				SYNC_TICKET_SECRET: hex(keys.syncTicketSecret),
				VNEID_ISSUER: sim.issuer,
				VNEID_CLIENT_ID: CLIENT_ID,
				VNEID_CLIENT_SECRET: clientSecret,
				...env
			}
		});
		cleanups.unshift(() => app.stop());
		return {
			app,
			sim,
			db: handle.db,
			databaseUrl: database.url,
			keys,
			origin,
			async sessionCount() {
				const [row] = await handle.db.select({ n: count() }).from(sessions);
				return row?.n ?? 0;
			},
			async signIn(personalId, browser = new HttpBrowser()) {
				const { response, url } = await browser.navigate(`${origin}/login/vneid?login_hint=${personalId}`);
				return { browser, response, url };
			},
			async acceptNotice(browser) {
				const response = await browser.request(`${origin}/dong-y?/dong-y`, {
					method: 'POST',
					headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ version: CURRENT_NOTICE_VERSION })
				});
				await response.body?.cancel();
				return response.status;
			},
			async stop() {
				for (const cleanup of cleanups.splice(0)) await cleanup().catch((error: unknown) => console.error(error));
			}
		};
	} catch (error) {
		for (const cleanup of cleanups) await cleanup().catch(() => undefined);
		throw error;
	}
}
