/**
 * Scale-out as a district runs it (sync-server SPEC C1–C3, F1–F5, F7): the real app (`scripts/start.ts`,
 * demo school seeded) and two standalone sync servers (`sync-server/main.ts`), all separate
 * processes on one PostgreSQL database and one Redis — a private redis-server this suite starts
 * (and kills) itself, never the machine's shared one. Tickets are minted with the shared secret
 * under real sessions, so every upgrade is decided from the database as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database';
import * as t from '../../drizzle/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/session';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { readHeader } from '../../src/lib/ydoc/gradebook';
import { readHomeroom, writeHomeroom } from '../../src/lib/ydoc/homeroom';
import { mintTicket, newTicketId } from '../../src/lib/ydoc/sync-ticket';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startAppProcess, type AppProcess } from './helpers/app-process';
import { connectClient, covers, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { teacherName } from './helpers/test-gradebook';
import { freePort, startSyncServerProcess, type SyncServerProcess } from './helpers/sync-server-process';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const gradebook = (classCode: string, subject: string, term = 'hk1') => `gradebook/${SCHOOL}/${YEAR}/${term}/${classCode}/${subject}`;

/** A redis-server of our own on a free port, without persistence: killing it loses everything it held. */
async function startRedis(port: number): Promise<ChildProcess> {
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
	});
	return child;
}

function kill(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

describe('app + two standalone sync servers on one PostgreSQL and one Redis', () => {
	const secret = randomBytes(32).toString('hex');
	let database: TestDatabase;
	let db: DatabaseHandle;
	let redisPort: number;
	let redis: ChildProcess;
	let app: AppProcess;
	let first: SyncServerProcess;
	let second: SyncServerProcess;
	const sessions = new Map<string, { id: string; token: string }>();
	const clients: SyncClient[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		redisPort = await freePort();
		redis = await startRedis(redisPort);
		const shared = { DATABASE_URL: database.url, SYNC_TICKET_SECRET: secret, REDIS_URL: `redis://127.0.0.1:${redisPort}` };
		// The app migrates and seeds the demo school; the sync servers start once it is there.
		app = await startAppProcess({ port: await freePort(), env: { ...shared, DEMO: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'sodiem-scale-out-')) } });
		[first, second] = await Promise.all([startSyncServerProcess({ env: shared }), startSyncServerProcess({ env: shared })]);
		db = await openDatabase({ kind: 'postgres', url: database.url });
	}, 120_000);

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await Promise.all([first?.stop(), second?.stop(), app?.stop()]);
		if (redis) await kill(redis);
		await db?.close();
		await database?.drop();
	}, 30_000);

	async function sessionOf(personId: string): Promise<{ id: string; token: string }> {
		let session = sessions.get(personId);
		if (!session) {
			const token = generateSessionToken();
			session = { id: (await createSession(db.db, token, personId, new Date(), { activeRole: 'staff' })).id, token };
			sessions.set(personId, session);
		}
		return session;
	}

	/** A stock client on `server`, with a fresh ticket before every (re)connect as the browser does; `doc` is the device's copy. */
	async function connect(server: SyncServerProcess, document: string, personId: string, doc?: Y.Doc): Promise<SyncClient> {
		const { id: sid } = await sessionOf(personId);
		const ticket = () =>
			mintTicket(Buffer.from(secret, 'hex'), {
				sub: personId,
				name: teacherName(personId),
				doc: document,
				access: 'write',
				exp: Math.floor(Date.now() / 1000) + 600,
				jti: newTicketId(),
				sid
			});
		const client = connectClient(server.syncUrl, document, ticket, doc);
		clients.push(client);
		await whenSynced(client);
		return client;
	}

	async function teachersOf(classCode: string, subject: string): Promise<string[]> {
		const rows = await db.db
			.select({ id: t.teachingAssignments.personId })
			.from(t.teachingAssignments)
			.where(and(eq(t.teachingAssignments.classCode, classCode), eq(t.teachingAssignments.subjectCode, subject)));
		return rows.map((row) => row.id).sort();
	}

	async function principal(): Promise<string> {
		const [row] = await db.db.select({ id: t.staffRoles.personId }).from(t.staffRoles).where(and(eq(t.staffRoles.organisationId, SCHOOL), eq(t.staffRoles.role, 'principal')));
		return row!.id;
	}

	/** A form action of the app, posted as the principal's browser would. */
	async function postAsPrincipal(path: string, form: Record<string, string>): Promise<string> {
		const { token } = await sessionOf(await principal());
		const response = await fetch(`${app.url}${path}`, {
			method: 'POST',
			headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams(form).toString()
		});
		expect(response.status).toBe(200);
		return response.text();
	}

	const studentsOf = (client: SyncClient) => {
		const header = readHeader(client.doc);
		if (!header.ok) throw new Error('no gradebook header');
		return header.roster.map((student) => student.id);
	};

	async function auditRows(document: string, students: string[]) {
		return db.db
			.select({ studentId: t.gradeAudit.studentId, columnKey: t.gradeAudit.columnKey, newValue: t.gradeAudit.newValue, personId: t.gradeAudit.personId })
			.from(t.gradeAudit)
			.where(and(eq(t.gradeAudit.document, document), inArray(t.gradeAudit.studentId, students), eq(t.gradeAudit.columnKey, 'tx2')));
	}

	// SPEC F1, F5: co-teachers on different instances converge; each edit is audited once, under its sender.
	it('two teachers on different instances converge, and each edit is in grade_audit exactly once, under its author', async () => {
		const document = gradebook('9a1', 'khtn');
		const [teacherA, teacherB] = await teachersOf('9a1', 'khtn');
		const onFirst = await connect(first, document, teacherA!);
		const onSecond = await connect(second, document, teacherB!);
		const students = studentsOf(onFirst).slice(0, 6);
		const before = await auditRows(document, students);
		students.forEach((student, index) => (index % 2 === 0 ? onFirst : onSecond).mark(student, 'tx2', 40 + index));
		const expected = Object.fromEntries(students.map((student, index) => [`${student}:tx2`, 40 + index]));
		const shows = (client: SyncClient) => students.every((student) => client.marks()[`${student}:tx2`] === expected[`${student}:tx2`]);
		await waitUntil(() => shows(onFirst) && shows(onSecond), 'both instances show every edit', 10_000);
		await expect.poll(async () => (await auditRows(document, students)).length - before.length, { timeout: 10_000 }).toBe(students.length);
		// Give a duplicate (a second instance projecting the same update) time to show up: there is none.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const added = (await auditRows(document, students)).slice(before.length);
		expect(added).toHaveLength(students.length);
		for (const [index, student] of students.entries()) {
			const rows = added.filter((row) => row.studentId === student);
			expect(rows).toHaveLength(1);
			expect(rows[0]!.personId).toBe(index % 2 === 0 ? teacherA : teacherB);
			expect(rows[0]!.newValue).toBe(((40 + index) / 10).toFixed(1));
		}
	}, 40_000);

	// SPEC F5, F7: a homeroom teacher's two devices on different instances write different fields of
	// the same students at once; each field is audited once, and SQL keeps both fields.
	it('homeroom fields written at once on two instances are each audited once, and both reach homeroom_entries', async () => {
		const classCode = '8a1';
		const document = formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term: 'hk1', classCode });
		const [assignment] = await db.db.select({ personId: t.homeroomAssignments.personId }).from(t.homeroomAssignments).where(eq(t.homeroomAssignments.classCode, classCode));
		const gvcn = assignment!.personId;
		const onFirst = await connect(first, document, gvcn);
		const onSecond = await connect(second, document, gvcn);
		const read = readHomeroom(onFirst.doc);
		if (!read.ok) throw new Error('no homeroom header');
		const students = read.roster.map((student) => student.id).slice(0, 4);
		const conduct = (student: string) => (read.records.get(student)?.conduct === 'Tốt' ? 'Khá' : 'Tốt');
		const comment = (student: string) => `Nhận xét từ thiết bị thứ hai: ${student}`;
		const since = new Date(Date.now() - 1000);
		const stamp = { actor: { id: gvcn, name: teacherName(gvcn) }, at: Date.now(), offline: false };
		for (const student of students) {
			writeHomeroom(onFirst.doc, [{ studentId: student, patch: { conduct: conduct(student) } }], stamp);
			writeHomeroom(onSecond.doc, [{ studentId: student, patch: { comment: comment(student) } }], stamp);
		}
		const audit = () =>
			db.db
				.select({ studentId: t.homeroomAudit.studentId, field: t.homeroomAudit.field, newValue: t.homeroomAudit.newValue, personId: t.homeroomAudit.personId })
				.from(t.homeroomAudit)
				.where(and(eq(t.homeroomAudit.document, document), inArray(t.homeroomAudit.studentId, students), gte(t.homeroomAudit.recordedAt, since)));
		await expect.poll(async () => (await audit()).length, { timeout: 10_000 }).toBe(2 * students.length);
		// Give a duplicate (a second instance projecting the same update) time to show up: there is none.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const rows = await audit();
		expect(rows).toHaveLength(2 * students.length);
		for (const student of students) {
			expect(rows.filter((row) => row.studentId === student).sort((x, y) => x.field.localeCompare(y.field))).toEqual([
				{ studentId: student, field: 'comment', newValue: comment(student), personId: gvcn },
				{ studentId: student, field: 'conduct', newValue: conduct(student), personId: gvcn }
			]);
		}
		const entries = await db.db.select().from(t.homeroomEntries).where(and(eq(t.homeroomEntries.document, document), inArray(t.homeroomEntries.studentId, students)));
		expect(entries.map((row) => [row.studentId, row.conduct, row.comment]).sort()).toEqual(students.map((student) => [student, conduct(student), comment(student)]).sort());
	}, 40_000);

	// SPEC F3: presence crosses instances, stamped with the sender's person (W3).
	it('a co-editor\'s presence on one instance reaches the other', async () => {
		const document = gradebook('9a1', 'khtn');
		const [teacherA, teacherB] = await teachersOf('9a1', 'khtn');
		const onFirst = await connect(first, document, teacherA!);
		const onSecond = await connect(second, document, teacherB!);
		onFirst.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'Giả mạo', color: '#c00' });
		await waitUntil(() => onSecond.provider.awareness.getStates().has(onFirst.doc.clientID), 'presence reached the other instance', 10_000);
		expect(onSecond.provider.awareness.getStates().get(onFirst.doc.clientID)?.user).toEqual({ id: teacherA, name: teacherName(teacherA!), color: '#c00' });
		onFirst.destroy();
		await waitUntil(() => !onSecond.provider.awareness.getStates().has(onFirst.doc.clientID), 'its removal follows', 10_000);
	}, 30_000);

	// SPEC F2, C3: a lock made through the app downgrades a writer on another instance within a second;
	// a connection opened after the lock is read-only from the database.
	it('a term lock set through the app downgrades a writer on the other instance within a second', async () => {
		const [subject] = await db.db.select({ subject: t.teachingAssignments.subjectCode, personId: t.teachingAssignments.personId }).from(t.teachingAssignments).where(eq(t.teachingAssignments.classCode, '8a2'));
		const document = gradebook('8a2', subject!.subject);
		const writer = await connect(second, document, subject!.personId);
		expect(writer.accessMessages.at(-1)).toBe('write');
		const locked = postAsPrincipal('/quan-ly/khoa-so?/lock', { term: 'hk1', scope: 'class', value: '8a2' });
		expect(await locked).toContain('Đã khóa sổ');
		const answered = Date.now();
		await waitUntil(() => writer.accessMessages.at(-1) === 'read', 'the writer on the other instance is read-only', 1000);
		expect(Date.now() - answered).toBeLessThan(1000);
		const later = await connect(first, document, subject!.personId);
		expect(later.accessMessages.at(-1)).toBe('read');
		expect(await postAsPrincipal('/quan-ly/khoa-so?/unlock', { term: 'hk1', scope: 'class', value: '8a2' })).toContain('Đã mở khóa sổ');
		// Lifted: both reconnect and write again.
		await waitUntil(() => writer.accessMessages.at(-1) === 'write' && later.accessMessages.at(-1) === 'write', 'writers again after the unlock', 5000);
	}, 30_000);

	// SPEC F2: disabling a person through the app closes their socket on the other instance.
	it('a person disabled through the app loses their socket on the other instance within a second', async () => {
		const [assignment] = await db.db.select({ subject: t.teachingAssignments.subjectCode, personId: t.teachingAssignments.personId }).from(t.teachingAssignments).where(eq(t.teachingAssignments.classCode, '7a3'));
		const document = gradebook('7a3', assignment!.subject);
		const leaving = await connect(second, document, assignment!.personId);
		expect(await postAsPrincipal('/quan-ly/nhan-su?/vo-hieu-hoa', { personId: assignment!.personId })).toContain('"type":"success"');
		const answered = Date.now();
		await waitUntil(() => leaving.closeCodes.includes(CloseCode.forbidden), 'the socket on the other instance closed as forbidden', 1000);
		expect(Date.now() - answered).toBeLessThan(1000);
		// It does not come back: every later upgrade is refused from the database.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(leaving.provider.wsconnected).toBe(false);
	}, 30_000);

	// SPEC F4: Redis dies for a few seconds; edits made meanwhile on both instances reach every client.
	it('Redis killed for a few seconds and restarted: no update is lost on any client', async () => {
		const document = gradebook('9a1', 'khtn');
		const [teacherA, teacherB] = await teachersOf('9a1', 'khtn');
		const onFirst = await connect(first, document, teacherA!);
		const onSecond = await connect(second, document, teacherB!);
		const students = studentsOf(onFirst).slice(10, 20);
		const [mathTeacher] = await teachersOf('6a1', 'toan');
		const math = gradebook('6a1', 'toan');
		await kill(redis);
		students.forEach((student, index) => (index % 2 === 0 ? onFirst : onSecond).mark(student, 'tx3', 50 + index));
		// A document nobody had open still opens while Redis is away.
		const openedDuringOutage = await connect(second, math, mathTeacher!);
		await waitUntil(() => covers(onFirst.persisted.at(-1)!, onFirst.doc) && covers(onSecond.persisted.at(-1)!, onSecond.doc), 'each instance stored its own clients\' edits', 10_000);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		redis = await startRedis(redisPort);
		const expected = Object.fromEntries(students.map((student, index) => [`${student}:tx3`, 50 + index]));
		const shows = (client: SyncClient) => students.every((student) => client.marks()[`${student}:tx3`] === expected[`${student}:tx3`]);
		await waitUntil(() => shows(onFirst) && shows(onSecond), 'every client has every edit after Redis is back', 15_000);
		// And the fan-out works again afterwards, also for the document opened during the outage.
		onSecond.mark(students[0]!, 'tx4', 99);
		await waitUntil(() => onFirst.marks()[`${students[0]}:tx4`] === 99, 'live fan-out after the outage', 10_000);
		const mathOnFirst = await connect(first, math, mathTeacher!);
		const pupil = studentsOf(mathOnFirst)[0]!;
		mathOnFirst.mark(pupil, 'tx1', 85);
		await waitUntil(() => openedDuringOutage.marks()[`${pupil}:tx1`] === 85, 'live fan-out to the document opened during the outage', 10_000);
	}, 45_000);

	// SPEC F1 with D2: an instance killed mid-edit loses nothing it acknowledged.
	it('SIGKILL of one instance mid-edit loses nothing acknowledged', async () => {
		const document = gradebook('9a1', 'khtn');
		const [teacherA, teacherB] = await teachersOf('9a1', 'khtn');
		const typist = await connect(first, document, teacherA!);
		const watcher = await connect(second, document, teacherB!);
		const students = studentsOf(typist);
		let acknowledged: Uint8Array | null = null;
		typist.onPersisted((stateVector) => (acknowledged = stateVector));
		let typed = 0;
		const typing = setInterval(() => {
			typist.mark(students[typed % students.length]!, 'ck', 10 + (typed % 90));
			typed += 1;
		}, 5);
		await waitUntil(() => typed >= 40 && acknowledged !== null, 'some edits acknowledged', 10_000);
		await first.crash();
		clearInterval(typing);
		const durable = acknowledged as unknown as Uint8Array;
		// Everything the dead instance acknowledged is in the database…
		const rows = await db.db.select({ data: t.yjsUpdates.data }).from(t.yjsUpdates).where(eq(t.yjsUpdates.document, document));
		const stored = new Y.Doc();
		Y.applyUpdate(stored, Y.mergeUpdates(rows.map((row) => new Uint8Array(row.data))));
		const storedState = Y.decodeStateVector(Y.encodeStateVector(stored));
		for (const [client, clock] of Y.decodeStateVector(durable)) expect(storedState.get(client) ?? 0).toBeGreaterThanOrEqual(clock);
		// …and when the load balancer sends the typist's device to the surviving instance, it resends
		// the rest: the watcher there has every edit.
		typist.provider.destroy();
		await connect(second, document, teacherA!, typist.doc);
		await waitUntil(() => JSON.stringify(watcher.marks()) === JSON.stringify(typist.marks()), 'the other instance\'s client has every edit', 20_000);
	}, 60_000);
});
