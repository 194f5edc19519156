/**
 * Coverage over time and the district's coverage page (guardianship SPEC CV1–CV3): one snapshot
 * per school and day however often the page is computed, a seeded history that never overwrites
 * a real day, the district's per-school figures counted in SQL (equal to the principal's), paged,
 * with a week-earlier share — on PostgreSQL and PGlite; and over HTTP, the district page opens for
 * the district officer only and shows only supervised schools.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { identityCoveragePage } from '../../src/lib/server/district/identity-coverage';
import { SCHOOLS_PER_PAGE } from '../../src/lib/server/district/school-overview';
import { loadCoverage, seedCoverageHistory } from '../../src/lib/server/guardianship/coverage';
import { OFFICE, OTHER_SCHOOL, PEOPLE, SCHOOL, STUDENT_1, YEAR, seedAccessSchool } from '../fixtures/access-school';
import { storageBackends } from '../helpers/test-database';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

describe.each(storageBackends().map((backend) => [backend.name, backend] as const))('coverage history on %s', (_name, backend) => {
	let opened: Awaited<ReturnType<typeof backend.open>>;
	const db = () => opened.handle.db;
	// 2026-03-10 10:00 in Vietnam.
	const now = new Date('2026-03-10T03:00:00Z');
	const snapshots = () => db().select().from(t.coverageSnapshots).where(eq(t.coverageSnapshots.schoolId, SCHOOL)).orderBy(t.coverageSnapshots.day);

	beforeAll(async () => {
		opened = await backend.open();
		await seedAccessSchool(db(), { idHashKey: randomBytes(32), idEncryptionKey: randomBytes(32), syncTicketSecret: randomBytes(32) });
	});
	afterAll(() => opened?.cleanup());

	it('CV1 computing the page twice a day keeps one snapshot for the day, holding the last figures', async () => {
		const first = await loadCoverage(db(), SCHOOL, YEAR, now);
		expect(first.school.schoolChecked).toEqual({ done: 2, total: 3, percent: 66 });
		await db()
			.update(t.guardianships)
			.set({ state: 'school_checked' })
			.where(and(eq(t.guardianships.guardianId, PEOPLE.pendingParent.id), eq(t.guardianships.studentId, STUDENT_1)));
		const second = await loadCoverage(db(), SCHOOL, YEAR, new Date(now.getTime() + 3_600_000));
		expect(second.school.schoolChecked).toEqual({ done: 3, total: 3, percent: 100 });
		const rows = await snapshots();
		expect(rows.map((r) => r.day)).toEqual(['2026-03-10']);
		expect(JSON.parse(rows[0]!.figures).schoolChecked).toEqual({ done: 3, total: 3, percent: 100 });
		expect(second.history.map((h) => h.day)).toEqual(['2026-03-10']);
	});

	it('CV1 the seeded history fills earlier days once and never overwrites a day that has one', async () => {
		await seedCoverageHistory(db(), SCHOOL, YEAR, now, 3);
		const rows = await snapshots();
		expect(rows.map((r) => r.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
		const shares = rows.map((r) => (JSON.parse(r.figures) as { schoolChecked: { done: number } }).schoolChecked.done);
		expect(shares).toEqual([...shares].sort((a, b) => a - b));
		await db().update(t.coverageSnapshots).set({ figures: JSON.stringify({ marker: true }) }).where(and(eq(t.coverageSnapshots.schoolId, SCHOOL), eq(t.coverageSnapshots.day, '2026-03-08')));
		await seedCoverageHistory(db(), SCHOOL, YEAR, now, 3);
		const again = await snapshots();
		expect(again).toHaveLength(4);
		expect(again.find((r) => r.day === '2026-03-08')!.figures).toBe(JSON.stringify({ marker: true }));
	});

	it('CV3 the district’s figures per school are the principal’s, with the share of a week or more before', async () => {
		await db().insert(t.coverageSnapshots).values({
			schoolId: SCHOOL,
			day: '2026-03-02',
			figures: JSON.stringify({ schoolChecked: { done: 1, total: 3, percent: 33 } })
		});
		const page = await identityCoveragePage(db(), [SCHOOL], 1, '2026-03-10');
		expect(page).toMatchObject({ page: 1, pages: 1, total: 1 });
		const principal = await loadCoverage(db(), SCHOOL, YEAR, now);
		expect(page.schools).toHaveLength(1);
		expect(page.schools[0]!.figures).toEqual(principal.school);
		// 2026-03-03 is the latest day a week or more before 2026-03-10; the only such snapshot is 03-02.
		expect(page.schools[0]!.weekBefore).toEqual({ day: '2026-03-02', schoolChecked: { done: 1, total: 3, percent: 33 } });
	});

	it('CV3 lists only the schools given (the office’s), a page at a time', async () => {
		const extra = Array.from({ length: SCHOOLS_PER_PAGE }, (_, i) => ({ id: `thcs-phu-${String(i).padStart(2, '0')}`, kind: 'school' as const, name: `Trường THCS Phụ ${String(i).padStart(2, '0')}`, parentId: OFFICE }));
		await db().insert(t.organisations).values(extra);
		const supervised = [SCHOOL, ...extra.map((e) => e.id)];
		const first = await identityCoveragePage(db(), supervised, 1, '2026-03-10');
		const second = await identityCoveragePage(db(), supervised, 2, '2026-03-10');
		expect(first).toMatchObject({ pages: 2, total: SCHOOLS_PER_PAGE + 1 });
		expect(first.schools).toHaveLength(SCHOOLS_PER_PAGE);
		expect(second.schools).toHaveLength(1);
		const ids = [...first.schools, ...second.schools].map((s) => s.id);
		expect(new Set(ids)).toEqual(new Set(supervised));
		expect(ids).not.toContain(OTHER_SCHOOL);
		// A school without a current year counts nothing: every share is "—".
		const empty = first.schools.find((s) => s.id === extra[0]!.id) ?? second.schools.find((s) => s.id === extra[0]!.id);
		expect(empty!.year).toBeNull();
		expect(empty!.figures.students).toEqual({ done: 0, total: 0, percent: null });
	});
});

describe('the district coverage page over HTTP (CV3)', () => {
	let env: VneidApp;
	beforeAll(async () => {
		env = await startVneidApp();
	});
	afterAll(() => env?.stop());

	it('CV3 opens for the district officer with the supervised school only; a principal is refused', async () => {
		const officer = await env.signIn(PEOPLE.districtOfficer.personalId);
		const page = await officer.browser.request(`${env.origin}/phong-gd/do-phu`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Trường THCS Thử');
		expect(html).not.toContain('Trường THCS Khác');
		const home = await (await officer.browser.request(`${env.origin}/`)).text();
		expect(home).toContain('href="/phong-gd/do-phu"');
		const principal = await env.signIn(PEOPLE.principal.personalId);
		expect((await principal.browser.request(`${env.origin}/phong-gd/do-phu`)).status).toBe(403);
		// The principal's page draws the chart (its figure and text alternative are served).
		const own = await (await principal.browser.request(`${env.origin}/quan-ly/do-phu`)).text();
		expect(own).toContain('data-testid="coverage-chart"');
	});
});
