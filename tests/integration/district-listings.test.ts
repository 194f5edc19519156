/**
 * Listings on a district (three schools of the demo's shape, two school years, a student view per
 * student per year) on PostgreSQL: each role gets exactly the documents the access policy grants,
 * read from the key columns — the same answer as asking the policy about every document of the
 * district — the current year unless another is asked for, and nothing of another school.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../drizzle/database';
import * as t from '../../drizzle/schema';
import { seedSchool } from '../../scripts/demo-seed';
import type { Grants } from '../../src/lib/domain/access/grants';
import { documentAccess } from '../../src/lib/domain/access/policy';
import { schoolCoveragePage, schoolResults, SCHOOLS_PER_PAGE } from '../../src/lib/server/district/school-overview';
import { accessibleDocuments, gradebookListings } from '../../src/lib/server/documents';
import { loadGrants } from '../../src/lib/server/grants';
import { compareVietnameseNames } from '../../src/lib/domain/identity/vietnamese-name';
import { DISTRICT_STAFF_PER_PAGE, listDistrictStaff } from '../../src/lib/server/staff';
import { documentRow, parseDocumentName } from '../../src/lib/ydoc/document-name';
import { addStudentViews, copySchool, copyYear } from '../fixtures/district';
import { DEMO_OFFICE, DEMO_SCHOOL, generateDemoSchool } from '../../scripts/demo/demo-school';
import { storageBackends, type OpenedBackend } from '../helpers/test-database';

const SCHOOL = DEMO_SCHOOL.code;
const CURRENT = '2025-2026';
const PAST = '2024-2025';
const OTHERS = [
	{ school: 'thcs-b', prefix: 'b' },
	{ school: 'thcs-c', prefix: 'c' }
];

let opened: OpenedBackend | undefined;
function db(): Database {
	if (!opened) throw new Error('the database did not open; see the beforeAll error');
	return opened.handle.db;
}

beforeAll(async () => {
	opened = await storageBackends().find((b) => b.name === 'postgres')!.open();
	const keys = { idHashKey: randomBytes(32), idEncryptionKey: randomBytes(32) };
	const demo = generateDemoSchool();
	expect(demo.schoolYear.code).toBe(CURRENT);
	await seedSchool(db(), keys as never, demo);
	for (const other of OTHERS) await copySchool(db(), SCHOOL, other);
	for (const school of [SCHOOL, ...OTHERS.map((o) => o.school)]) {
		await copyYear(db(), school, CURRENT, PAST);
		await addStudentViews(db(), school);
	}
	await db().insert(t.people).values({ id: 'officer', fullName: 'Trần Văn Phòng', birthDate: '1980-01-01', gender: 'male' });
	await db().insert(t.staffRoles).values({ personId: 'officer', organisationId: DEMO_OFFICE.code, role: 'district_officer' });
}, 180_000);

afterAll(async () => {
	await opened?.cleanup();
});

/** What the policy grants when asked about every document of the district: the old, full-scan answer. */
async function everyDocumentAsked(grants: Grants, year: string) {
	const rows = await db()
		.select({ name: t.yjsDocuments.name, studentSchool: t.students.schoolId })
		.from(t.yjsDocuments)
		.leftJoin(t.students, eq(t.students.id, t.yjsDocuments.student));
	return rows.flatMap(({ name, studentSchool }) => {
		const parsed = parseDocumentName(name);
		if (!parsed.ok || parsed.ref.year !== year) return [];
		const access = documentAccess(grants, parsed.ref, parsed.ref.kind === 'student' ? { studentSchool: studentSchool ?? undefined } : {});
		return access === 'none' ? [] : [{ name, access }];
	}).sort((a, b) => a.name.localeCompare(b.name));
}

async function personWith(query: Promise<Array<{ id: string }>>): Promise<string> {
	const [row] = await query;
	if (!row) throw new Error('no such person in the district');
	return row.id;
}

const staffOf = (role: 'principal' | 'teacher', school: string) =>
	db().select({ id: t.staffRoles.personId }).from(t.staffRoles).where(and(eq(t.staffRoles.organisationId, school), eq(t.staffRoles.role, role)));

async function roles(): Promise<Record<string, string>> {
	const homeroomTeachers = db().select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments);
	const leaders = db().select({ id: t.staffRoles.personId }).from(t.staffRoles).where(inArray(t.staffRoles.role, ['principal', 'vice_principal']));
	return {
		teacher: await personWith(
			db()
				.selectDistinct({ id: t.teachingAssignments.personId })
				.from(t.teachingAssignments)
				.where(and(eq(t.teachingAssignments.schoolId, SCHOOL), notInArray(t.teachingAssignments.personId, homeroomTeachers), notInArray(t.teachingAssignments.personId, leaders)))
		),
		homeroom: await personWith(db().select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments).where(eq(t.homeroomAssignments.schoolId, SCHOOL))),
		principal: await personWith(staffOf('principal', SCHOOL)),
		'principal of a copy': await personWith(staffOf('principal', 'thcs-c')),
		parent: await personWith(
			db()
				.select({ id: t.guardianships.guardianId })
				.from(t.guardianships)
				.innerJoin(t.students, eq(t.students.id, t.guardianships.studentId))
				.where(and(eq(t.students.schoolId, 'thcs-b'), eq(t.guardianships.state, 'school_checked')))
		),
		'district officer': 'officer'
	};
}

describe('district listings (3 schools × 2 years, student views)', () => {
	it('keys every document of the district as its name says', async () => {
		const rows = await db().select().from(t.yjsDocuments);
		expect(rows.length).toBeGreaterThan(3 * 2 * (312 + 24 + 400));
		for (const { createdAt: _, ...row } of rows) expect(row).toEqual(documentRow(row.name));
	});

	it('gives each role exactly what the policy grants in the current year, and nothing of another school', async () => {
		for (const [role, personId] of Object.entries(await roles())) {
			const grants = await loadGrants(db(), personId);
			const listed = await accessibleDocuments(db(), grants);
			expect(listed, role).toEqual(await everyDocumentAsked(grants, CURRENT));
			const schools = new Set(listed.flatMap(({ name }) => (name.startsWith('student/') ? [] : [name.split('/')[1]])));
			const expectedSchool = role === 'principal of a copy' ? 'thcs-c' : SCHOOL;
			if (role === 'parent' || role === 'district officer') expect(schools.size, role).toBe(0);
			else expect([...schools], role).toEqual([expectedSchool]);
			expect(listed.every(({ name }) => parseDocumentName(name).ok && name.includes(`/${CURRENT}`)), role).toBe(true);
		}
	});

	it('lists what each role holds in sizes that match their grants', async () => {
		const ids = await roles();
		const count = async (role: string) => (await accessibleDocuments(db(), await loadGrants(db(), ids[role]!))).length;
		const students = (await db().select({ id: t.students.id }).from(t.students).where(eq(t.students.schoolId, SCHOOL))).length;
		const timetables = (await db().select({ name: t.yjsDocuments.name }).from(t.yjsDocuments).where(and(eq(t.yjsDocuments.school, SCHOOL), eq(t.yjsDocuments.year, CURRENT), eq(t.yjsDocuments.kind, 'timetable')))).length;
		expect(timetables).toBe(1);
		// A principal reads the school's gradebooks, homerooms, timetable versions and every student's view of the year.
		expect(await count('principal')).toBe(312 + 24 + timetables + students);
		expect(await count('district officer')).toBe(0);
		const parentGrants = await loadGrants(db(), ids.parent!);
		const children = parentGrants.guardianOf.filter((g) => g.state === 'school_checked').map((g) => g.student);
		expect((await accessibleDocuments(db(), parentGrants)).map((d) => d.name)).toEqual(children.map((c) => `student/${c}/${CURRENT}`).sort());
	});

	it('lists a past year only when asked, through the same grants', async () => {
		for (const [role, personId] of Object.entries(await roles())) {
			const grants = await loadGrants(db(), personId);
			const past = await accessibleDocuments(db(), grants, { year: PAST });
			expect(past, role).toEqual(await everyDocumentAsked(grants, PAST));
			expect(past.every(({ name }) => name.includes(`/${PAST}`)), role).toBe(true);
		}
		const principal = await loadGrants(db(), (await roles()).principal!);
		expect((await accessibleDocuments(db(), principal, { year: PAST })).length).toBeGreaterThan(0);
	});

	it("lists a teacher's gradebooks on the home page with class and subject names, current year only", async () => {
		const grants = await loadGrants(db(), (await roles()).teacher!);
		const listings = await gradebookListings(db(), grants);
		const taught = grants.teaching.filter((a) => a.year === CURRENT);
		expect(listings.length).toBe(taught.length * 2);
		expect(listings.every((l) => l.school === SCHOOL && l.year === CURRENT && l.access === 'write')).toBe(true);
		const past = await gradebookListings(db(), grants, { year: PAST });
		expect(past.map((l) => l.year)).toEqual(past.map(() => PAST));
		expect(past.length).toBe(grants.teaching.filter((a) => a.year === PAST).length * 2);
	});

	it('keeps documents of a school that left no current year out of the default listing', async () => {
		const principal = await loadGrants(db(), (await roles())['principal of a copy']!);
		await db().update(t.schoolYears).set({ current: false }).where(eq(t.schoolYears.schoolId, 'thcs-c'));
		try {
			expect(await accessibleDocuments(db(), principal)).toEqual([]);
			expect((await accessibleDocuments(db(), principal, { year: CURRENT })).length).toBeGreaterThan(0);
		} finally {
			await db().update(t.schoolYears).set({ current: true }).where(and(eq(t.schoolYears.schoolId, 'thcs-c'), inArray(t.schoolYears.year, [CURRENT])));
		}
	});
});

describe("district officer's views (aggregated in SQL)", () => {
	it('pages the supervised schools with their current-year coverage', async () => {
		const officer = await loadGrants(db(), 'officer');
		expect(officer.districtSchools.sort()).toEqual([SCHOOL, 'thcs-b', 'thcs-c'].sort());
		const page = await schoolCoveragePage(db(), officer.districtSchools, 1);
		expect(page).toMatchObject({ page: 1, pages: 1, total: 3 });
		const demo = page.schools.find((s) => s.id === SCHOOL)!;
		expect(demo).toMatchObject({ year: CURRENT, classes: 12, gradebooks: 312 });
		// The demo school's gradebooks hold marks; the copies hold none.
		expect(demo.gradebooksWithMarks).toBeGreaterThan(0);
		expect(page.schools.find((s) => s.id === 'thcs-b')).toMatchObject({ gradebooks: 312, gradebooksWithMarks: 0, students: demo.students });
		// A page past the end shows the last page; only the schools asked for are counted.
		expect((await schoolCoveragePage(db(), ['thcs-c'], 99)).schools.map((s) => s.id)).toEqual(['thcs-c']);
		expect(SCHOOLS_PER_PAGE).toBeGreaterThan(0);
	});

	it("gives one school's results per subject of the year asked", async () => {
		const results = await schoolResults(db(), SCHOOL, CURRENT);
		expect(results.length).toBeGreaterThan(5);
		const marks = await db().select({ value: t.gradeEntries.value }).from(t.gradeEntries).innerJoin(t.yjsDocuments, eq(t.yjsDocuments.name, t.gradeEntries.document)).where(and(eq(t.yjsDocuments.school, SCHOOL), eq(t.yjsDocuments.kind, 'gradebook')));
		expect(results.reduce((n, r) => n + r.marks, 0)).toBe(marks.filter((m) => m.value !== null).length);
		expect(results.every((r) => r.meanScore === null || /^\d+\.\d{2}$/.test(r.meanScore))).toBe(true);
		expect(await schoolResults(db(), 'thcs-b', PAST)).toEqual(expect.arrayContaining([expect.objectContaining({ marks: 0, meanScore: null })]));
	});

	it('pages the staff of the supervised schools by name, 20 a page, each once with their schools', async () => {
		const officer = await loadGrants(db(), 'officer');
		const roleRows = await db().select().from(t.staffRoles).where(inArray(t.staffRoles.organisationId, officer.districtSchools));
		const expected = new Map<string, Set<string>>();
		for (const r of roleRows) expected.set(r.personId, (expected.get(r.personId) ?? new Set()).add(r.organisationId));
		const first = await listDistrictStaff(db(), officer.districtSchools);
		expect(first.total).toBe(expected.size);
		expect(first.pages).toBe(Math.ceil(expected.size / DISTRICT_STAFF_PER_PAGE));
		expect(first.pages).toBeGreaterThan(1);
		const listed = [];
		for (let page = 1; page <= first.pages; page++) {
			const result = await listDistrictStaff(db(), officer.districtSchools, page);
			expect(result.page).toBe(page);
			expect(result.staff.length).toBeLessThanOrEqual(DISTRICT_STAFF_PER_PAGE);
			listed.push(...result.staff);
		}
		// Every person once, in roster order (I15: tên, họ, đệm by the Vietnamese collation — not the
		// database's byte order, which puts "Đặng" after "Z"), with exactly their supervised schools.
		expect(listed.map((s) => s.id).sort()).toEqual([...expected.keys()].sort());
		const names = listed.map((s) => s.fullName);
		expect(names).toEqual([...names].sort(compareVietnameseNames));
		const byteOrder = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		expect(names).not.toEqual(byteOrder);
		for (const s of listed) expect(s.schools.map((school) => school.id).sort()).toEqual([...expected.get(s.id)!].sort());
		expect(listed.find((s) => s.id === 'officer')).toBeUndefined();
		// Past the end shows the last page; one school asked for lists only its staff.
		expect((await listDistrictStaff(db(), officer.districtSchools, 999)).page).toBe(first.pages);
		const ofC = await listDistrictStaff(db(), ['thcs-c'], 1);
		expect(ofC.total).toBe(new Set(roleRows.filter((r) => r.organisationId === 'thcs-c').map((r) => r.personId)).size);
		expect(ofC.staff.every((s) => s.schools.every((school) => school.id === 'thcs-c'))).toBe(true);
	});

	it('the kept roster order follows a renamed person and a new staff member at once, whoever writes them (migration 0019 triggers)', async () => {
		const officer = await loadGrants(db(), 'officer');
		const before = await listDistrictStaff(db(), officer.districtSchools, 1);
		const renamed = before.staff.at(-1)!;
		// "Ân" is an early given name: the renamed person moves to the front of page 1.
		await db().update(t.people).set({ fullName: 'Lê Ân' }).where(eq(t.people.id, renamed.id));
		await db().insert(t.people).values({ id: 'person-new-staff', fullName: 'Võ An', birthDate: '1990-01-01', gender: 'female' });
		await db().insert(t.staffRoles).values({ personId: 'person-new-staff', organisationId: 'thcs-b', role: 'teacher' });
		const after = await listDistrictStaff(db(), officer.districtSchools, 1);
		expect(after.total).toBe(before.total + 1);
		expect(after.staff.slice(0, 2).map((s) => s.fullName)).toEqual(['Võ An', 'Lê Ân']);
		// Leaving the district's staff takes the person out of the order too.
		await db().delete(t.staffRoles).where(eq(t.staffRoles.personId, 'person-new-staff'));
		const again = await listDistrictStaff(db(), officer.districtSchools, 1);
		expect(again.total).toBe(before.total);
		expect(again.staff[0]!.fullName).toBe('Lê Ân');
	});
});
