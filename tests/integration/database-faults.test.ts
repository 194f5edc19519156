/**
 * The process survives its database (issue 7, sync-server SPEC D1–D5). The real app
 * (scripts/start.ts, a child process, so a crash shows as the process exiting) runs the demo
 * school on a fresh PostgreSQL database; a teacher signed in through the VNeID simulator types
 * marks over a real socket with a real ticket while the test terminates the app's backends
 * (pg_terminate_backend, as a failover, a restart or an idle-timeout proxy does): at random
 * moments, inside a projection transaction, and during an outage in which the database refuses
 * every connection. Afterwards: the process is alive, every acknowledged edit is in the database,
 * the projections (grade_entries, grade_audit) agree with the document, and /healthz said so.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database';
import * as t from '../../drizzle/schema';
import { startDemoVneid, type DemoVneid } from '../../scripts/demo-vneid';
import { SHUTDOWN_TIMEOUT_MS } from '../../sync-server/process-guards';
import { marksByCell } from '../../src/lib/server/grades/cell-changes';
import { cellKey, readGradebook, writeCell, type CellValue } from '../../src/lib/ydoc/gradebook';
import { demoSignIns, generateDemoSchool } from '../../scripts/demo/demo-school';
import { createTestDatabase, DEFAULT_TEST_DATABASE_ADMIN_URL, type TestDatabase } from '../helpers/test-database';
import { startAppProcess, type AppProcess } from './helpers/app-process';
import { HttpBrowser } from './helpers/http-browser';
import { connectClient, covers, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { freePort } from './helpers/sync-server-process';
import { isDocumentOfKind } from '../../src/lib/ydoc/document-name';

/** application_name of the test's own connections to the app's database, which are never terminated. */
const TEST_CONNECTION = 'database-faults-test';
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase;
let databaseName: string;
let admin: pg.Client;
let check: DatabaseHandle;
let vneid: DemoVneid;
let app: AppProcess;
let dataDir: string;
let client: SyncClient;
let document: string;
let teacher: { id: string; name: string };
/** The cells this test types into, by cell key (cellKey). */
let targets: Array<{ studentId: string; columnKey: string }>;
let auditBefore = 0;
const healthSeen: Array<{ status: number; body: Record<string, unknown> }> = [];

beforeAll(async () => {
	database = await createTestDatabase();
	databaseName = new URL(database.url).pathname.slice(1);
	admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_TEST_DATABASE_ADMIN_URL });
	// The admin connection is ours and never terminated; an error on it would be a test bug.
	admin.on('error', (error) => console.error('admin connection:', error));
	await admin.connect();
	dataDir = await mkdtemp(join(tmpdir(), 'sodiem-dbfaults-'));
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	vneid = await startDemoVneid({ appOrigin: origin, port: await freePort() });
	app = await startAppProcess({ port, env: { DATABASE_URL: database.url, DATA_DIR: dataDir, DEMO: '1', ...vneid.env } });
	check = await openDatabase({ kind: 'postgres', url: withApplicationName(database.url), poolSize: 2 });

	// A mathematics teacher (marks are numbers) who is not also a parent (no role chooser), signed in for real.
	const signIn = demoSignIns(generateDemoSchool()).find((person) => person.title === 'Giáo viên Toán' && !person.roles.includes('guardian'))!;
	const browser = new HttpBrowser();
	const { url } = await browser.navigate(`${origin}/login/vneid?login_hint=${signIn.citizenId}`);
	expect(url.pathname).toBe('/');
	const me = (await (await browser.request(`${origin}/api/me`)).json()) as { person: { id: string; name: string }; documents: Array<{ name: string; access: string }> };
	teacher = me.person;
	document = me.documents.find((d) => d.access === 'write' && isDocumentOfKind(d.name, 'gradebook') && d.name.includes('/hk1/') && d.name.endsWith('/toan'))!.name;
	const ticketResponse = await browser.request(`${origin}/api/sync-ticket`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ document })
	});
	expect(ticketResponse.status).toBe(200);
	const { ticket } = (await ticketResponse.json()) as { ticket: string };
	client = connectClient(`${origin.replace('http', 'ws')}/sync`, document, ticket);
	await whenSynced(client);
	const read = readGradebook(client.doc);
	if (!read.ok) throw new Error(`the demo gradebook does not read: ${read.reason}`);
	const columns = read.meta.columns.slice(0, 3);
	targets = read.roster.slice(0, 6).flatMap((student) => columns.map((column) => ({ studentId: student.id, columnKey: column.key })));
	expect(targets.length).toBeGreaterThan(6);
	auditBefore = (await check.db.select({ id: t.gradeAudit.id }).from(t.gradeAudit)).reduce((highest, row) => Math.max(highest, row.id), 0);
}, 180_000);

afterAll(async () => {
	client?.destroy();
	await app?.stop();
	await vneid?.simulator.close();
	await check?.close();
	await admin?.end();
	await database?.drop();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let typed = 0;
/** One keystroke's worth: the next target cell gets a mark (in tenths) other than the one it got last. */
function typeMark(): void {
	const target = targets[typed % targets.length]!;
	const round = Math.floor(typed / targets.length);
	const value: CellValue = 10 + ((round * 13) % 91);
	typed += 1;
	writeCell(client.doc, target.studentId, target.columnKey, value, { actor: { id: teacher.id, name: teacher.name }, at: Date.now(), offline: false });
}

/** Types a mark every `everyMs` until stopped. */
function keepTyping(everyMs: number): { stop(): Promise<void> } {
	let typing = true;
	const done = (async () => {
		while (typing) {
			typeMark();
			await tick(everyMs);
		}
	})();
	return {
		stop: async () => {
			typing = false;
			await done;
		}
	};
}

/** Terminates every backend the app holds on its database; returns how many. */
async function terminateAppBackends(): Promise<number> {
	const { rows } = await admin.query<{ terminated: boolean }>(
		`select pg_terminate_backend(pid) as terminated from pg_stat_activity
		 where datname = $1 and pid <> pg_backend_pid() and application_name <> '${TEST_CONNECTION}'`,
		[databaseName]
	);
	return rows.filter((row) => row.terminated).length;
}

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${app.url}/healthz`);
	const seen = { status: response.status, body: (await response.json()) as Record<string, unknown> };
	healthSeen.push(seen);
	return seen;
}

function expectAlive(): void {
	expect(app.running(), `the app process died:\n${app.output.slice(-30).join('\n')}`).toBe(true);
}

describe('the app survives its PostgreSQL backends being terminated', () => {
	// sync-server SPEC D1
	it('while a teacher types, at random moments', async () => {
		const typing = keepTyping(40);
		let terminated = 0;
		for (let round = 0; round < 12; round++) {
			await tick(150 + Math.random() * 250);
			terminated += await terminateAppBackends();
		}
		await typing.stop();
		expect(terminated).toBeGreaterThan(0);
		await tick(500);
		expectAlive();
	}, 60_000);

	// sync-server SPEC D1, D3
	it('inside a projection transaction', async () => {
		// Our own connection to the app's database, spared by terminateAppBackends: its lock makes
		// the projection's INSERT into grade_audit wait, inside the projection's transaction.
		const locker = new pg.Client({ connectionString: database.url, application_name: TEST_CONNECTION });
		locker.on('error', (error) => console.error('lock connection:', error));
		await locker.connect();
		try {
			for (let round = 0; round < 3; round++) {
				await locker.query('begin');
				await locker.query('lock table grade_audit in share row exclusive mode');
				typeMark();
				let inTransaction: number[] = [];
				const deadline = Date.now() + 15_000;
				while (inTransaction.length === 0 && Date.now() < deadline) {
					const { rows } = await admin.query<{ pid: number }>(
						`select pid from pg_stat_activity
						 where datname = $1 and xact_start is not null and wait_event_type = 'Lock' and query ilike '%grade_audit%'`,
						[databaseName]
					);
					inTransaction = rows.map((row) => row.pid);
					if (inTransaction.length === 0) await tick(20);
				}
				expect(inTransaction.length, 'a projection transaction was caught waiting').toBeGreaterThan(0);
				await terminateAppBackends();
				await locker.query('commit');
				await tick(300);
				expectAlive();
			}
		} finally {
			await locker.end();
		}
	}, 90_000);

	// sync-server SPEC D2, D4
	it('while the database refuses every connection: /healthz says 503 and what waits, then 200', async () => {
		await refuseConnections(async () => {
			await terminateAppBackends();
			const typing = keepTyping(50);
			await tick(1_500);
			await typing.stop();
			const during = await health();
			expect(during.status).toBe(503);
			expect(during.body).toMatchObject({ ok: false, db: 'postgres', database: 'unreachable' });
			expect(during.body.pendingUpdates).toBeGreaterThan(0);
			expect(during.body.projectionBacklog).toBeGreaterThan(0);
			// Nothing typed during the outage was acknowledged.
			expect(client.persisted.some((stateVector) => covers(stateVector, client.doc))).toBe(false);
			expectAlive();
		});
		const deadline = Date.now() + 30_000;
		let after = await health();
		while (!(after.status === 200 && after.body.pendingUpdates === 0 && after.body.projectionBacklog === 0) && Date.now() < deadline) {
			await tick(200);
			after = await health();
		}
		expect(after).toEqual({ status: 200, body: { ok: true, db: 'postgres', database: 'ok', pendingUpdates: 0, projectionBacklog: 0 } });
		expectAlive();
	}, 60_000);

	// sync-server SPEC D2
	it('every acknowledged edit is in the database: the document reloaded from its rows has it all', async () => {
		await waitUntil(() => client.persisted.some((stateVector) => covers(stateVector, client.doc)), 'every edit acknowledged', 30_000);
		const rows = await check.db.select({ data: t.yjsUpdates.data }).from(t.yjsUpdates).where(eq(t.yjsUpdates.document, document));
		const reloaded = new Y.Doc();
		for (const row of rows) Y.applyUpdate(reloaded, row.data);
		const acknowledged = client.persisted.at(-1)!;
		expect(covers(Y.encodeStateVector(reloaded), client.doc)).toBe(true);
		expect(covers(acknowledged, client.doc)).toBe(true);
		const ours = readGradebook(client.doc);
		const stored = readGradebook(reloaded);
		if (!ours.ok || !stored.ok) throw new Error('a copy does not read');
		expect(marksByCell(stored.cells)).toEqual(marksByCell(ours.cells));
		expectAlive();
	}, 60_000);

	// sync-server SPEC D3
	it('the projections caught up: grade_entries holds every mark, and each cell has one unbroken audit chain', async () => {
		const read = readGradebook(client.doc);
		if (!read.ok) throw new Error('the document does not read');
		const marks = marksByCell(read.cells);
		const entries = async () =>
			new Map(
				(await check.db.select().from(t.gradeEntries).where(eq(t.gradeEntries.document, document))).map((row) => [cellKey(row.studentId, row.columnKey), row.value])
			);
		const deadline = Date.now() + 30_000;
		let projected = await entries();
		while (!sameMarks(projected, marks) && Date.now() < deadline) {
			await tick(200);
			projected = await entries();
		}
		expect(Object.fromEntries(projected)).toEqual(Object.fromEntries(marks));

		const audit = await check.db.select().from(t.gradeAudit).where(eq(t.gradeAudit.document, document)).orderBy(asc(t.gradeAudit.id));
		const ours = audit.filter((row) => row.id > auditBefore);
		expect(ours.length).toBeGreaterThanOrEqual(targets.length);
		for (const target of targets) {
			const chain = ours.filter((row) => row.studentId === target.studentId && row.columnKey === target.columnKey);
			expect(chain.length).toBeGreaterThan(0);
			// No row written twice, none lost, none out of order: each change starts where the last one ended.
			for (let i = 1; i < chain.length; i++) expect(chain[i]!.oldValue).toBe(chain[i - 1]!.newValue);
			expect(chain.at(-1)!.newValue).toBe(marks.get(cellKey(target.studentId, target.columnKey)));
			expect(chain.every((row) => row.personId === teacher.id)).toBe(true);
		}
	}, 60_000);

	// sync-server SPEC D1
	it('the process never died and never logged an unhandled error', () => {
		expectAlive();
		expect(app.output.filter((line) => /Unhandled 'error' event|uncaught/i.test(line))).toEqual([]);
		expect(healthSeen.some((seen) => seen.status === 503)).toBe(true);
		expect(healthSeen.at(-1)!.status).toBe(200);
	});

	// sync-server SPEC D5
	it('SIGTERM while the database is away: the process exits within the shutdown timeout and says what was pending', async () => {
		await refuseConnections(async () => {
			await terminateAppBackends();
			typeMark();
			await waitUntil(() => app.output.some((line) => line.includes('"persist failed"') && line.includes(document)), 'the write fails', 10_000);
			const started = Date.now();
			const code = await app.stop();
			expect(code).toBe(1);
			expect(Date.now() - started).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
			const timedOut = app.output.map(parseLogLine).find((entry) => entry?.message === 'shutdown timed out: writes still pending');
			expect(timedOut?.pendingUpdates).toBeGreaterThan(0);
		});
	}, 60_000);
});

/** Runs `work` while PostgreSQL refuses every new connection to the app's database. */
async function refuseConnections(work: () => Promise<void>): Promise<void> {
	await admin.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS false`);
	try {
		await work();
	} finally {
		await admin.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`);
	}
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(line) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

function withApplicationName(url: string): string {
	const named = new URL(url);
	named.searchParams.set('application_name', TEST_CONNECTION);
	return named.toString();
}

function sameMarks(a: Map<string, string | null>, b: Map<string, string | null>): boolean {
	if (a.size !== b.size) return false;
	for (const [key, value] of b) if (a.get(key) !== value) return false;
	return true;
}
