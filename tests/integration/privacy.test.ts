/**
 * Privacy built in (privacy SPEC PR1–PR12): the purpose notice gate, the view log on every path
 * that shows students' data, a guardian's "who viewed" page and export — and isolation: another
 * child's guardian is refused, no other child's data is in an export. Over real HTTP against the
 * built app on PostgreSQL, signed in through the VNeID simulator; the storage rules also on PGlite.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { CURRENT_NOTICE_VERSION } from '../../src/lib/domain/privacy/notice';
import { acceptedVersions, recordConsent, withdrawConsent } from '../../src/lib/server/privacy/consent';
import { childExport } from '../../src/lib/server/privacy/child-export';
import { createSession, generateSessionToken } from '../../src/lib/server/session';
import { currentDocumentAccess } from '../../src/lib/server/sync-access';
import { recordViewIn } from '../../src/lib/server/privacy/record';
import { childLog, logView, pruneViewLog, schoolLog } from '../../src/lib/server/privacy/view-log';
import { emptyGrants } from '../../src/lib/domain/access/grants';
import { DOCUMENTS, PEOPLE, SCHOOL, STUDENT_1, STUDENT_2, YEAR, seedAccessSchool, type AccessPersonKey } from '../fixtures/access-school';
import { storageBackends } from '../helpers/test-database';
import type { HttpBrowser } from './helpers/http-browser';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';
import { randomBytes } from 'node:crypto';

let env: VneidApp;

async function signedIn(person: AccessPersonKey, role?: 'staff' | 'guardian'): Promise<{ browser: HttpBrowser; url: URL }> {
	const { browser, url } = await env.signIn(PEOPLE[person].personalId);
	if (url.pathname === '/chon-vai-tro') {
		const chosen = await browser.request(`${env.origin}/chon-vai-tro`, {
			method: 'POST',
			headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ role: role! })
		});
		expect(chosen.status).toBe(303);
		return { browser, url: new URL(chosen.headers.get('location')!, env.origin) };
	}
	return { browser, url };
}

const get = (browser: HttpBrowser, path: string) => browser.request(`${env.origin}${path}`);
const ticket = (browser: HttpBrowser, document: string) =>
	browser.request(`${env.origin}/api/sync-ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ document }) });
const logRows = () => env.db.select().from(t.viewLog).orderBy(t.viewLog.id);

beforeAll(async () => {
	env = await startVneidApp();
	// Marks, their history and a correction request that spans both children: the export must keep only hs-1's.
	const at = new Date('2025-10-03T03:00:00Z');
	await env.db.insert(t.gradeEntries).values([
		{ document: DOCUMENTS.mathGradebook, studentId: STUDENT_1, columnKey: 'tx1', value: '8.5', updatedBy: PEOPLE.mathTeacher.id, updatedAt: at },
		{ document: DOCUMENTS.otherClassGradebook, studentId: STUDENT_2, columnKey: 'tx1', value: '3.25', updatedBy: PEOPLE.teacherParent.id, updatedAt: at }
	]);
	await env.db.insert(t.gradeAudit).values([
		{ document: DOCUMENTS.mathGradebook, studentId: STUDENT_1, columnKey: 'tx1', oldValue: null, newValue: '8.5', personId: PEOPLE.mathTeacher.id, personName: PEOPLE.mathTeacher.fullName, recordedAt: at },
		{ document: DOCUMENTS.otherClassGradebook, studentId: STUDENT_2, columnKey: 'tx1', oldValue: null, newValue: '3.25', personId: PEOPLE.teacherParent.id, personName: PEOPLE.teacherParent.fullName, recordedAt: at }
	]);
	const [request] = await env.db.insert(t.correctionRequests).values({ document: DOCUMENTS.mathGradebook, personId: PEOPLE.mathTeacher.id, personName: PEOPLE.mathTeacher.fullName, createdAt: at }).returning();
	await env.db.insert(t.correctionCells).values([
		{ requestId: request!.id, studentId: STUDENT_1, columnKey: 'gk', oldValue: '7.0', newValue: '9.0' },
		{ requestId: request!.id, studentId: STUDENT_2, columnKey: 'gk', oldValue: '2.0', newValue: '4.75' }
	]);
});
afterAll(() => env?.stop());

describe('purpose notice and consent (PR1–PR3)', () => {
	it('PR1/PR3: a guardian lands on the notice; pages redirect and tickets are refused until they accept; acceptance is recorded', async () => {
		const { browser, url } = await signedIn('parent');
		expect(url.pathname).toBe('/dong-y');
		const notice = await get(browser, '/dong-y');
		expect(notice.status).toBe(200);
		const html = await notice.text();
		expect(html).toContain('Thông báo về việc xử lý dữ liệu cá nhân');
		expect(html).toContain(`Phiên bản ${CURRENT_NOTICE_VERSION}`);

		for (const path of ['/', `/con/${STUDENT_1}/ai-da-xem`, `/con/${STUDENT_1}/du-lieu`, `/con/${STUDENT_1}/du-lieu.json`]) {
			const response = await get(browser, path);
			expect(response.status, path).toBe(303);
			expect(response.headers.get('location'), path).toBe('/dong-y');
		}
		const refused = await ticket(browser, DOCUMENTS.studentView);
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { message: string }).message).toContain('thông báo xử lý dữ liệu cá nhân');
		expect(await logRows()).toEqual([]);
		// PR13: /api/me answers who is signed in, but names no document (no child) before acceptance.
		const meBefore = await get(browser, '/api/me');
		expect(meBefore.status).toBe(200);
		expect(await meBefore.json()).toMatchObject({ person: { id: PEOPLE.parent.id }, activeRole: 'guardian', consentNeeded: true, documents: [] });

		// PR2: accepting a version other than the current one records nothing.
		const stale = await browser.request(`${env.origin}/dong-y?/dong-y`, {
			method: 'POST',
			headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ version: '2000-01' })
		});
		expect(stale.status).toBe(303);
		expect(await acceptedVersions(env.db, PEOPLE.parent.id)).toEqual([]);

		expect(await env.acceptNotice(browser)).toBe(303);
		const [row] = await env.db.select().from(t.guardianConsents).where(eq(t.guardianConsents.personId, PEOPLE.parent.id));
		expect(row).toMatchObject({ version: CURRENT_NOTICE_VERSION });
		expect(Math.abs(row!.acceptedAt.getTime() - Date.now())).toBeLessThan(60_000);
		// Past the notice: a parent with one verified child goes on to the child's page (parents SPEC PV7).
		const home = await get(browser, '/');
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe(`/con/${STUDENT_1}`);
		expect((await ticket(browser, DOCUMENTS.studentView)).status).toBe(200);
		const meAfter = (await (await get(browser, '/api/me')).json()) as { consentNeeded: boolean; documents: Array<{ name: string }> };
		expect(meAfter.consentNeeded).toBe(false);
		expect(meAfter.documents.map((d) => d.name)).toContain(DOCUMENTS.studentView);
	});

	it('PR2: a new notice version asks again', async () => {
		await env.db.insert(t.guardianConsents).values({ personId: PEOPLE.teacherParent.id, version: '2025-01', acceptedAt: new Date('2025-09-01T00:00:00Z') });
		const { browser } = await signedIn('teacherParent', 'guardian');
		const home = await get(browser, '/');
		expect(home.headers.get('location')).toBe('/dong-y');
		expect(await (await get(browser, '/dong-y')).text()).toContain('cập nhật');
		expect((await ticket(browser, DOCUMENTS.otherStudentView)).status).toBe(403);
		expect(await env.acceptNotice(browser)).toBe(303);
		expect((await ticket(browser, DOCUMENTS.otherStudentView)).status).toBe(200);
		expect((await acceptedVersions(env.db, PEOPLE.teacherParent.id)).sort()).toEqual(['2025-01', CURRENT_NOTICE_VERSION].sort());
	});

	it('PR1: staff are never asked — the same person acting as staff included', async () => {
		await env.db.delete(t.guardianConsents).where(eq(t.guardianConsents.personId, PEOPLE.teacherParent.id));
		const { browser, url } = await signedIn('teacherParent', 'staff');
		expect(url.pathname).toBe('/');
		expect((await get(browser, '/')).status).toBe(200);
		expect((await ticket(browser, DOCUMENTS.otherClassGradebook)).status).toBe(200);
		const teacher = await signedIn('mathTeacher');
		expect(teacher.url.pathname).toBe('/');
		expect((await get(teacher.browser, '/dong-y')).headers.get('location')).toBe('/');
	});

	it('PR3: declining explains the paper report book and offers to sign out', async () => {
		const { browser } = await signedIn('pendingParent');
		const declined = await browser.request(`${env.origin}/dong-y?/tu-choi`, {
			method: 'POST',
			headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams()
		});
		expect(declined.status).toBe(200);
		const html = await declined.text();
		expect(html).toContain('sổ liên lạc giấy');
		expect(html).toContain('action="/dang-xuat"');
		expect(await acceptedVersions(env.db, PEOPLE.pendingParent.id)).toEqual([]);
	});

	it('PR15: withdrawing consent is recorded and closes the child’s data until the guardian accepts again', async () => {
		const { browser } = await signedIn('parent');
		if ((await get(browser, '/')).headers.get('location') === '/dong-y') expect(await env.acceptNotice(browser)).toBe(303);
		expect((await ticket(browser, DOCUMENTS.studentView)).status).toBe(200);
		const page = await (await get(browser, '/dong-y')).text();
		expect(page).toContain('Rút lại đồng ý');
		const withdrawn = await browser.request(`${env.origin}/dong-y?/rut-lai`, {
			method: 'POST',
			headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams()
		});
		expect(withdrawn.status).toBe(200);
		const html = await withdrawn.text();
		expect(html).toContain('Bạn đã rút lại sự đồng ý');
		expect(html).toContain('sổ liên lạc giấy');
		expect(await acceptedVersions(env.db, PEOPLE.parent.id)).toEqual([]);
		const history = await env.db.select().from(t.guardianConsentWithdrawals).where(eq(t.guardianConsentWithdrawals.personId, PEOPLE.parent.id));
		expect(history.map((h) => h.version)).toEqual([CURRENT_NOTICE_VERSION]);
		const child = await get(browser, `/con/${STUDENT_1}`);
		expect(child.status).toBe(303);
		expect(child.headers.get('location')).toBe('/dong-y');
		expect((await ticket(browser, DOCUMENTS.studentView)).status).toBe(403);
		// Accepting again opens it again, with the new time.
		expect(await env.acceptNotice(browser)).toBe(303);
		expect((await ticket(browser, DOCUMENTS.studentView)).status).toBe(200);
		const [row] = await env.db.select().from(t.guardianConsents).where(eq(t.guardianConsents.personId, PEOPLE.parent.id));
		expect(row!.withdrawnAt).toBeNull();
		expect(row!.acceptedAt.getTime()).toBeGreaterThan(history[0]!.acceptedAt.getTime());
	});
});

describe('the view log (PR4–PR9) and a guardian’s pages (PR10–PR12)', () => {
	let parent: HttpBrowser;
	let principal: HttpBrowser;
	beforeAll(async () => {
		await env.db.delete(t.viewLog);
		parent = (await signedIn('parent')).browser;
		principal = (await signedIn('principal')).browser;
	});

	it('PR4/PR5/PR6: each path writes one entry per class, student or school, with the role', async () => {
		const math = (await signedIn('mathTeacher')).browser;
		expect((await ticket(math, DOCUMENTS.mathGradebook)).status).toBe(200);
		expect((await ticket(math, DOCUMENTS.timetable)).status).toBe(200);
		const homeroom = (await signedIn('homeroomTeacher')).browser;
		expect((await ticket(homeroom, DOCUMENTS.homeroom)).status).toBe(200);
		expect((await get(homeroom, `/lop/${SCHOOL}/${YEAR}/6a1/tong-ket?ky=hk1`)).status).toBe(200);
		const xlsx = await get(homeroom, `/lop/${SCHOOL}/${YEAR}/6a1/tong-ket.xlsx?ky=ca-nam`);
		expect(xlsx.status).toBe(200);
		await xlsx.arrayBuffer();
		const other = (await signedIn('teacherParent', 'staff')).browser;
		expect((await ticket(other, DOCUMENTS.otherClassGradebook)).status).toBe(200);
		expect((await ticket(parent, DOCUMENTS.studentView)).status).toBe(200);
		for (const path of [
			'/quan-ly/nhat-ky-diem.csv',
			'/quan-ly/do-phu.xlsx',
			'/quan-ly/xac-minh-phu-huynh',
			`/quan-ly/xac-minh-phu-huynh/${PEOPLE.parent.id}/${STUDENT_1}`,
			'/quan-ly/do-phu',
			'/quan-ly/yeu-cau-sua-diem',
			'/quan-ly/toan-ven',
			'/quan-ly/xet-tot-nghiep'
		]) {
			const response = await get(principal, path);
			expect(response.status, path).toBe(200);
			await response.arrayBuffer();
		}
		const preview = await principal.request(`${env.origin}/quan-ly/nhap-danh-sach/kiem-tra`, { method: 'POST', headers: { origin: env.origin }, body: new Uint8Array([1, 2, 3]) });
		expect(preview.status).toBe(200);
		await preview.text();

		const rows = (await logRows()).map((r) => ({ who: r.actorId, role: r.roleLabel, kind: r.kind, what: r.what, school: r.schoolId, year: r.year, classCode: r.classCode, student: r.studentId }));
		const at = { school: SCHOOL, year: YEAR };
		expect(rows).toEqual([
			{ who: PEOPLE.mathTeacher.id, role: 'Giáo viên bộ môn Toán', kind: 'document', what: 'Sổ điểm Toán lớp 6A1 — HK I', ...at, classCode: '6a1', student: null },
			{ who: PEOPLE.homeroomTeacher.id, role: 'Giáo viên chủ nhiệm lớp 6A1', kind: 'document', what: 'Sổ chủ nhiệm lớp 6A1 — HK I', ...at, classCode: '6a1', student: null },
			{ who: PEOPLE.homeroomTeacher.id, role: 'Giáo viên chủ nhiệm lớp 6A1', kind: 'page', what: 'Tổng kết lớp 6A1 (HK I)', ...at, classCode: '6a1', student: null },
			{ who: PEOPLE.homeroomTeacher.id, role: 'Giáo viên chủ nhiệm lớp 6A1', kind: 'export', what: 'Tệp Excel tổng kết lớp 6A1 (cả năm)', ...at, classCode: '6a1', student: null },
			{ who: PEOPLE.teacherParent.id, role: 'Giáo viên bộ môn Toán', kind: 'document', what: 'Sổ điểm Toán lớp 6A2 — HK I', ...at, classCode: '6a2', student: null },
			{ who: PEOPLE.parent.id, role: 'Phụ huynh (cha)', kind: 'document', what: `Trang kết quả học tập của học sinh, năm học ${YEAR}`, ...at, classCode: null, student: STUDENT_1 },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'export', what: `Tệp CSV nhật ký sửa điểm toàn trường, năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'export', what: `Tệp Excel độ phủ hồ sơ (danh sách còn thiếu), năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: 'Bàn xác minh phụ huynh — danh sách toàn trường', ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: 'Bàn xác minh phụ huynh — hồ sơ một liên kết phụ huynh – học sinh', ...at, classCode: null, student: STUDENT_1 },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: `Độ phủ hồ sơ (danh sách còn thiếu), năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: `Yêu cầu sửa điểm toàn trường, năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: `Cảnh báo toàn vẹn dữ liệu, năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: `Danh sách xét công nhận tốt nghiệp THCS, năm học ${YEAR}`, ...at, classCode: null, student: null },
			{ who: PEOPLE.principal.id, role: 'Hiệu trưởng', kind: 'page', what: `Xem trước tệp danh sách học sinh và phụ huynh, năm học ${YEAR}`, ...at, classCode: null, student: null }
		]);
	});

	it('PR7/PR10: "Ai đã xem" lists the views of the child and of the child’s class, never another class’s', async () => {
		const page = await get(parent, `/con/${STUDENT_1}/ai-da-xem`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(PEOPLE.mathTeacher.fullName);
		expect(html).toContain('Giáo viên bộ môn Toán');
		expect(html).toContain('Sổ điểm Toán lớp 6A1 — HK I');
		expect(html).toContain('Hiệu trưởng');
		expect(html).not.toContain('6A2');
		expect(html).not.toContain(PEOPLE.teacherParent.fullName);
		expect(html).not.toContain(PEOPLE.otherStudent.fullName);
	});

	it('PR10: another child’s guardian, a pending guardian and staff are refused', async () => {
		const otherGuardian = (await signedIn('teacherParent', 'guardian')).browser;
		await env.acceptNotice(otherGuardian);
		const pending = (await signedIn('pendingParent')).browser;
		await env.acceptNotice(pending);
		const teacher = (await signedIn('homeroomTeacher')).browser;
		for (const browser of [otherGuardian, pending, teacher]) {
			for (const path of [`/con/${STUDENT_1}/ai-da-xem`, `/con/${STUDENT_1}/du-lieu`, `/con/${STUDENT_1}/du-lieu.json`]) {
				const response = await get(browser, path);
				expect(response.status, path).toBe(403);
				expect(await response.text()).not.toContain(PEOPLE.student.fullName);
			}
		}
		for (const path of [`/con/${STUDENT_2}/ai-da-xem`, `/con/${STUDENT_2}/du-lieu.json`]) expect((await get(parent, path)).status, path).toBe(403);
	});

	it('PR11/PR12: the export holds the child’s data, others masked, no other child’s data — and is logged', async () => {
		const before = (await logRows()).length;
		const response = await get(parent, `/con/${STUDENT_1}/du-lieu.json`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('attachment');
		const text = await response.text();
		const data = JSON.parse(text) as Awaited<ReturnType<typeof childExport>> & object;
		expect(data.child).toMatchObject({ studentId: STUDENT_1, fullName: PEOPLE.student.fullName, moetCode: '7900000001' });
		expect(data.child.personalIdMasked).toMatch(/^\d{4}\*{6}\d{2}$/);
		expect(text).not.toContain(PEOPLE.student.personalId);
		expect(data.enrolments).toEqual([{ year: YEAR, className: '6A1', school: 'Trường THCS Thử' }]);
		expect(data.guardians).toContainEqual({ fullName: PEOPLE.pendingParent.fullName, relation: 'mẹ', you: false });
		expect(data.guardians.find((g) => g.you)).toMatchObject({ fullName: PEOPLE.parent.fullName, relation: 'cha', state: 'Nhà trường đã xác minh' });
		expect(text).not.toContain(PEOPLE.pendingParent.personalId);
		expect(data.marks).toEqual([expect.objectContaining({ book: 'Toán — 6A1 — HK I', column: 'ĐĐGtx1', value: '8.5' })]);
		expect(data.markHistory).toEqual([expect.objectContaining({ newValue: '8.5', by: PEOPLE.mathTeacher.fullName })]);
		expect(data.corrections).toEqual([expect.objectContaining({ column: 'ĐĐGgk', oldValue: '7.0', newValue: '9.0', status: 'Đang chờ duyệt' })]);
		expect(data.consents).toEqual([{ version: CURRENT_NOTICE_VERSION, acceptedAt: expect.any(String) }]);
		expect(data.viewLog.map((v) => v.role)).toContain('Giáo viên bộ môn Toán');
		// Nothing of the other child: name, code, ID number, marks, class, guardian. The marks are
		// looked for as JSON strings: bare, "3.25" also occurs in a time like 06:32:23.255Z.
		for (const foreign of [PEOPLE.otherStudent.fullName, '7900000002', PEOPLE.otherStudent.personalId, STUDENT_2, '"3.25"', '"4.75"', '6A2', PEOPLE.teacherParent.fullName]) {
			expect(text, foreign).not.toContain(foreign);
		}
		const html = await (await get(parent, `/con/${STUDENT_1}/du-lieu`)).text();
		expect(html).toContain(`Toàn bộ dữ liệu nhà trường giữ về ${PEOPLE.student.fullName}`);
		expect(html).toContain('In trang này');
		for (const foreign of [PEOPLE.otherStudent.fullName, '7900000002', PEOPLE.teacherParent.fullName]) expect(html).not.toContain(foreign);
		const logged = (await logRows()).slice(before);
		expect(logged.map((r) => [r.actorId, r.roleLabel, r.kind, r.studentId])).toEqual([
			[PEOPLE.parent.id, 'Phụ huynh (cha)', 'export', STUDENT_1],
			[PEOPLE.parent.id, 'Phụ huynh (cha)', 'page', STUDENT_1]
		]);
	});

	it('PR9: the principal reads the school’s log, filtered and paginated; no one else does', async () => {
		const all = await (await get(principal, '/quan-ly/nhat-ky-truy-cap')).text();
		expect(all).toContain(PEOPLE.mathTeacher.fullName);
		expect(all).toContain('Giáo viên chủ nhiệm lớp 6A1');
		const sixA2 = await (await get(principal, '/quan-ly/nhat-ky-truy-cap?lop=6a2')).text();
		expect(sixA2).toContain('Sổ điểm Toán lớp 6A2 — HK I');
		expect(sixA2).not.toContain('Sổ điểm Toán lớp 6A1');
		const byPerson = await (await get(principal, `/quan-ly/nhat-ky-truy-cap?nguoi=${PEOPLE.parent.id}`)).text();
		expect(byPerson).toContain('Phụ huynh (cha)');
		expect(byPerson).not.toContain('Giáo viên bộ môn Toán</td>');
		const future = await (await get(principal, '/quan-ly/nhat-ky-truy-cap?tu=2999-01-01')).text();
		expect(future).toContain('0 lượt xem');
		const { rows, total } = await schoolLog(env.db, SCHOOL, {}, 1);
		expect(rows.length).toBe(total);
		expect((await schoolLog(env.db, 'thcs-khac', {}, 1)).total).toBe(0);
		for (const person of ['homeroomTeacher', 'mathTeacher', 'districtOfficer', 'otherSchoolTeacher'] as const) {
			expect((await get((await signedIn(person)).browser, '/quan-ly/nhat-ky-truy-cap')).status, person).toBe(403);
		}
	});

	it('PR8: when the log cannot be written, exports, pages and tickets are refused with 503 — and served again once it can', async () => {
		const math = (await signedIn('mathTeacher')).browser;
		await env.db.execute(sql`ALTER TABLE view_log RENAME TO view_log_away`);
		try {
			const csv = await get(principal, '/quan-ly/nhat-ky-diem.csv');
			expect(csv.status).toBe(503);
			const body = await csv.text();
			expect(body).toContain('Không ghi được nhật ký truy cập');
			expect(body).not.toContain(PEOPLE.student.fullName);
			const json = await get(parent, `/con/${STUDENT_1}/du-lieu.json`);
			expect(json.status).toBe(503);
			expect(await json.text()).not.toContain('7900000001');
			const live = await ticket(math, DOCUMENTS.mathGradebook);
			expect(live.status).toBe(503);
			expect(((await live.json()) as { ticket?: string }).ticket).toBeUndefined();
			expect((await get(principal, `/lop/${SCHOOL}/${YEAR}/6a1/tong-ket?ky=hk1`)).status).toBe(503);
		} finally {
			await env.db.execute(sql`ALTER TABLE view_log_away RENAME TO view_log`);
		}
		expect((await ticket(math, DOCUMENTS.mathGradebook)).status).toBe(200);
		expect((await get(principal, '/quan-ly/nhat-ky-diem.csv')).status).toBe(200);
	});
});

describe.each(storageBackends().map((backend) => [backend.name, backend] as const))('privacy storage on %s', (_name, backend) => {
	let opened: Awaited<ReturnType<typeof backend.open>>;
	const db = () => opened.handle.db;
	beforeAll(async () => {
		opened = await backend.open();
		await seedAccessSchool(db(), { idHashKey: randomBytes(32), idEncryptionKey: randomBytes(32), syncTicketSecret: randomBytes(32) });
	});
	afterAll(() => opened?.cleanup());

	it('PR1/PR2: consent per version, the first time kept', async () => {
		await recordConsent(db(), PEOPLE.parent.id, new Date('2026-01-02T00:00:00Z'), 'v1');
		await recordConsent(db(), PEOPLE.parent.id, new Date('2026-01-03T00:00:00Z'), 'v1');
		await recordConsent(db(), PEOPLE.parent.id, new Date('2026-02-01T00:00:00Z'), 'v2');
		expect((await acceptedVersions(db(), PEOPLE.parent.id)).sort()).toEqual(['v1', 'v2']);
		const rows = await db().select().from(t.guardianConsents).where(eq(t.guardianConsents.version, 'v1'));
		expect(rows.map((r) => r.acceptedAt.toISOString())).toEqual(['2026-01-02T00:00:00.000Z']);
	});

	it('PR14: the sync server’s decision (upgrade and re-decision) refuses a guardian without the current notice', async () => {
		const now = new Date();
		// A verified guardian of STUDENT_2 (a teacher acting as a parent) who has accepted nothing: refused.
		const parentSession = await createSession(db(), generateSessionToken(), PEOPLE.teacherParent.id, now, { activeRole: 'guardian' });
		expect(await acceptedVersions(db(), PEOPLE.teacherParent.id)).toEqual([]);
		const question = { personId: PEOPLE.teacherParent.id, sessionId: parentSession.id, document: DOCUMENTS.otherStudentView };
		expect(await currentDocumentAccess(db(), question, now)).toBe('none');
		// An outdated version does not count (PR2).
		await recordConsent(db(), PEOPLE.teacherParent.id, now, '2000-01');
		expect(await currentDocumentAccess(db(), question, now)).toBe('none');
		await recordConsent(db(), PEOPLE.teacherParent.id, now);
		expect(await currentDocumentAccess(db(), question, now)).toBe('read');
		// Staff acting as staff are never asked: the same rule the HTTP gate applies (PR1).
		const teacherSession = await createSession(db(), generateSessionToken(), PEOPLE.mathTeacher.id, now, { activeRole: 'staff' });
		expect(await currentDocumentAccess(db(), { personId: PEOPLE.mathTeacher.id, sessionId: teacherSession.id, document: DOCUMENTS.mathGradebook }, now)).toBe('write');
	});

	it('PR15: a withdrawal ends every standing acceptance, is kept in the history, and refuses the sync decision', async () => {
		const now = new Date();
		const session = await createSession(db(), generateSessionToken(), PEOPLE.teacherParent.id, now, { activeRole: 'guardian' });
		await recordConsent(db(), PEOPLE.teacherParent.id, now);
		const question = { personId: PEOPLE.teacherParent.id, sessionId: session.id, document: DOCUMENTS.otherStudentView };
		expect(await currentDocumentAccess(db(), question, now)).toBe('read');
		const standing = (await acceptedVersions(db(), PEOPLE.teacherParent.id)).length;
		expect(standing).toBe(2);
		expect(await withdrawConsent(db(), PEOPLE.teacherParent.id, new Date(now.getTime() + 1000))).toBe(standing);
		expect(await acceptedVersions(db(), PEOPLE.teacherParent.id)).toEqual([]);
		expect(await currentDocumentAccess(db(), question, now)).toBe('none');
		expect(await withdrawConsent(db(), PEOPLE.teacherParent.id, new Date(now.getTime() + 2000))).toBe(0);
		const history = await db().select().from(t.guardianConsentWithdrawals).where(eq(t.guardianConsentWithdrawals.personId, PEOPLE.teacherParent.id));
		expect(history).toHaveLength(standing);
		// Accepting again counts again, with the new time.
		await recordConsent(db(), PEOPLE.teacherParent.id, new Date(now.getTime() + 3000));
		expect(await currentDocumentAccess(db(), question, now)).toBe('read');
	});

	it('PR16: pruning removes the view-log entries past 24 months, and only those', async () => {
		const actor = { id: PEOPLE.principal.id, name: PEOPLE.principal.fullName };
		const scopes = [{ kind: 'school' as const, school: SCHOOL, year: YEAR }];
		const now = new Date('2027-09-10T03:00:00Z');
		const write = (what: string, at: Date) => logView(db(), { actor, roleLabel: 'Hiệu trưởng', kind: 'page', target: '/retention', what, scopes }, at);
		await write('cũ quá hạn', new Date('2025-09-09T03:00:00Z'));
		await write('đúng hạn cuối', new Date('2025-09-10T03:00:00Z'));
		await write('còn hạn', new Date('2025-09-10T03:00:01Z'));
		const before = (await db().select().from(t.viewLog)).filter((r) => r.target !== '/retention').length;
		expect(await pruneViewLog(db(), now)).toBe(2);
		const left = await db().select().from(t.viewLog);
		expect(left.filter((r) => r.target === '/retention').map((r) => r.what)).toEqual(['còn hạn']);
		expect(left.filter((r) => r.target !== '/retention')).toHaveLength(before);
		await db().delete(t.viewLog).where(eq(t.viewLog.target, '/retention'));
	});

	it('PR5/PR7: the child log holds the child’s, the class’s and school-wide entries — never another child’s or class’s', async () => {
		const actor = { id: PEOPLE.principal.id, name: PEOPLE.principal.fullName };
		const at = new Date('2026-01-05T02:00:00Z');
		const entry = (what: string, scopes: Parameters<typeof logView>[1]['scopes']) => logView(db(), { actor, roleLabel: 'Hiệu trưởng', kind: 'page', target: '/x', what, scopes }, at);
		await entry('own', [{ kind: 'student', school: SCHOOL, year: YEAR, student: STUDENT_1 }]);
		await entry('other child', [{ kind: 'student', school: SCHOOL, year: YEAR, student: STUDENT_2 }]);
		await entry('two classes', [
			{ kind: 'class', school: SCHOOL, year: YEAR, classCode: '6a1' },
			{ kind: 'class', school: SCHOOL, year: YEAR, classCode: '6a2' }
		]);
		await entry('other year', [{ kind: 'class', school: SCHOOL, year: '2024-2025', classCode: '6a1' }]);
		await entry('school', [{ kind: 'school', school: SCHOOL, year: YEAR }]);
		await entry('other school', [{ kind: 'school', school: 'thcs-khac', year: YEAR }]);
		expect((await db().select().from(t.viewLog)).length).toBe(7);
		const mine = await childLog(db(), STUDENT_1);
		expect(mine.map((r) => [r.what, r.classCode, r.studentId]).sort()).toEqual(
			[
				['own', null, STUDENT_1],
				['two classes', '6a1', null],
				['school', null, null]
			].sort()
		);
		expect((await childLog(db(), STUDENT_2)).map((r) => r.what).sort()).toEqual(['other child', 'school', 'two classes']);
	});

	it('PR8: a log that cannot be written refuses the view with 503', async () => {
		await db().execute(sql`ALTER TABLE view_log RENAME TO view_log_away`);
		try {
			await expect(
				recordViewIn(db(), { person: { id: PEOPLE.principal.id, fullName: PEOPLE.principal.fullName }, grants: emptyGrants(PEOPLE.principal.id) }, { kind: 'export', target: '/x', what: 'x', scopes: [{ kind: 'school', school: SCHOOL, year: YEAR }] }, new Date())
			).rejects.toMatchObject({ status: 503 });
		} finally {
			await db().execute(sql`ALTER TABLE view_log_away RENAME TO view_log`);
		}
	});

	it('PR11: the export of one child holds nothing of the other', async () => {
		const data = await childExport(db(), PEOPLE.parent.id, STUDENT_1, new Date('2026-01-06T00:00:00Z'));
		const text = JSON.stringify(data);
		expect(data?.child.fullName).toBe(PEOPLE.student.fullName);
		for (const foreign of [PEOPLE.otherStudent.fullName, STUDENT_2, 'other child', PEOPLE.teacherParent.fullName]) expect(text, foreign).not.toContain(foreign);
		expect(data?.consents.map((c) => c.version).sort()).toEqual(['v1', 'v2']);
		expect(await childExport(db(), PEOPLE.parent.id, 'no-such-student', new Date())).toBeNull();
	});
});
