/**
 * `npm run bench:district`: does a request cost the same with one school or a district? Seeds the
 * demo school (with a student view per student) into a fresh PostgreSQL database, starts the built
 * app on it and measures the main routes for five people of that school; then grows the same
 * database into a district (49 more schools of the demo's shape, last school year for every
 * school, student views for both years; tests/fixtures/district.ts, INSERT … SELECT in SQL) and
 * measures the same routes for the same people again. Prints p50/p95 of each and the ratios;
 * asserts nothing. Sessions are created directly in the database (no VNeID round trip).
 *
 * Flags: --schools N (50), --samples N (100 per route), --warmup N (10). BENCH_DISTRICT_PORT (4350).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { openDatabase, type Database } from '../drizzle/database';
import * as t from '../drizzle/schema';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/session';
import { addStudentViews, copySchool, copyYear } from '../tests/fixtures/district';
import { DEMO_OFFICE, DEMO_SCHOOL, generateDemoSchool } from './demo/demo-school';
import { startAppProcess } from '../tests/integration/helpers/app-process';
import { createBenchDatabase } from './bench/postgres-database';
import { seedSchool } from './demo-seed';
import { recordConsent } from '../src/lib/server/privacy/consent';

const { values: flags } = parseArgs({
	options: { schools: { type: 'string', default: '50' }, samples: { type: 'string', default: '100' }, warmup: { type: 'string', default: '10' } }
});
const SCHOOLS = Number(flags.schools);
const SAMPLES = Number(flags.samples);
const WARMUP = Number(flags.warmup);
const PORT = Number(process.env.BENCH_DISTRICT_PORT ?? 4350);
const SCHOOL = DEMO_SCHOOL.code;
const PAST_YEAR = '2024-2025';

interface Persona {
	label: string;
	personId: string;
	role: 'staff' | 'guardian';
	cookie?: string;
}

interface Route {
	label: string;
	persona: string;
	run(persona: Persona): Promise<void>;
}

async function first<T>(rows: Promise<T[]>, what: string): Promise<T> {
	const [row] = await rows;
	if (!row) throw new Error(`the demo school has no ${what}`);
	return row;
}

async function personas(db: Database, officerId: string): Promise<Persona[]> {
	const leaders = db.select({ id: t.staffRoles.personId }).from(t.staffRoles).where(inArray(t.staffRoles.role, ['principal', 'vice_principal']));
	const homeroomTeachers = db.select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments);
	const staff = db.select({ id: t.staffRoles.personId }).from(t.staffRoles);
	const teacher = await first(
		db
			.selectDistinct({ id: t.teachingAssignments.personId })
			.from(t.teachingAssignments)
			.where(and(eq(t.teachingAssignments.schoolId, SCHOOL), notInArray(t.teachingAssignments.personId, leaders), notInArray(t.teachingAssignments.personId, homeroomTeachers))),
		'teacher'
	);
	const homeroom = await first(
		db.select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments).where(and(eq(t.homeroomAssignments.schoolId, SCHOOL), notInArray(t.homeroomAssignments.personId, leaders))),
		'homeroom teacher'
	);
	const principal = await first(db.select({ id: t.staffRoles.personId }).from(t.staffRoles).where(and(eq(t.staffRoles.organisationId, SCHOOL), eq(t.staffRoles.role, 'principal'))), 'principal');
	const parent = await first(
		db
			.select({ id: t.guardianships.guardianId })
			.from(t.guardianships)
			.where(and(eq(t.guardianships.state, 'school_checked'), notInArray(t.guardianships.guardianId, staff))),
		'verified parent'
	);
	return [
		{ label: 'teacher', personId: teacher.id, role: 'staff' },
		{ label: 'homeroom', personId: homeroom.id, role: 'staff' },
		{ label: 'principal', personId: principal.id, role: 'staff' },
		{ label: 'officer', personId: officerId, role: 'staff' },
		{ label: 'parent', personId: parent.id, role: 'guardian' }
	];
}

async function signIn(db: Database, persona: Persona): Promise<void> {
	const token = generateSessionToken();
	await createSession(db, token, persona.personId, new Date(), { activeRole: persona.role });
	persona.cookie = `${SESSION_COOKIE}=${token}`;
}

function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
	const database = await createBenchDatabase();
	const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-bench-district-'));
	const handle = await openDatabase({ kind: 'postgres', url: database.url });
	const db = handle.db;
	let app: Awaited<ReturnType<typeof startAppProcess>> | undefined;
	try {
		const seeding = Date.now();
		const demo = generateDemoSchool();
		const year = demo.schoolYear.code;
		await seedSchool(db, { idHashKey: randomBytes(32), idEncryptionKey: randomBytes(32) } as never, demo);
		await addStudentViews(db, SCHOOL, year);
		const officerId = 'bench-officer';
		await db.insert(t.people).values({ id: officerId, fullName: 'Phạm Văn Phòng', birthDate: '1979-09-09', gender: 'male' });
		await db.insert(t.staffRoles).values({ personId: officerId, organisationId: DEMO_OFFICE.code, role: 'district_officer' });
		await db.execute(sql`analyze`);
		console.log(`one school seeded in ${Date.now() - seeding} ms`);

		const people = await personas(db, officerId);
		for (const persona of people) await signIn(db, persona);
		// A guardian reaches nothing before accepting the purpose notice (privacy PR rules).
		await recordConsent(db, people[4]!.personId, new Date());
		const child = await first(
			db.select({ id: t.guardianships.studentId }).from(t.guardianships).where(and(eq(t.guardianships.guardianId, people[4]!.personId), eq(t.guardianships.state, 'school_checked'))),
			'child'
		);
		const teacherBook = await first(db.select().from(t.teachingAssignments).where(eq(t.teachingAssignments.personId, people[0]!.personId)), 'assignment');
		const homeroomClass = await first(db.select().from(t.homeroomAssignments).where(eq(t.homeroomAssignments.personId, people[1]!.personId)), 'homeroom class');
		const gradebook = `gradebook/${SCHOOL}/${year}/hk1/${teacherBook.classCode}/${teacherBook.subjectCode}`;
		const homeroomDoc = `homeroom/${SCHOOL}/${year}/hk1/${homeroomClass.classCode}`;
		const summary = `/lop/${SCHOOL}/${year}/${homeroomClass.classCode}/tong-ket?ky=ca-nam`;

		app = await startAppProcess({ port: PORT, env: { DATABASE_URL: database.url, DATA_DIR: dataDir } });
		const base = app.url;
		const byLabel = new Map(people.map((p) => [p.label, p]));
		const get = async (persona: Persona, path: string) => {
			const response = await fetch(base + path, { headers: { cookie: persona.cookie!, origin: base }, redirect: 'manual' });
			await response.arrayBuffer();
			if (response.status !== 200) throw new Error(`${persona.label} GET ${path}: ${response.status}`);
		};
		const ticket = async (persona: Persona, document: string): Promise<string> => {
			const response = await fetch(`${base}/api/sync-ticket`, {
				method: 'POST',
				headers: { cookie: persona.cookie!, origin: base, 'content-type': 'application/json' },
				body: JSON.stringify({ document })
			});
			if (response.status !== 200) throw new Error(`${persona.label} ticket ${document}: ${response.status}`);
			return ((await response.json()) as { ticket: string }).ticket;
		};
		/** Ticket, WebSocket upgrade, and the server's answer to our sync step 1: the document is loaded. */
		const connect = async (persona: Persona, document: string) => {
			const socket = new WebSocket(`${base.replace('http', 'ws')}/sync/${document}?ticket=${await ticket(persona, document)}`, { origin: base });
			await new Promise<void>((resolve, reject) => {
				const doc = new Y.Doc();
				socket.on('open', () => {
					const encoder = encoding.createEncoder();
					encoding.writeVarUint(encoder, 0);
					syncProtocol.writeSyncStep1(encoder, doc);
					socket.send(encoding.toUint8Array(encoder));
				});
				socket.on('message', (data: Buffer) => {
					const decoder = decoding.createDecoder(new Uint8Array(data));
					if (decoding.readVarUint(decoder) !== 0) return;
					if (syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server') === syncProtocol.messageYjsSyncStep2) resolve();
				});
				socket.on('error', reject);
				socket.on('close', (code) => reject(new Error(`closed ${code}`)));
			});
			socket.close();
		};
		const routes: Route[] = [];
		for (const persona of people) {
			routes.push({ label: 'GET /api/me', persona: persona.label, run: (p) => get(p, '/api/me') });
			// A parent's home is the child's page (`/` redirects a guardian with one verified child there).
			const home = persona.label === 'parent' ? `/con/${child.id}` : '/';
			routes.push({ label: 'GET / (home)', persona: persona.label, run: (p) => get(p, home) });
		}
		routes.push(
			{ label: 'POST /api/sync-ticket', persona: 'teacher', run: (p) => ticket(p, gradebook).then(() => undefined) },
			{ label: 'connect to gradebook', persona: 'teacher', run: (p) => connect(p, gradebook) },
			{ label: 'POST /api/sync-ticket', persona: 'homeroom', run: (p) => ticket(p, homeroomDoc).then(() => undefined) },
			{ label: 'class summary', persona: 'homeroom', run: (p) => get(p, summary) },
			{ label: 'POST /api/sync-ticket', persona: 'principal', run: (p) => ticket(p, gradebook).then(() => undefined) },
			{ label: 'class summary', persona: 'principal', run: (p) => get(p, summary) },
			{ label: 'audit export (CSV)', persona: 'principal', run: (p) => get(p, '/quan-ly/nhat-ky-diem.csv') },
			{ label: 'term locks page', persona: 'principal', run: (p) => get(p, '/quan-ly/khoa-so') },
			{ label: 'connect to gradebook', persona: 'principal', run: (p) => connect(p, gradebook) },
			{ label: 'district staff page', persona: 'officer', run: (p) => get(p, '/phong-gd/nhan-su') }
		);

		const measure = async () => {
			const figures = new Map<Route, { p50: number; p95: number }>();
			for (const route of routes) {
				const persona = byLabel.get(route.persona)!;
				for (let i = 0; i < WARMUP; i++) await route.run(persona);
				const times: number[] = [];
				for (let i = 0; i < SAMPLES; i++) {
					const started = performance.now();
					await route.run(persona);
					times.push(performance.now() - started);
				}
				times.sort((a, b) => a - b);
				figures.set(route, { p50: quantile(times, 0.5), p95: quantile(times, 0.95) });
			}
			return figures;
		};
		const documents = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(t.yjsDocuments))[0]!.n;

		const oneSchool = await measure();
		const oneSchoolDocuments = await documents();

		const growing = Date.now();
		await copyYear(db, SCHOOL, year, PAST_YEAR);
		await addStudentViews(db, SCHOOL, PAST_YEAR);
		for (let i = 2; i <= SCHOOLS; i++) {
			const school = `thcs-${String(i).padStart(2, '0')}`;
			// The copy takes both years of the demo school (its past year was made just above).
			await copySchool(db, SCHOOL, { school, prefix: `t${i}` });
			await addStudentViews(db, school);
		}
		await db.execute(sql`analyze`);
		const districtDocuments = await documents();
		console.log(`district of ${SCHOOLS} schools built in ${Date.now() - growing} ms: ${districtDocuments} documents (one school: ${oneSchoolDocuments})`);

		const district = await measure();
		const load = (await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ');
		console.log(`\n${SAMPLES} samples per route after ${WARMUP} warm-up; load average ${load}\n`);
		console.log('| route | person | one school p50 / p95 | district p50 / p95 | ratio p50 / p95 | verdict |');
		console.log('|---|---|---|---|---|---|');
		for (const route of routes) {
			const a = oneSchool.get(route)!;
			const b = district.get(route)!;
			const r50 = b.p50 / a.p50;
			const r95 = b.p95 / a.p95;
			const verdict = [r95 > 1.2 ? 'over 1.2×' : '', b.p95 > 50 ? 'over 50 ms' : ''].filter(Boolean).join(', ') || 'ok';
			console.log(
				`| ${route.label} | ${route.persona} | ${a.p50.toFixed(1)} / ${a.p95.toFixed(1)} ms | ${b.p50.toFixed(1)} / ${b.p95.toFixed(1)} ms | ${r50.toFixed(2)}× / ${r95.toFixed(2)}× | ${verdict} |`
			);
		}
	} finally {
		await app?.stop();
		await handle.close();
		await database.drop();
		await rm(dataDir, { recursive: true, force: true });
	}
}

await main();
