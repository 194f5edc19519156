/**
 * Revocation that revokes (sync-server SPEC R1–R6), against the real app (child process, built
 * SvelteKit handler + sync endpoint) on PostgreSQL, people signed in through the VNeID simulator,
 * tickets from POST /api/sync-ticket and real WebSockets. For each path — a disabled person, a
 * logged-out session, an unassigned teacher, a switched acting role — a ticket minted before the
 * change no longer opens a socket, and the live socket is closed or downgraded as the change is
 * answered; a write attempted after it is not stored. Revoked guardianships and the defect as
 * reported (a mark audited under a disabled teacher's name): sync-revocation-composed.test.ts.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yjsUpdates } from '../../drizzle/schema';
import { registerDocuments } from '../../src/lib/server/documents';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { applyEdits, initGradebook, readGradebook } from '../../src/lib/ydoc/gradebook';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { DOCUMENTS, PEOPLE, SCHOOL, STUDENT_1, YEAR, type AccessPerson } from '../fixtures/access-school';
import type { HttpBrowser } from './helpers/http-browser';
import { connectClient, covers, ticketFor, tryUpgrade, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { startSyncServerProcess } from './helpers/sync-server-process';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

let env: VneidApp;
const clients: SyncClient[] = [];

beforeAll(async () => {
	env = await startVneidApp();
}, 120_000);
afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => env?.stop());

async function signedIn(person: AccessPerson): Promise<HttpBrowser> {
	const { browser, url } = await env.signIn(person.personalId);
	expect(url.pathname).toBe('/');
	return browser;
}

async function ticket(browser: HttpBrowser, document: string): Promise<{ status: number; ticket?: string; access?: string }> {
	const response = await browser.request(`${env.origin}/api/sync-ticket`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ document })
	});
	return { status: response.status, ...((await response.json()) as { ticket?: string; access?: string }) };
}

async function mustTicket(browser: HttpBrowser, document: string, access: 'read' | 'write'): Promise<string> {
	const granted = await ticket(browser, document);
	expect(granted).toMatchObject({ status: 200, access });
	return granted.ticket!;
}

async function postForm(browser: HttpBrowser, path: string, fields: Record<string, string> = {}): Promise<Response> {
	return browser.request(`${env.origin}${path}`, {
		method: 'POST',
		headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
}

const syncUrl = () => `${env.origin.replace('http', 'ws')}/sync`;
const upgradeUrl = (document: string, ticket: string) => `${syncUrl()}/${document}?ticket=${encodeURIComponent(ticket)}`;

/** A live socket with a ticket from the app; the write it makes first is stored (the control). */
async function liveWriter(browser: HttpBrowser, person: AccessPerson, document: string, access: 'read' | 'write' = 'write'): Promise<Writer> {
	const client = connectClient(syncUrl(), document, await mustTicket(browser, document, access));
	clients.push(client);
	await whenSynced(client);
	expect(client.accessMessages).toEqual([access]);
	const writer = Object.assign(client, { write: (value: number) => writeMark(client, person, value) });
	if (access === 'write') {
		writer.write(BEFORE);
		await waitUntil(() => client.persisted.some((sv) => covers(sv, client.doc)), 'the write before the change is stored');
	}
	return writer;
}

type Writer = SyncClient & { write(value: number): void };

/** Header and roster of 6A1's Hoạt động trải nghiệm gradebook, as the server provisions it. */
function hdtnSeed(): Uint8Array {
	const doc = new Y.Doc();
	const columns = [{ key: 'tx1', label: 'TX1', kind: 'regular' as const }];
	const meta = { school: SCHOOL, year: YEAR, term: 'hk1' as const, classCode: '6a1', className: '6A1', subjectCode: 'hdtn-hn', subjectName: 'Hoạt động trải nghiệm', assessment: 'score' as const, columns };
	initGradebook(doc, meta, [{ id: STUDENT_1, name: PEOPLE.student.fullName, code: STUDENT_1 }]);
	return Y.encodeStateAsUpdate(doc);
}

/** Marks in tenths: each test tells its writes apart by value. */
const BEFORE = 10;
const AFTER = 99;
const WITNESS = 55;

/** A mark in the first roster student's first column, as the grid writes it for `person`. */
function writeMark(client: SyncClient, person: AccessPerson, value: number): void {
	const read = readGradebook(client.doc);
	if (!read.ok) throw new Error(`gradebook unreadable: ${read.reason}`);
	const studentId = read.roster[0]!.id;
	applyEdits(client.doc, [{ kind: 'mark', studentId, columnKey: 'tx1', value }], { actor: { id: person.id, name: person.fullName }, at: Date.now(), offline: false });
}

/** Every value ever written to the gradebook, as the database holds it (the history is append-only). */
async function storedValues(document: string): Promise<unknown[]> {
	const rows = await env.db.select({ data: yjsUpdates.data }).from(yjsUpdates).where(eq(yjsUpdates.document, document)).orderBy(asc(yjsUpdates.id));
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
	const read = readGradebook(doc);
	return read.ok ? [...read.history.values()].flat().map((edit) => edit.value) : [];
}

/** Someone who still has the document writes after the refused write was attempted, and waits until it is stored. */
async function settle(witness: Writer): Promise<void> {
	witness.write(WITNESS);
	await waitUntil(() => witness.persisted.some((sv) => covers(sv, witness.doc)), 'the witness write is stored');
}

describe('a disabled person (sync-server SPEC R1, R4)', () => {
	it('cannot open a socket with a ticket minted before, and the live socket closes as forbidden', async () => {
		const victim = PEOPLE.literatureTeacher;
		const document = DOCUMENTS.literatureGradebook;
		const laptop = await signedIn(victim);
		const spare = await mustTicket(laptop, document, 'write');
		const live = await liveWriter(laptop, victim, document);
		const principal = await signedIn(PEOPLE.principal);

		const disabled = await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: victim.id });
		expect(await disabled.text()).toContain('Đã vô hiệu hóa');
		await waitUntil(() => live.closeCodes.includes(CloseCode.forbidden), 'the live socket is closed as forbidden');
		live.write(AFTER);

		expect(await tryUpgrade(upgradeUrl(document, spare))).toEqual({ opened: false, status: 403 });
		const stored = await storedValues(document);
		expect(stored).toContain(BEFORE);
		expect(stored).not.toContain(AFTER);
		// Later tests need her as a teacher again.
		expect(await (await postForm(principal, '/quan-ly/nhan-su?/kich-hoat', { personId: victim.id })).text()).toContain('Đã kích hoạt lại');
	});
});

describe('a logged-out session (sync-server SPEC R2, R5)', () => {
	it("closes that session's sockets, refuses its unused tickets, and leaves the person's other sessions alone", async () => {
		const teacher = PEOPLE.mathTeacher;
		const document = DOCUMENTS.mathGradebook;
		const laptop = await signedIn(teacher);
		const phone = await signedIn(teacher);
		const spare = await mustTicket(laptop, document, 'write');
		const live = await liveWriter(laptop, teacher, document);
		const other = await liveWriter(phone, teacher, document);

		const out = await postForm(laptop, '/dang-xuat');
		expect(out.status).toBe(303);
		await waitUntil(() => live.closeCodes.includes(CloseCode.unauthorized), 'the signed-out socket is closed as unauthorized');
		live.write(AFTER);

		expect(await tryUpgrade(upgradeUrl(document, spare))).toEqual({ opened: false, status: 403 });
		await settle(other);
		expect(other.closeCodes).toEqual([]);
		expect(await storedValues(document)).not.toContain(AFTER);
	});
});

describe('an unassigned teacher (sync-server SPEC R1, R4)', () => {
	it('loses the gradebook: the unused ticket is refused and the live socket closes as forbidden', async () => {
		const teacher = PEOPLE.literatureTeacher;
		const document = DOCUMENTS.literatureGradebook;
		const browser = await signedIn(teacher);
		const spare = await mustTicket(browser, document, 'write');
		const live = await liveWriter(browser, teacher, document);
		const principal = await signedIn(PEOPLE.principal);
		const reader = await liveWriter(principal, PEOPLE.principal, document, 'read');

		const removed = await postForm(principal, '/quan-ly/nhan-su?/bo-phan-cong', { personId: teacher.id, classCode: '6a1', subjectCode: 'ngu-van' });
		expect(await removed.text()).toContain('Đã bỏ phân công');
		await waitUntil(() => live.closeCodes.includes(CloseCode.forbidden), 'the live socket is closed as forbidden');
		live.write(AFTER);

		expect(await tryUpgrade(upgradeUrl(document, spare))).toEqual({ opened: false, status: 403 });
		expect(reader.closeCodes).toEqual([]);
		expect(await storedValues(document)).not.toContain(AFTER);
	});

	it('who still reads the gradebook as homeroom teacher is downgraded to read at once; her writes are dropped', async () => {
		const teacher = PEOPLE.homeroomTeacher;
		// She teaches Hoạt động trải nghiệm in 6A1 and is its homeroom teacher: without the subject, she still reads.
		const document = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: '6a1', subject: 'hdtn-hn' });
		await registerDocuments(env.db, [document]);
		await env.db.insert(yjsUpdates).values({ document, data: hdtnSeed() });
		const browser = await signedIn(teacher);
		const spare = await mustTicket(browser, document, 'write');
		const live = await liveWriter(browser, teacher, document);
		const principal = await signedIn(PEOPLE.principal);

		const removed = await postForm(principal, '/quan-ly/nhan-su?/bo-phan-cong', { personId: teacher.id, classCode: '6a1', subjectCode: 'hdtn-hn' });
		expect(await removed.text()).toContain('Đã bỏ phân công');
		await waitUntil(() => live.accessMessages.at(-1) === 'read', 'the live socket is told it is read-only');
		live.write(AFTER);
		await env.app.waitForOutput(new RegExp(`"message":"read-only write dropped","document":"${document}","personId":"${teacher.id}"`));

		// The write ticket minted before opens a read-only socket, no more.
		const stale = await tryUpgrade(upgradeUrl(document, spare));
		expect(stale.opened).toBe(true);
		if (stale.opened) stale.socket.close();
		await env.app.waitForOutput(new RegExp(`"message":"connection opened","document":"${document}","personId":"${teacher.id}","access":"read"`));
		expect(live.closeCodes).toEqual([]);
		expect(await storedValues(document)).not.toContain(AFTER);
	});
});

describe('a switched acting role (sync-server SPEC R4, access A3)', () => {
	it("closes the sockets the session opened as staff when it switches to guardian, and refuses the staff ticket it holds", async () => {
		const chooseRole = (browser: HttpBrowser, role: 'staff' | 'guardian') => postForm(browser, '/chon-vai-tro', { role });
		const { browser, url } = await env.signIn(PEOPLE.teacherParent.personalId);
		expect(url.pathname).toBe('/chon-vai-tro');
		expect((await chooseRole(browser, 'staff')).status).toBe(303);
		const document = DOCUMENTS.otherClassGradebook;
		const spare = await mustTicket(browser, document, 'write');
		const live = await liveWriter(browser, PEOPLE.teacherParent, document);

		expect((await chooseRole(browser, 'guardian')).status).toBe(303);
		await waitUntil(() => live.closeCodes.includes(CloseCode.forbidden), 'the gradebook closes for the parent');
		expect(await tryUpgrade(upgradeUrl(document, spare))).toEqual({ opened: false, status: 403 });
		// As a parent, after the purpose notice (privacy SPEC PR1), the child's view opens.
		expect(await env.acceptNotice(browser)).toBe(303);
		expect(await ticket(browser, DOCUMENTS.otherStudentView)).toMatchObject({ status: 200, access: 'read' });
	});
});

describe('single-use tickets (sync-server SPEC R3)', () => {
	it('a ticket from the app opens one socket; the same ticket again is refused with 401', async () => {
		const browser = await signedIn(PEOPLE.principal);
		const document = DOCUMENTS.homeroom;
		const once = await mustTicket(browser, document, 'read');
		const first = await tryUpgrade(upgradeUrl(document, once));
		expect(first.opened).toBe(true);
		expect(await tryUpgrade(upgradeUrl(document, once))).toEqual({ opened: false, status: 401 });
		if (first.opened) first.socket.close();
		expect(await tryUpgrade(upgradeUrl(document, once))).toEqual({ opened: false, status: 401 });
	});
});

describe('the ticket route does not tell strangers which documents exist (sync-server SPEC R6)', () => {
	it('403 for a document one may not open, whether it exists or not; 404 only to someone who could open it', async () => {
		const stranger = await signedIn(PEOPLE.otherSchoolTeacher);
		const missing = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk2', classCode: '6a1', subject: 'toan' });
		expect((await ticket(stranger, DOCUMENTS.mathGradebook)).status).toBe(403);
		expect((await ticket(stranger, missing)).status).toBe(403);
		const missingStudent = formatDocumentName({ kind: 'student', student: 'hs-nobody', year: YEAR });
		expect((await ticket(stranger, missingStudent)).status).toBe(403);
		const owner = await signedIn(PEOPLE.mathTeacher);
		expect((await ticket(owner, missing)).status).toBe(404);
	});
});

describe('the standalone sync server beside the app (sync-server SPEC R1, R7)', () => {
	it('asks the same database: a ticket of a live session opens, one of a signed-out session or a made-up person does not', async () => {
		const secret = Buffer.from(env.keys.syncTicketSecret).toString('hex');
		const standalone = await startSyncServerProcess({ env: { DATABASE_URL: env.databaseUrl, SYNC_TICKET_SECRET: secret } });
		try {
			const at = (document: string, ticket: string) => `${standalone.syncUrl}/${document}?ticket=${encodeURIComponent(ticket)}`;
			const browser = await signedIn(PEOPLE.homeroomTeacher);
			const opened = await tryUpgrade(at(DOCUMENTS.homeroom, await mustTicket(browser, DOCUMENTS.homeroom, 'write')));
			expect(opened.opened).toBe(true);
			if (opened.opened) opened.socket.close();
			const spare = await mustTicket(browser, DOCUMENTS.homeroom, 'write');
			expect((await postForm(browser, '/dang-xuat')).status).toBe(303);
			expect(await tryUpgrade(at(DOCUMENTS.homeroom, spare))).toEqual({ opened: false, status: 403 });
			const madeUp = ticketFor(DOCUMENTS.homeroom, 'write', { personId: 'nobody', secret: env.keys.syncTicketSecret });
			expect(await tryUpgrade(at(DOCUMENTS.homeroom, madeUp))).toEqual({ opened: false, status: 403 });
			expect(standalone.logs.find((line) => line.message === 'listening')?.accessCheck).toBe('database');
		} finally {
			await standalone.stop();
		}
	});
});
