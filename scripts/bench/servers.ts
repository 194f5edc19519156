/**
 * The two servers the load runs against, each started as an operator would and registered for
 * teardown (stopped, and its storage removed, when the run ends): ours (sync-server/main.ts: ticket authentication and persistence on) and the
 * reference y-websocket 1.5.4 server (bin/server.js, in memory, no authentication).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintTicket, newTicketId, TICKET_LIFETIME_SECONDS } from '../../src/lib/ydoc/sync-ticket';
import { PROTOCOL_PARAM, SYNC_PATH_PREFIX, SYNC_PROTOCOL_VERSION } from '../../src/lib/ydoc/wire';
import type { BenchDatabase } from './options';
import { createBenchDatabase } from './postgres-database';
import type { LoadTarget } from './bench-client';
import { freePort, startServerProcess, type ServerProcess } from './server-process';
import type { Teardown } from './teardown';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
import { openDatabase, type DatabaseLocation } from '../../drizzle/database';
import { yjsUpdates } from '../../drizzle/schema/sync';
import { BENCH_DOCS_ENV, seed, type ProvisionedDocument } from './provision';

const REFERENCE_SERVER = 'node_modules/y-websocket-reference/bin/server.js';

export interface ServerUnderTest {
	label: string;
	/** One line on what runs, printed before the figures. */
	description: string;
	process: ServerProcess;
	target: LoadTarget;
	/** CPU spent for this server by other processes (PostgreSQL's backends), sampled over a window. */
	sampleHelperCpu?: () => { stop(): Promise<number> };
}

interface Storage {
	env: Record<string, string>;
	script: string;
	description: string;
	sampleHelperCpu?: () => { stop(): Promise<number> };
}

export interface OurServerShape {
	/** Two instances joined by this Redis, or one. */
	redis: string | null;
	/** SYNC_COMMIT_WINDOW_MS, or null for the server's default. */
	commitWindowMs: number | null;
}

export async function startOurServer(db: BenchDatabase, teardown: Teardown, profileDir: string | null, docs: readonly ProvisionedDocument[], { redis, commitWindowMs }: OurServerShape): Promise<ServerUnderTest> {
	const secret = randomBytes(32);
	const storage = await prepareStorage(db, teardown, docs);
	const instances = redis ? 2 : 1;
	const ports: number[] = [];
	const processes: ServerProcess[] = [];
	for (let instance = 0; instance < instances; instance++) {
		const port = await freePort();
		// Written when the server exits on SIGTERM (it calls process.exit after its graceful stop).
		const profile = profileDir && instance === 0 ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
		const fanout: Record<string, string> = redis ? { REDIS_URL: redis } : {};
		const window: Record<string, string> = commitWindowMs === null ? {} : { SYNC_COMMIT_WINDOW_MS: String(commitWindowMs) };
		const server = await startServerProcess({
			args: [...profile, '--import', 'tsx', storage.script],
			cwd: REPO_ROOT,
			// The benchmark's writers are made up, not people of a school in the database: tickets alone decide.
			env: { ...storage.env, ...fanout, ...window, HOST: '127.0.0.1', PORT: String(port), SYNC_TICKET_SECRET: secret.toString('hex'), SYNC_ACCESS_CHECK: 'ticket' },
			// Only what this run sets: not a DATABASE_URL, Redis or origin list from the caller's shell.
			unsetEnv: ['DATABASE_URL', 'DATA_DIR', 'ALLOWED_ORIGINS', 'SYNC_MAX_MESSAGE_BYTES', 'SYNC_COMMIT_WINDOW_MS', 'REDIS_URL'].filter((name) => !(name in storage.env) && !(name in fanout) && !(name in window)),
			ready: /sync server listening on /,
			label: `our sync server${redis ? ` ${instance + 1}` : ''}`
		});
		teardown.add(() => server.stop(), () => server.killNow());
		ports.push(port);
		processes.push(server);
	}
	return {
		label: `ours (${db}${redis ? ', 2 instances + Redis' : ''})`,
		description:
			`ours: node --import tsx ${storage.script} on :${ports.join(' and :')} — ticket auth on, ${storage.description}` +
			(redis ? `; fan-out through ${redis}, each document's clients alternating between the instances` : '') +
			(commitWindowMs === null ? '' : `; group-commit window ${commitWindowMs} ms`) +
			(profileDir ? `; CPU profile into ${profileDir}` : ''),
		process: processes[0]!,
		target: {
			serverUrls: ports.map((port) => `ws://127.0.0.1:${port}${SYNC_PATH_PREFIX.replace(/\/$/, '')}`),
			// A write ticket per connection, minted as the app's POST /api/sync-ticket does.
			// The app's protocol version: acknowledgements for a connection's own writes only (SPEC P4).
			params: (document, actor) => ({
				[PROTOCOL_PARAM]: String(SYNC_PROTOCOL_VERSION),
				ticket: mintTicket(secret, {
					sub: actor.id,
					name: actor.name,
					doc: document,
					access: 'write',
					exp: Math.floor(Date.now() / 1000) + TICKET_LIFETIME_SECONDS,
					jti: newTicketId(),
					sid: `bench-${actor.id}`
				})
			}),
			reportsPersisted: true,
			provisioned: true
		},
		sampleHelperCpu: storage.sampleHelperCpu
	};
}

async function prepareStorage(db: BenchDatabase, teardown: Teardown, docs: readonly ProvisionedDocument[]): Promise<Storage> {
	switch (db) {
		case 'pglite': {
			const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-bench-pglite-'));
			teardown.add(() => rm(dataDir, { recursive: true, force: true }));
			await provisionDatabase({ kind: 'pglite', dataDir }, docs);
			return { env: { DATA_DIR: dataDir }, script: 'sync-server/main.ts', description: `persistence on: PGlite in ${dataDir}` };
		}
		case 'postgres': {
			const database = await createBenchDatabase();
			teardown.add(() => database.drop());
			await provisionDatabase({ kind: 'postgres', url: database.url }, docs);
			return {
				env: { DATABASE_URL: database.url },
				script: 'sync-server/main.ts',
				description: `persistence on: PostgreSQL, fresh database ${database.name} (dropped afterwards)`,
				sampleHelperCpu: () => database.sampleBackends()
			};
		}
		case 'memory':
			return {
				env: { [BENCH_DOCS_ENV]: JSON.stringify(docs) },
				script: 'scripts/bench/memory-sync-server.ts',
				description: 'persistence OFF: same sync server on MemoryDocStorage (--db memory)'
			};
	}
}

/**
 * With `profileDir`, the reference is profiled too, into `profileDir/reference`: its script has
 * no SIGTERM handler, and --cpu-prof writes only when the process exits on its own, so it runs
 * under one that exits.
 */
export async function startReferenceServer(teardown: Teardown, profileDir: string | null): Promise<ServerUnderTest> {
	const port = await freePort();
	const exitOnTerm = "process.on('SIGTERM', () => process.exit(0)); require(require('node:path').resolve(process.argv[1]));";
	const server = await startServerProcess({
		args: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, 'reference')}`, '-e', exitOnTerm, REFERENCE_SERVER] : [REFERENCE_SERVER],
		cwd: REPO_ROOT,
		env: { HOST: '127.0.0.1', PORT: String(port) },
		// Without YPERSISTENCE it keeps documents in memory only; no CALLBACK_URL, no HTTP callbacks.
		unsetEnv: ['YPERSISTENCE', 'CALLBACK_URL', 'CALLBACK_OBJECTS', 'GC'],
		ready: /running at /,
		label: 'reference y-websocket server'
	});
	teardown.add(() => server.stop(), () => server.killNow());
	return {
		label: 'reference',
		description:
			`reference: node ${REFERENCE_SERVER} (y-websocket 1.5.4) on :${port} — IN MEMORY (no YPERSISTENCE), no auth` +
			(profileDir ? `; CPU profile into ${join(profileDir, 'reference')}` : ''),
		process: server,
		target: { serverUrls: [`ws://127.0.0.1:${port}`], params: () => ({}), reportsPersisted: false }
	};
}

/** Our server refuses client writes to a gradebook's header and roster (sync-server SPEC V3): they are stored before it starts. */
async function provisionDatabase(location: DatabaseLocation, docs: readonly ProvisionedDocument[]): Promise<void> {
	const handle = await openDatabase(location);
	try {
		const rows = docs.map(({ index, marks }) => seed(index, marks)).map(({ document, update }) => ({ document, data: update }));
		if (rows.length > 0) await handle.db.insert(yjsUpdates).values(rows);
	} finally {
		await handle.close();
	}
}
