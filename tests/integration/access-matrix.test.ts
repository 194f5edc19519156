/**
 * The access matrix of issue 3: for every role × every document kind, a real sign-in (VNeID
 * simulator), a real ticket from the app (which asks the policy) and a real WebSocket to the app's
 * sync endpoint prove what the person may do: `none` — no ticket (403); `read` — the document
 * arrives but a write is dropped by the server; `write` — a write is persisted (gradebook marks,
 * homeroom records), or, for student views and the timetable's server-owned parts, refused by the
 * document's schema with 4422 (sync-server SPEC V10, V14–V15).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyEdits } from '../../src/lib/ydoc/gradebook';
import { writeHomeroom } from '../../src/lib/ydoc/homeroom';
import { CloseCode } from '../../src/lib/ydoc/wire';
import { DOCUMENTS, PEOPLE, STUDENT_1, STUDENT_2, type AccessDocumentKey, type AccessPersonKey } from '../fixtures/access-school';
import type { HttpBrowser } from './helpers/http-browser';
import { connectClient, covers, tryUpgrade, waitUntil, whenSynced, type SyncClient } from './helpers/sync-clients';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

type Level = 'write' | 'read' | 'none';
type Actor = { person: AccessPersonKey; actingAs?: 'staff' | 'guardian'; label: string };

const DOCUMENT_ORDER: AccessDocumentKey[] = ['mathGradebook', 'literatureGradebook', 'otherClassGradebook', 'homeroom', 'timetable', 'studentView', 'otherStudentView'];

/**
 * Rows: who. Columns, in DOCUMENT_ORDER: 6A1 Toán, 6A1 Văn, 6A2 Toán, homeroom 6A1, timetable,
 * student view of hs-1 (6A1), student view of hs-2 (6A2). The rules: access SPEC DA1–DA7.
 */
const MATRIX: Array<[Actor, Level[]]> = [
	[{ person: 'principal', label: 'principal' }, ['read', 'read', 'read', 'read', 'read', 'read', 'read']],
	[{ person: 'vicePrincipal', label: 'vice-principal and scheduler' }, ['read', 'read', 'read', 'read', 'write', 'read', 'read']],
	[{ person: 'mathTeacher', label: 'subject teacher (Toán 6A1)' }, ['write', 'none', 'none', 'read', 'read', 'none', 'none']],
	[{ person: 'literatureTeacher', label: 'subject teacher (Văn 6A1)' }, ['none', 'write', 'none', 'read', 'read', 'none', 'none']],
	[{ person: 'homeroomTeacher', label: 'homeroom teacher of 6A1' }, ['read', 'read', 'none', 'write', 'read', 'none', 'none']],
	[{ person: 'teacherParent', actingAs: 'staff', label: 'teacher of 6A2 acting as staff' }, ['none', 'none', 'write', 'none', 'read', 'none', 'none']],
	[{ person: 'teacherParent', actingAs: 'guardian', label: 'the same person acting as parent of hs-2' }, ['none', 'none', 'none', 'none', 'none', 'none', 'read']],
	[{ person: 'parent', label: 'verified guardian of hs-1' }, ['none', 'none', 'none', 'none', 'none', 'read', 'none']],
	[{ person: 'pendingParent', label: 'guardian of hs-1, not yet verified' }, ['none', 'none', 'none', 'none', 'none', 'none', 'none']],
	[{ person: 'districtOfficer', label: 'district officer (dashboards only)' }, ['none', 'none', 'none', 'none', 'none', 'none', 'none']],
	[{ person: 'otherSchoolTeacher', label: 'teacher of another school' }, ['none', 'none', 'none', 'none', 'none', 'none', 'none']]
];

/**
 * Documents whose schema refuses this write: student views take no client write (V10); a
 * timetable takes only `lessons`, so the write below to another root is refused too (V14/V15).
 */
const SERVER_ONLY: AccessDocumentKey[] = ['timetable', 'studentView', 'otherStudentView'];

/** A write a well-behaved client of this person would make in this document. */
function writeAs(doc: Y.Doc, documentKey: AccessDocumentKey, actor: { id: string; name: string }): void {
	const stamp = { actor, at: Date.now(), offline: false };
	if (documentKey === 'homeroom') writeHomeroom(doc, [{ studentId: STUDENT_1, patch: { absencesExcused: 1 } }], stamp);
	else if (SERVER_ONLY.includes(documentKey)) doc.getMap('slots').set(actor.id, 1);
	else applyEdits(doc, [{ kind: 'mark', studentId: documentKey === 'otherClassGradebook' ? STUDENT_2 : STUDENT_1, columnKey: 'tx1', value: 10 }], stamp);
}

let env: VneidApp;
const browsers = new Map<string, HttpBrowser>();
const clients: SyncClient[] = [];

beforeAll(async () => {
	env = await startVneidApp();
	for (const [actor] of MATRIX) {
		const { browser, url } = await env.signIn(PEOPLE[actor.person].personalId);
		if (url.pathname === '/chon-vai-tro') {
			const chosen = await browser.request(`${env.origin}/chon-vai-tro`, {
				method: 'POST',
				headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ role: actor.actingAs! })
			});
			expect(chosen.status).toBe(303);
		}
		// A guardian accepts the purpose notice first (privacy SPEC PR1), as every parent does.
		if (actor.actingAs === 'guardian' || url.pathname === '/dong-y') expect(await env.acceptNotice(browser)).toBe(303);
		browsers.set(actor.label, browser);
	}
});
afterEach(() => {
	for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => env?.stop());

async function ticket(browser: HttpBrowser, document: string) {
	const response = await browser.request(`${env.origin}/api/sync-ticket`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ document })
	});
	const body = (await response.json()) as { ticket?: string; access?: string };
	return { status: response.status, ...body };
}

const syncUrl = () => `${env.origin.replace('http', 'ws')}/sync`;

const cases = MATRIX.flatMap(([actor, levels]) => DOCUMENT_ORDER.map((doc, i) => [actor.label, doc, levels[i]!] as const));

describe('the access matrix over real WebSocket connections (access SPEC DA1–DA7, sync-server SPEC U5)', () => {
	it.each(cases)('%s × %s → %s', async (label, documentKey, expected) => {
		const browser = browsers.get(label)!;
		const document = DOCUMENTS[documentKey];
		const granted = await ticket(browser, document);
		if (expected === 'none') {
			expect(granted.status).toBe(403);
			return;
		}
		expect(granted.status).toBe(200);
		expect(granted.access).toBe(expected);
		const client = connectClient(syncUrl(), document, granted.ticket!);
		clients.push(client);
		await whenSynced(client);
		expect(client.accessMessages).toEqual([expected]);
		const person = PEOPLE[MATRIX.find(([a]) => a.label === label)![0].person];
		writeAs(client.doc, documentKey, { id: person.id, name: person.fullName });
		if (expected === 'write' && SERVER_ONLY.includes(documentKey)) {
			await waitUntil(() => client.closeCodes.includes(CloseCode.refusedUpdate), 'the write is refused by the schema');
		} else if (expected === 'write') {
			await waitUntil(() => client.persisted.some((sv) => covers(sv, client.doc)), 'the write is persisted');
		} else {
			// The server's read-only gate says so for this connection (sync-server/connection.ts).
			await env.app.waitForOutput(new RegExp(`"message":"read-only write dropped","document":"${document}","personId":"${person.id}"`));
		}
	});

	it('the matrix matches what /api/me lists for each person', async () => {
		for (const [actor, levels] of MATRIX) {
			const response = await browsers.get(actor.label)!.request(`${env.origin}/api/me`);
			const listed = new Map(((await response.json()) as { documents: Array<{ name: string; access: string }> }).documents.map((d) => [d.name, d.access]));
			const expected = new Map(DOCUMENT_ORDER.flatMap((key, i) => (levels[i] === 'none' ? [] : [[DOCUMENTS[key], levels[i]!] as const])));
			expect(listed, actor.label).toEqual(expected);
		}
	});

	it('a ticket cannot be stretched to another document, and a signed-out browser gets none', async () => {
		const math = await ticket(browsers.get('subject teacher (Toán 6A1)')!, DOCUMENTS.mathGradebook);
		const stretched = await tryUpgrade(`${syncUrl()}/${DOCUMENTS.literatureGradebook}?ticket=${encodeURIComponent(math.ticket!)}`);
		expect(stretched).toEqual({ opened: false, status: 401 });
		const anonymous = await fetch(`${env.origin}/api/sync-ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ document: DOCUMENTS.timetable }) });
		expect(anonymous.status).toBe(401);
	});
});
