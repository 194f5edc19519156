/**
 * Publishing timetables (timetable SPEC TT8–TT10) against the composed app on PostgreSQL, from a
 * school that has published nothing (the demo's own publication removed first): who may
 * publish what; a class not published shows nothing in a guardian's student view; publishing the
 * school's version puts the child's class week — and nothing of another class — into the view the
 * guardian has open; a later version published from a later date joins it; each publication is
 * recorded with its version, date, author and time; the staff weeks read the same records.
 */
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { loadGrants } from '../../src/lib/server/grants';
import { studentViewName } from '../../src/lib/server/parents/student-view-projection';
import { listPublications, publishRightsOf, publishVersion, PublishError, weeksInEffect } from '../../src/lib/server/timetable/publish';
import { copyVersion, timetableName } from '../../src/lib/server/timetable/versions';
import { loadStoredDocument } from '../../src/lib/server/integrity/reconcile';
import { readStudentView } from '../../src/lib/ydoc/student-view';
import { readTimetable } from '../../src/lib/ydoc/timetable';
import { vietnamDate } from '../../src/lib/domain/calendar/vietnam-time';
import { teacherWeek } from '../../src/lib/domain/timetable/week';
import { recordConsent } from '../../src/lib/server/privacy/consent';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/session';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
type Person = { id: string; name: string };

describe('publishing timetables on postgres', () => {
	let running: RunningApp;
	const db = () => running.app.services.db;
	let leader: Person;
	let guardian: Person;
	let child: { id: string; classCode: string; className: string };
	let otherHomeroom: Person & { classCode: string };
	let plainTeacher: Person;
	const as = (p: Person) => ({ personId: p.id, name: p.name });

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-tt-publish-', { serveApp: true });
		// The demo school publishes version 1 for every class; these tests start from a school that
		// has published nothing yet.
		expect((await listPublications(db(), SCHOOL, YEAR)).map((p) => [p.version, p.scope, p.effectiveFrom])).toEqual([['v1', 'school', '2025-09-08']]);
		await db().delete(t.timetablePublishedClasses);
		await db().delete(t.timetablePublications);
		const person = { id: t.people.id, name: t.people.fullName };
		leader = (await db().select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(eq(t.staffRoles.role, 'vice_principal')))[0]!;
		const [link] = await db()
			.select({ guardianId: t.guardianships.guardianId, name: t.people.fullName, studentId: t.guardianships.studentId })
			.from(t.guardianships)
			.innerJoin(t.people, eq(t.people.id, t.guardianships.guardianId))
			.where(eq(t.guardianships.state, 'school_checked'))
			.limit(1);
		guardian = { id: link!.guardianId, name: link!.name };
		const [enrolment] = await db()
			.select({ classCode: t.enrolments.classCode, className: t.classes.name })
			.from(t.enrolments)
			.innerJoin(t.classes, and(eq(t.classes.schoolId, t.enrolments.schoolId), eq(t.classes.year, t.enrolments.year), eq(t.classes.code, t.enrolments.classCode)))
			.where(and(eq(t.enrolments.studentId, link!.studentId), eq(t.enrolments.year, YEAR)));
		child = { id: link!.studentId, ...enrolment! };
		const [other] = await db()
			.select({ ...person, classCode: t.homeroomAssignments.classCode })
			.from(t.homeroomAssignments)
			.innerJoin(t.people, eq(t.people.id, t.homeroomAssignments.personId))
			.where(and(eq(t.homeroomAssignments.year, YEAR), ne(t.homeroomAssignments.classCode, child.classCode)));
		otherHomeroom = other!;
		const homeroomIds = new Set((await db().select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments)).map((r) => r.id));
		const leaders = new Set((await db().select({ id: t.staffRoles.personId }).from(t.staffRoles).where(ne(t.staffRoles.role, 'teacher'))).map((r) => r.id));
		plainTeacher = (await db().select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(eq(t.staffRoles.role, 'teacher'))).find(
			(p) => !homeroomIds.has(p.id) && !leaders.has(p.id)
		)!;
		await running.signIn(guardian.id, 'guardian');
		await recordConsent(db(), guardian.id, new Date());
		// The guardian's view exists (first demand, PV6) before anything is published.
		expect(await running.app.services.sync.ensureStudentView?.(child.id, YEAR)).toBe(true);
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	const guardianView = async () => {
		const client = running.connect(studentViewName(child.id, YEAR), guardian, 'read');
		await whenSynced(client);
		return client;
	};

	it('TT8 the school publishes all classes; a homeroom teacher their own class; other teachers nothing', async () => {
		expect(publishRightsOf(await loadGrants(db(), leader.id), SCHOOL, YEAR).school).toBe(true);
		const homeroom = publishRightsOf(await loadGrants(db(), otherHomeroom.id), SCHOOL, YEAR);
		expect(homeroom.classes).toContain(otherHomeroom.classCode);
		expect(homeroom.classes).not.toContain(child.classCode);
		expect(publishRightsOf(await loadGrants(db(), plainTeacher.id), SCHOOL, YEAR)).toEqual({ school: false, classes: [] });
	});

	it('TT9 a class not published shows nothing; another class published shows nothing either', async () => {
		const client = await guardianView();
		const before = readStudentView(client.doc);
		expect(before.ok && before.timetable).toEqual([]);
		await publishVersion(db(), running.app.services.sync, { school: SCHOOL, year: YEAR, version: 'v1', effectiveFrom: '2025-09-08', target: { scope: 'class', classCode: otherHomeroom.classCode } }, as(otherHomeroom), new Date('2025-09-05T08:00:00Z'));
		await running.app.syncServer.flush();
		const after = readStudentView(client.doc);
		expect(after.ok && after.timetable).toEqual([]);
		client.destroy();
	});

	it('TT9 TT10 publishing the school version puts the class week into the open view, nothing of other classes', async () => {
		const client = await guardianView();
		const id = await publishVersion(db(), running.app.services.sync, { school: SCHOOL, year: YEAR, version: 'v1', effectiveFrom: '2025-09-08', target: { scope: 'school' } }, as(leader), new Date('2025-09-06T08:00:00Z'));
		await expect
			.poll(() => {
				const read = readStudentView(client.doc);
				return read.ok ? read.timetable.length : -1;
			}, { timeout: 15_000 })
			.toBe(1);
		const read = readStudentView(client.doc);
		if (!read.ok) throw new Error('unreadable view');
		const [week] = read.timetable;
		expect(week).toMatchObject({ effectiveFrom: '2025-09-08', label: 'Thời khóa biểu số 1', className: child.className });
		// Exactly the class's lessons of version 1, with bell times and names.
		const v1 = readTimetable(await loadStoredDocument(db(), timetableName(SCHOOL, YEAR, 'v1')));
		if (!v1.ok) throw new Error('v1 unreadable');
		const expected = [...v1.lessons].filter(([key, l]) => key.startsWith(`${child.classCode}|`) && l.subject !== null).length;
		const periods = week!.week.days.flatMap((d) => d.periods);
		expect(periods).toHaveLength(expected);
		// Monday opens with chào cờ, in the class's session, with its bell time.
		const first = week!.week.days[0]!.periods[0]!;
		expect(first).toMatchObject({ period: 1, subjectName: 'Chào cờ' });
		expect(first.start).toBe(first.session === 'sang' ? '07:00' : '13:30');
		expect(periods.some((p) => p.teacherName && p.subjectName === 'Toán')).toBe(true);
		const text = JSON.stringify(client.doc.getMap('timetable').toJSON());
		for (const c of v1.roster.classes.filter((c) => c.code !== child.classCode)) expect(text).not.toContain(`"${c.name}"`);
		expect(text).not.toContain('"classCode"');
		// Recorded: which version, from when, by whom, when.
		const [row] = await db().select().from(t.timetablePublications).where(eq(t.timetablePublications.id, id));
		expect(row).toMatchObject({ schoolId: SCHOOL, year: YEAR, document: timetableName(SCHOOL, YEAR, 'v1'), scope: 'school', classCode: null, effectiveFrom: '2025-09-08', publishedBy: leader.id });
		expect(row!.publishedAt.toISOString()).toBe('2025-09-06T08:00:00.000Z');
		const classes = await db().select({ c: t.timetablePublishedClasses.classCode }).from(t.timetablePublishedClasses).where(eq(t.timetablePublishedClasses.publicationId, id));
		expect(classes).toHaveLength(v1.roster.classes.length);
		client.destroy();
	});

	it('TT9 a later version published from a later date joins the view; the earlier stays in effect until then', async () => {
		// A date to come, whatever day the suite runs on (the view keeps the week in effect today and later ones).
		const future = vietnamDate(Date.now() + 60 * 86_400_000);
		await copyVersion(db(), running.app.services.sync, SCHOOL, YEAR, 'v1', '2026-01-19', as(leader));
		await expect(
			publishVersion(db(), running.app.services.sync, { school: SCHOOL, year: YEAR, version: 'v2', effectiveFrom: '2026-01-12', target: { scope: 'school' } }, as(leader), new Date())
		).rejects.toThrow(PublishError);
		await expect(publishVersion(db(), running.app.services.sync, { school: SCHOOL, year: YEAR, version: 'v9', effectiveFrom: '2026-01-19', target: { scope: 'school' } }, as(leader), new Date())).rejects.toThrow(
			PublishError
		);
		const client = await guardianView();
		await publishVersion(db(), running.app.services.sync, { school: SCHOOL, year: YEAR, version: 'v2', effectiveFrom: future, target: { scope: 'school' } }, as(leader), new Date());
		await expect
			.poll(() => {
				const read = readStudentView(client.doc);
				return read.ok ? read.timetable.map((w) => [w.effectiveFrom, w.label]) : [];
			}, { timeout: 15_000 })
			.toEqual([
				['2025-09-08', 'Thời khóa biểu số 1'],
				[future, 'Thời khóa biểu số 2']
			]);
		client.destroy();
		const listed = await listPublications(db(), SCHOOL, YEAR);
		expect(listed.map((p) => [p.version, p.scope, p.effectiveFrom, p.publishedByName])).toEqual([
			['v1', 'class', '2025-09-08', otherHomeroom.name],
			['v1', 'school', '2025-09-08', leader.name],
			['v2', 'school', future, leader.name]
		]);
	});

	it('TK11 TK13 the staff weeks read the publication in effect on the day', async () => {
		const future = vietnamDate(Date.now() + 60 * 86_400_000);
		const autumn = await weeksInEffect(db(), SCHOOL, YEAR, '2025-10-01');
		const v1 = readTimetable(await loadStoredDocument(db(), timetableName(SCHOOL, YEAR, 'v1')));
		if (!v1.ok) throw new Error('v1 unreadable');
		expect(autumn.map((s) => s.classCode).sort()).toEqual(v1.roster.classes.map((c) => c.code).sort());
		expect(new Set(autumn.map((s) => s.frame.version))).toEqual(new Set(['v1']));
		expect(new Set((await weeksInEffect(db(), SCHOOL, YEAR, future)).map((s) => s.frame.version))).toEqual(new Set(['v2']));
		expect(await weeksInEffect(db(), SCHOOL, YEAR, '2025-09-01')).toEqual([]);
		const teacher = [...v1.lessons.values()].find((l) => l.teacher !== null)!.teacher!;
		const taught = [...v1.lessons.values()].filter((l) => l.teacher === teacher && l.subject !== null).length;
		expect(teacherWeek(autumn, teacher).days.flatMap((d) => d.periods)).toHaveLength(taught);
	});

	it('TT8 TT11 the server decides: over HTTP a teacher cannot publish, a homeroom teacher only their class; guardians get no staff page', async () => {
		const form = (target: string) => ({
			method: 'POST',
			headers: { origin: running.formOrigin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams({ version: 'v1', effectiveFrom: '2025-09-08', target }).toString()
		});
		const count = async () => (await db().select({ id: t.timetablePublications.id }).from(t.timetablePublications)).length;
		const before = await count();
		const REFUSED = 'Chỉ ban giám hiệu, người xếp thời khóa biểu hoặc giáo viên chủ nhiệm';
		const asTeacher = await running.signedIn(plainTeacher.id);
		expect(await (await asTeacher('/quan-ly/thoi-khoa-bieu?/publish', form('school'))).text()).toContain(REFUSED);
		expect(await (await asTeacher('/quan-ly/thoi-khoa-bieu?/publish', form(`class:${child.classCode}`))).text()).toContain(REFUSED);
		const asHomeroom = await running.signedIn(otherHomeroom.id);
		expect(await (await asHomeroom('/quan-ly/thoi-khoa-bieu?/publish', form('school'))).text()).toContain(REFUSED);
		expect(await (await asHomeroom('/quan-ly/thoi-khoa-bieu?/publish', form(`class:${child.classCode}`))).text()).toContain(REFUSED);
		expect(await count()).toBe(before);
		const own = await asHomeroom('/quan-ly/thoi-khoa-bieu?/publish', form(`class:${otherHomeroom.classCode}`));
		expect(own.status).toBe(200);
		expect(await own.text()).toContain('"type":"success"');
		expect(await count()).toBe(before + 1);
		const [last] = (await listPublications(db(), SCHOOL, YEAR)).slice(-1);
		expect(last).toMatchObject({ scope: 'class', classCode: otherHomeroom.classCode, classes: [otherHomeroom.classCode], publishedBy: otherHomeroom.id });

		// Every staff member reads the week pages; a guardian does not.
		const week = await asTeacher(`/thoi-khoa-bieu/lop/${child.classCode}/__data.json?ngay=2025-10-01`);
		expect(week.status).toBe(200);
		expect(await week.text()).toContain(child.className);
		const token = generateSessionToken();
		await createSession(db(), token, guardian.id, new Date(), { activeRole: 'guardian' });
		const asGuardian = (path: string) => fetch(`${running.origin}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' });
		for (const path of ['/thoi-khoa-bieu/__data.json', `/thoi-khoa-bieu/lop/${child.classCode}/__data.json`]) {
			const refused = await asGuardian(path);
			expect(await refused.text(), path).toContain('Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
		}
	}, 120_000);
});
