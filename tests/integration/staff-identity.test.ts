/**
 * Identity data and staff management that cannot be abused (issue 7, items 7 and 8, "Names"),
 * against the real app on PostgreSQL and a real VNeID simulator: adding a registered person needs
 * the number, the name and the date of birth (identity SPEC I18); a school disables only its own
 * grants (access SPEC A10); only a district officer disables everywhere (A11); every change is
 * audited (A12); hidden characters in names are refused (I16); and after sign-ins no table holds a
 * personal ID number or a provider subject in plain text.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, sessions, staffAudit, staffRoles, staffSuspensions } from '../../drizzle/schema';
import { encodeCitizenId } from '../../src/lib/domain/identity/citizen-id';
import { registerDocuments } from '../../src/lib/server/documents';
import { hashPersonalId } from '../../src/lib/server/personal-id';
import { IDENTITY_MISMATCH } from '../../src/lib/server/staff';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { DOCUMENTS, OTHER_SCHOOL, PEOPLE, SCHOOL, UNREGISTERED, YEAR } from '../fixtures/access-school';
import type { Citizen } from '../tools/vneid-simulator/citizens';
import { HttpBrowser } from './helpers/http-browser';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

/** A citizen whose provider name claim carries a right-to-left override (I16). */
const BIDI_NAME: Citizen = {
	personalId: encodeCitizenId({ province: '001', sex: 'male', birthYear: 1988, serial: 424_242 }),
	name: 'Trần \u202EnáV\u202C Lừa',
	birthdate: '1988-02-02',
	gender: 'male'
};

const OTHER_SCHOOL_GRADEBOOK = formatDocumentName({ kind: 'gradebook', school: OTHER_SCHOOL, year: YEAR, term: 'hk1', classCode: '6a1', subject: 'toan' });

let env: VneidApp;

beforeAll(async () => {
	env = await startVneidApp({}, [BIDI_NAME]);
	await registerDocuments(env.db, [OTHER_SCHOOL_GRADEBOOK]);
});
afterAll(() => env?.stop());

/** Signs in; a person with two capacities chooses `as`; a guardian accepts the purpose notice. */
async function signedIn(personalId: string, as: 'staff' | 'guardian' = 'staff'): Promise<HttpBrowser> {
	const { browser, url } = await env.signIn(personalId);
	if (url.pathname === '/chon-vai-tro') expect((await postForm(browser, '/chon-vai-tro', { role: as })).status).toBe(303);
	// A guardian accepts the purpose notice first (privacy SPEC PR1).
	else if (url.pathname === '/dong-y') expect(await env.acceptNotice(browser)).toBe(303);
	// Home, or for a parent with one verified child that child's page (parents SPEC PV7).
	else expect(url.pathname).toMatch(/^\/(con\/[a-z0-9-]+)?$/);
	return browser;
}

function postForm(browser: HttpBrowser, path: string, fields: Record<string, string>): Promise<Response> {
	return browser.request(`${env.origin}${path}`, {
		method: 'POST',
		headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
}

async function me(browser: HttpBrowser): Promise<{ status: number; actingRoles?: string[] }> {
	const response = await browser.request(`${env.origin}/api/me`);
	return { status: response.status, ...(response.ok ? ((await response.json()) as { actingRoles: string[] }) : {}) };
}

async function ticketStatus(browser: HttpBrowser, document: string): Promise<number> {
	const response = await browser.request(`${env.origin}/api/sync-ticket`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ document })
	});
	return response.status;
}

const auditOf = (personId: string) => env.db.select().from(staffAudit).where(eq(staffAudit.personId, personId));
const rolesAt = (personId: string, school: string) =>
	env.db.select().from(staffRoles).where(and(eq(staffRoles.personId, personId), eq(staffRoles.organisationId, school)));
const personRow = async (personId: string) => (await env.db.select().from(people).where(eq(people.id, personId)))[0]!;

describe('adding a person already registered (identity SPEC I18)', () => {
	const parent = PEOPLE.parent;

	it('I18 a right number with a wrong name is refused with one neutral message that names nobody', async () => {
		const principal = await signedIn(PEOPLE.principal.personalId);
		const response = await postForm(principal, '/quan-ly/nhan-su?/them', { fullName: 'Đặng Văn Con', personalId: parent.personalId, birthDate: parent.birthDate });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain(IDENTITY_MISMATCH);
		expect(html).not.toContain(parent.fullName);
		expect(await rolesAt(parent.id, SCHOOL)).toEqual([]);
		expect(await auditOf(parent.id)).toEqual([]);
	});

	it('I18 a right number and name with another date of the same birth year gets the same message', async () => {
		const principal = await signedIn(PEOPLE.principal.personalId);
		const response = await postForm(principal, '/quan-ly/nhan-su?/them', { fullName: parent.fullName, personalId: parent.personalId, birthDate: '1983-11-20' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(IDENTITY_MISMATCH);
		expect(await rolesAt(parent.id, SCHOOL)).toEqual([]);
	});

	it('I18 number, name (another case, spacing and Unicode form) and date together add the person, audited', async () => {
		const teacher = PEOPLE.otherSchoolTeacher;
		const principal = await signedIn(PEOPLE.principal.personalId);
		const typed = `  ${teacher.fullName.toLocaleUpperCase('vi')}  `.normalize('NFD');
		const response = await postForm(principal, '/quan-ly/nhan-su?/them', { fullName: typed, personalId: teacher.personalId, birthDate: teacher.birthDate });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Đã thêm giáo viên');
		expect(await rolesAt(teacher.id, SCHOOL)).toEqual([{ personId: teacher.id, organisationId: SCHOOL, role: 'teacher' }]);
		// The registered record is reused, never overwritten by what was typed.
		expect((await personRow(teacher.id)).fullName).toBe(teacher.fullName);
		expect(await auditOf(teacher.id)).toEqual([expect.objectContaining({ actorId: PEOPLE.principal.id, schoolId: SCHOOL, action: 'add' })]);
	});

	it('I16 a name with a bidi override or a zero-width space is refused by the staff form and creates nobody', async () => {
		const principal = await signedIn(PEOPLE.principal.personalId);
		const personalId = encodeCitizenId({ province: '079', sex: 'female', birthYear: 1992, serial: 818_181 });
		for (const fullName of ['Lê Thị \u202EnaL', 'Lê\u200B Thị Lan']) {
			const response = await postForm(principal, '/quan-ly/nhan-su?/them', { fullName, personalId, birthDate: '1992-05-05' });
			expect(response.status).toBe(400);
			expect(await response.text()).toContain('ký tự ẩn');
		}
		expect(await env.db.select().from(people).where(eq(people.personalIdHash, hashPersonalId(env.keys.idHashKey, personalId)))).toEqual([]);
	});

	it('I16 a provider name claim with a bidi override refuses the sign-in, with no session', async () => {
		const before = await env.sessionCount();
		const { url, response, browser } = await env.signIn(BIDI_NAME.personalId);
		expect(url.pathname).toBe('/dang-nhap/khong-thanh-cong');
		expect(await response.text()).toContain('data-reason="invalid-name"');
		expect(browser.cookies.has('sodiem_session')).toBe(false);
		expect(await env.sessionCount()).toBe(before);
	});
});

describe('disabling at one school (access SPEC A10)', () => {
	it('A10 ends only that school’s grants: the teacher keeps her other school and her session', async () => {
		const teacher = PEOPLE.otherSchoolTeacher; // added to SCHOOL above, teaches at OTHER_SCHOOL
		const hers = await signedIn(teacher.personalId);
		expect(await ticketStatus(hers, OTHER_SCHOOL_GRADEBOOK)).toBe(200);
		const principal = await signedIn(PEOPLE.principal.personalId);
		const response = await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: teacher.id });
		expect(response.status).toBe(200);
		expect(await env.db.select().from(staffSuspensions).where(eq(staffSuspensions.personId, teacher.id))).toEqual([
			expect.objectContaining({ schoolId: SCHOOL, disabledBy: PEOPLE.principal.id })
		]);
		expect((await personRow(teacher.id)).disabledAt).toBeNull();
		expect((await me(hers)).status).toBe(200);
		expect(await ticketStatus(hers, OTHER_SCHOOL_GRADEBOOK)).toBe(200);
		expect((await env.signIn(teacher.personalId)).url.pathname).toBe('/');
	});

	it('A10 a teacher who is also a parent keeps the guardian role and session; the school’s documents close', async () => {
		const teacherParent = PEOPLE.teacherParent;
		const asStaff = await signedIn(teacherParent.personalId, 'staff');
		const gradebook = formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: '6a2', subject: 'toan' });
		expect(gradebook).toBe(DOCUMENTS.otherClassGradebook);
		expect(await ticketStatus(asStaff, gradebook)).toBe(200);

		const principal = await signedIn(PEOPLE.principal.personalId);
		expect((await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: teacherParent.id })).status).toBe(200);

		expect(await ticketStatus(asStaff, gradebook)).toBe(403);
		const after = await me(asStaff);
		expect(after.status).toBe(200);
		expect(after.actingRoles).toEqual(['guardian']);
		expect((await env.db.select().from(sessions).where(eq(sessions.personId, teacherParent.id))).length).toBeGreaterThan(0);
		// Signing in again goes straight to the guardian view, which still opens her child's data.
		const again = await signedIn(teacherParent.personalId);
		expect((await me(again)).actingRoles).toEqual(['guardian']);
		expect(await ticketStatus(again, DOCUMENTS.otherStudentView)).toBe(200);

		expect((await postForm(principal, '/quan-ly/nhan-su?/kich-hoat', { personId: teacherParent.id })).status).toBe(200);
		expect((await me(again)).actingRoles).toEqual(['staff', 'guardian']);
		expect((await auditOf(teacherParent.id)).map((r) => r.action)).toEqual(['disable', 'enable']);
	});

	it('A10 a staff member with nothing else loses every session and cannot sign in', async () => {
		const victim = PEOPLE.literatureTeacher;
		const hers = await signedIn(victim.personalId);
		const principal = await signedIn(PEOPLE.principal.personalId);
		expect((await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: victim.id })).status).toBe(200);
		expect((await me(hers)).status).toBe(401);
		const refused = await env.signIn(victim.personalId);
		expect(refused.url.pathname).toBe('/dang-nhap/khong-thanh-cong');
		expect(await refused.response.text()).toContain('data-reason="disabled"');
		expect((await postForm(principal, '/quan-ly/nhan-su?/kich-hoat', { personId: victim.id })).status).toBe(200);
		await signedIn(victim.personalId);
	});

	it("A10 a principal cannot touch another school's staff, nor a parent of the school", async () => {
		const principal = await signedIn(PEOPLE.principal.personalId);
		const parentBrowser = await signedIn(PEOPLE.parent.personalId);
		const elsewhere = await postForm(principal, `/quan-ly/nhan-su?truong=${OTHER_SCHOOL}&/vo-hieu-hoa`, { personId: PEOPLE.otherSchoolTeacher.id });
		expect(elsewhere.status).toBe(403);
		const parent = await postForm(principal, '/quan-ly/nhan-su?/vo-hieu-hoa', { personId: PEOPLE.parent.id });
		expect(parent.status).toBe(400);
		expect(await env.db.select().from(staffSuspensions).where(eq(staffSuspensions.schoolId, OTHER_SCHOOL))).toEqual([]);
		expect(await env.db.select().from(staffSuspensions).where(eq(staffSuspensions.personId, PEOPLE.parent.id))).toEqual([]);
		expect((await personRow(PEOPLE.parent.id)).disabledAt).toBeNull();
		expect((await personRow(PEOPLE.otherSchoolTeacher.id)).disabledAt).toBeNull();
		expect((await me(parentBrowser)).status).toBe(200);
		// Nor can a principal use the district's page.
		expect((await postForm(principal, '/phong-gd/nhan-su?/vo-hieu-hoa', { personId: PEOPLE.mathTeacher.id })).status).toBe(403);
		expect((await personRow(PEOPLE.mathTeacher.id)).disabledAt).toBeNull();
	});
});

describe('disabling everywhere (access SPEC A11)', () => {
	it('A11 a district officer disables a supervised school’s teacher everywhere and can re-enable', async () => {
		const victim = PEOPLE.mathTeacher;
		const hers = await signedIn(victim.personalId);
		const officer = await signedIn(PEOPLE.districtOfficer.personalId);
		const page = await officer.request(`${env.origin}/phong-gd/nhan-su`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(victim.fullName);

		const response = await postForm(officer, '/phong-gd/nhan-su?/vo-hieu-hoa', { personId: victim.id });
		expect(response.status).toBe(200);
		expect((await personRow(victim.id)).disabledAt).not.toBeNull();
		expect((await me(hers)).status).toBe(401);
		expect(await env.db.select().from(sessions).where(eq(sessions.personId, victim.id))).toEqual([]);
		const refused = await env.signIn(victim.personalId);
		expect(await refused.response.text()).toContain('data-reason="disabled"');
		expect(await auditOf(victim.id)).toEqual([expect.objectContaining({ actorId: PEOPLE.districtOfficer.id, schoolId: SCHOOL, action: 'disable_everywhere' })]);

		// The school sees it and cannot lift it.
		const principal = await signedIn(PEOPLE.principal.personalId);
		const staffPage = await (await principal.request(`${env.origin}/quan-ly/nhan-su`)).text();
		expect(staffPage).toContain('Bị vô hiệu hóa toàn hệ thống');
		expect(staffPage).toContain('Vô hiệu hóa toàn hệ thống (cấp quản lý)');
		const lift = await postForm(principal, '/quan-ly/nhan-su?/kich-hoat', { personId: victim.id });
		expect(lift.status).toBe(400);
		expect(await lift.text()).toContain('chỉ cấp quản lý mới kích hoạt lại được');
		expect((await personRow(victim.id)).disabledAt).not.toBeNull();

		expect((await postForm(officer, '/phong-gd/nhan-su?/kich-hoat', { personId: victim.id })).status).toBe(200);
		await signedIn(victim.personalId);
	});

	it('A11 not a person outside the office’s schools: a parent only, or the officer themselves', async () => {
		const officer = await signedIn(PEOPLE.districtOfficer.personalId);
		expect((await postForm(officer, '/phong-gd/nhan-su?/vo-hieu-hoa', { personId: PEOPLE.parent.id })).status).toBe(403);
		expect((await postForm(officer, '/phong-gd/nhan-su?/vo-hieu-hoa', { personId: PEOPLE.districtOfficer.id })).status).toBe(403);
		expect((await personRow(PEOPLE.parent.id)).disabledAt).toBeNull();
		expect((await personRow(PEOPLE.districtOfficer.id)).disabledAt).toBeNull();
	});
});

describe('staff audit (access SPEC A12)', () => {
	it('A12 assignments, removals and homerooms are audited and listed on the staff page', async () => {
		const teacher = PEOPLE.homeroomTeacher;
		const principal = await signedIn(PEOPLE.principal.personalId);
		const assignment = { personId: teacher.id, classCode: '6a2', subjectCode: 'ngu-van' };
		expect((await postForm(principal, '/quan-ly/nhan-su?/phan-cong', assignment)).status).toBe(200);
		expect((await postForm(principal, '/quan-ly/nhan-su?/bo-phan-cong', assignment)).status).toBe(200);
		expect((await postForm(principal, '/quan-ly/nhan-su?/chu-nhiem', { personId: teacher.id, classCode: '6a2' })).status).toBe(200);
		const rows = await auditOf(teacher.id);
		expect(rows.map((r) => [r.action, r.actorId, r.schoolId])).toEqual([
			['assign', PEOPLE.principal.id, SCHOOL],
			['unassign', PEOPLE.principal.id, SCHOOL],
			['homeroom', PEOPLE.principal.id, SCHOOL]
		]);
		const page = await (await principal.request(`${env.origin}/quan-ly/nhan-su`)).text();
		expect(page).toContain('Nhật ký nhân sự');
		expect(page).toContain('Bỏ phân công — Hoàng Thị Chủ Nhiệm');
	});
});

describe('identity data at rest (issue 7, item 7)', () => {
	it('after VNeID sign-ins no row of any table holds a personal ID number or a provider subject in plain text', async () => {
		// Everyone who can sign in does so once more; the simulator's `sub` is the personal ID.
		for (const key of ['principal', 'vicePrincipal', 'homeroomTeacher', 'parent', 'pendingParent', 'districtOfficer'] as const) {
			await signedIn(PEOPLE[key].personalId, 'staff');
		}
		await env.signIn(UNREGISTERED.personalId);
		const secrets = [...Object.values(PEOPLE).map((p) => p.personalId), UNREGISTERED.personalId, BIDI_NAME.personalId];
		const needles = secrets.flatMap((id) => [id, Buffer.from(id, 'utf8').toString('hex')]);

		const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;
		const tables = rows<{ table_schema: string; table_name: string }>(
			await env.db.execute(sql`select table_schema, table_name from information_schema.tables
				where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`)
		);
		expect(tables.map((t) => t.table_name)).toContain('oidc_identities');
		let scanned = 0;
		for (const { table_schema, table_name } of tables) {
			const dump = rows<{ row: string }>(await env.db.execute(sql.raw(`select t::text as row from "${table_schema}"."${table_name}" t`)));
			scanned += dump.length;
			for (const { row } of dump) for (const needle of needles) expect(row, `${table_schema}.${table_name}`).not.toContain(needle);
		}
		expect(scanned).toBeGreaterThan(0);
		const identities = rows<{ n: string }>(await env.db.execute(sql`select count(*)::text as n from oidc_identities`));
		expect(Number(identities[0]!.n)).toBeGreaterThanOrEqual(6);
	});
});
