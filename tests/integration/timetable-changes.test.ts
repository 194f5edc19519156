/**
 * Day changes and iCalendar feeds against the composed app on PostgreSQL with the demo school
 * (timetable SPEC TT20–TT28): a vice-principal marks a teacher absent, sees the affected lessons of
 * the version in effect, is refused a busy substitute, assigns a free one and cancels a lesson;
 * the substitution shows on that date only (dated lessons and the class's and substitute's
 * .ics feeds, read back with ical.js); a revoked or regenerated-away token answers 404.
 */
import ICAL from 'ical.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { loadGrants } from '../../src/lib/server/grants';
import { activeFeedsOf, createFeed, feedByToken, FeedError, revokeFeed } from '../../src/lib/server/timetable/calendar-feeds';
import { affectedOn, auditOf, datedLessons, dayChangeAccess, DayChangeError, decideChange, loadVersionWeeks, markAbsent, removeAbsence, removeChange, type NamedDayChange } from '../../src/lib/server/timetable/day-changes';
import { addDays, weekdayOf } from '../../src/lib/domain/timetable/day-changes';
import { recordConsent } from '../../src/lib/server/privacy/consent';
import { studentViewName } from '../../src/lib/server/parents/student-view-projection';
import { vietnamDate } from '../../src/lib/domain/calendar/vietnam-time';
import { myWeekOf } from '../../src/lib/server/timetable/my-week';
import { publishVersion } from '../../src/lib/server/timetable/publish';
import { readStudentView } from '../../src/lib/ydoc/student-view';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
// Mondays in term I of the demo year (version 1 applies from 2025-09-08).
const MON = '2025-11-17';
const NEXT_MON = '2025-11-24';
// 10:00 in Hà Nội on MON: the feed covers four weeks from that Monday.
const NOW = new Date('2025-11-17T03:00:00Z');
type Person = { id: string; name: string };

describe('timetable day changes and feeds (postgres)', () => {
	let running: RunningApp;
	let scheduler: Person;
	let principal: Person;
	let absent: Person;
	let plainTeacher: Person;
	let homeroomOf6a1: Person;
	/** The Monday slot of 6a1 the absent teacher teaches. */
	let SLOT: string;

	const as = (p: Person) => ({ personId: p.id, name: p.name });

	beforeAll(async () => {
		running = await startComposedApp('postgres', 'sodiem-tt-changes-', { serveApp: true });
		const db = running.app.services.db;
		const person = { id: t.people.id, name: t.people.fullName };
		const staff = async (role: 'vice_principal' | 'principal' | 'teacher') =>
			db.select(person).from(t.staffRoles).innerJoin(t.people, eq(t.people.id, t.staffRoles.personId)).where(and(eq(t.staffRoles.organisationId, SCHOOL), eq(t.staffRoles.role, role)));
		scheduler = (await staff('vice_principal'))[0]!;
		principal = (await staff('principal'))[0]!;
		const leaders = new Set([scheduler.id, principal.id]);
		const [homeroom] = await db.select({ id: t.homeroomAssignments.personId }).from(t.homeroomAssignments).where(and(eq(t.homeroomAssignments.schoolId, SCHOOL), eq(t.homeroomAssignments.classCode, '6a1')));
		const teachers = (await staff('teacher')).filter((p) => !leaders.has(p.id));
		homeroomOf6a1 = teachers.find((p) => p.id === homeroom!.id)!;
		// The absent teacher: one teaching 6a1 on Monday in version 1 (not its homeroom teacher).
		const [v1] = await loadVersionWeeks(db, SCHOOL, YEAR);
		const monday6a1 = v1!.lessons
			.filter((l) => l.classCode === '6a1' && l.slot.startsWith('2-') && l.teacher && l.teacher !== homeroom!.id && teachers.some((p) => p.id === l.teacher))
			.sort((a, b) => a.slot.localeCompare(b.slot))[0]!;
		SLOT = monday6a1.slot;
		absent = teachers.find((p) => p.id === monday6a1.teacher)!;
		plainTeacher = teachers.find((p) => p.id !== absent.id && p.id !== homeroomOf6a1.id)!;
	}, 240_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('TT20: leaders and schedulers decide day changes, other staff read, a parent nobody', async () => {
		const db = running.app.services.db;
		expect(dayChangeAccess(await loadGrants(db, scheduler.id), SCHOOL)).toBe('write');
		expect(dayChangeAccess(await loadGrants(db, principal.id), SCHOOL)).toBe('write');
		expect(dayChangeAccess(await loadGrants(db, plainTeacher.id), SCHOOL)).toBe('read');
		const [guardian] = await db.select({ id: t.guardianships.guardianId }).from(t.guardianships).limit(1);
		expect(dayChangeAccess(await loadGrants(db, guardian!.id), SCHOOL)).toBe('none');
	});

	let substitute: string;

	it('TT21–TT23: mark absent, see the affected lessons, assign only a free substitute, cancel one; audited', async () => {
		const db = running.app.services.db;
		await expect(markAbsent(db, SCHOOL, YEAR, { teacher: absent.id, date: '2025-11-16', slots: null }, as(scheduler))).rejects.toThrow(/Chủ nhật/);
		await expect(markAbsent(db, SCHOOL, YEAR, { teacher: absent.id, date: '2025-09-01', slots: null }, as(scheduler))).rejects.toThrow(/Chưa có thời khóa biểu/);
		await markAbsent(db, SCHOOL, YEAR, { teacher: absent.id, date: MON, slots: null, reason: 'Ốm' }, as(scheduler));

		const day = await affectedOn(db, SCHOOL, YEAR, MON);
		expect(day.week?.version).toBe('v1');
		const [mine] = day.absences;
		expect(mine?.teacher).toBe(absent.id);
		expect(mine!.lessons.length).toBeGreaterThan(0);
		expect(mine!.lessons.every((a) => a.lesson.teacher === absent.id && a.lesson.slot.startsWith('2-'))).toBe(true);
		const first = mine!.lessons.find((a) => a.lesson.classCode === '6a1' && a.lesson.slot === SLOT)!;
		expect(first).toBeDefined();
		// Nobody teaching in that slot is offered; the absent teacher neither.
		const busy = day.week!.lessons.filter((l) => l.slot === SLOT && l.teacher).map((l) => l.teacher!);
		expect(first.free.length).toBeGreaterThan(0);
		for (const id of first.free) expect(busy).not.toContain(id);
		expect(first.free).not.toContain(absent.id);

		const busyOne = busy.find((id) => id !== absent.id)!;
		await expect(decideChange(db, SCHOOL, YEAR, { date: MON, classCode: '6a1', slot: SLOT, kind: 'substitute', substitute: busyOne }, as(scheduler))).rejects.toThrow(DayChangeError);
		// A slot where 6a1 has no lesson on Monday cannot be changed.
		const empty = ['sang', 'chieu'].flatMap((session) => [1, 2, 3, 4, 5].map((p) => `2-${session}-${p}`)).find((slot) => !day.week!.lessons.some((l) => l.classCode === '6a1' && l.slot === slot))!;
		await expect(decideChange(db, SCHOOL, YEAR, { date: MON, classCode: '6a1', slot: empty, kind: 'substitute', substitute: first.free[0]! }, as(scheduler))).rejects.toThrow(/không có tiết này/);
		substitute = first.free[0]!;
		await decideChange(db, SCHOOL, YEAR, { date: MON, classCode: '6a1', slot: SLOT, kind: 'substitute', substitute }, as(scheduler));

		// The substitute is no longer free in that slot for another lesson of the absent teacher.
		const after = await affectedOn(db, SCHOOL, YEAR, MON);
		const other = after.absences[0]!.lessons.find((a) => a.lesson.classCode !== '6a1' || a.lesson.slot !== SLOT);
		// Another teacher of that slot away for that one period: the substitute, busy then, is not offered.
		const neighbour = day.week!.lessons.find((l) => l.slot === SLOT && l.teacher && l.teacher !== absent.id)!;
		await markAbsent(db, SCHOOL, YEAR, { teacher: neighbour.teacher!, date: MON, slots: [SLOT] }, as(scheduler));
		const theirs = (await affectedOn(db, SCHOOL, YEAR, MON)).absences.find((a) => a.teacher === neighbour.teacher)!;
		expect(theirs.lessons.map((a) => a.lesson.classCode)).toEqual([neighbour.classCode]);
		expect(theirs.lessons[0]!.free).not.toContain(substitute);
		expect(theirs.lessons[0]!.free).not.toContain(absent.id);
		await removeAbsence(db, SCHOOL, neighbour.teacher!, MON, as(scheduler));
		expect(after.absences[0]!.lessons.find((a) => a.lesson.classCode === '6a1' && a.lesson.slot === SLOT)!.change).toMatchObject({ kind: 'substitute', substitute });
		if (other) await decideChange(db, SCHOOL, YEAR, { date: MON, classCode: other.lesson.classCode, slot: other.lesson.slot, kind: 'cancelled', substitute: null }, as(principal));

		const audit = await auditOf(db, SCHOOL, MON);
		expect(audit.map((a) => [a.action, a.personId])).toEqual([
			...(other ? [['change', principal.id]] : []),
			['absence-removed', scheduler.id],
			['absence', scheduler.id],
			['change', scheduler.id],
			['absence', scheduler.id]
		]);
		expect(audit.find((a) => a.subject === `6a1|${SLOT}`)?.newValue).toBe(`substitute:${substitute}`);
	});

	it('TT24: a substitution shows for that date only — for the class and for the substitute', async () => {
		const db = running.app.services.db;
		const lessons = await datedLessons(db, SCHOOL, YEAR, [MON, NEXT_MON], { classCode: '6a1' });
		const at = (date: string) => lessons.find((l) => l.date === date && l.slot === SLOT)!;
		expect(at(MON)).toMatchObject({ teacher: substitute, originalTeacher: absent.id, status: 'substituted' });
		expect(at(NEXT_MON)).toMatchObject({ teacher: absent.id, originalTeacher: null, status: 'normal' });
		const theirs = await datedLessons(db, SCHOOL, YEAR, [MON, NEXT_MON], { teacher: substitute });
		expect(theirs.filter((l) => l.classCode === '6a1' && l.slot === SLOT).map((l) => l.date)).toEqual([MON]);
	});

	const parse = (text: string) => {
		const calendar = new ICAL.Component(ICAL.parse(text));
		ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
		return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
	};

	it('TT25–TT28: the class feed lists four weeks at bell times with the substitution on that date only; the substitute\'s feed too', async () => {
		const db = running.app.services.db;
		const { token } = await createFeed(db, await loadGrants(db, homeroomOf6a1.id), SCHOOL, YEAR, { kind: 'class', target: '6a1' }, NOW);
		const text = await feedByToken(db, token, NOW, 'so-diem.test');
		expect(text).not.toBeNull();
		expect(text!.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
		const events = parse(text!);
		const dates = new Set(events.map((e) => e.startDate.toString().slice(0, 10)));
		expect(dates.has(MON) && dates.has(NEXT_MON) && dates.has('2025-12-13')).toBe(true);
		expect(dates.has('2025-12-15')).toBe(false);
		const slot2 = (date: string) => events.find((e) => e.uid === `${date}-6a1-${SLOT}@so-diem.test`)!;
		expect(slot2(MON).summary).toMatch(/\(dạy thay\)$/);
		expect(slot2(MON).description).toContain(`Dạy thay cho: ${absent.name}`);
		expect(slot2(NEXT_MON).summary).not.toMatch(/dạy thay/);
		// At the version's bell time in Hà Nội (UTC+7).
		const [, session, period] = SLOT.split('-');
		const bell = (await loadVersionWeeks(db, SCHOOL, YEAR))[0]!.meta.bells.find((b) => b.session === session && b.period === Number(period))!;
		const [h, m] = bell.start.split(':').map(Number);
		expect(slot2(MON).startDate.toJSDate().toISOString()).toBe(new Date(Date.UTC(2025, 10, 17, h! - 7, m!)).toISOString());

		const own = await createFeed(db, await loadGrants(db, substitute), SCHOOL, YEAR, { kind: 'teacher', target: substitute }, NOW);
		const substituteEvents = parse((await feedByToken(db, own.token, NOW, 'so-diem.test'))!);
		expect(substituteEvents.filter((e) => e.uid.includes(`-6a1-${SLOT}@`)).map((e) => e.uid)).toEqual([`${MON}-6a1-${SLOT}@so-diem.test`]);
		const absentFeed = await createFeed(db, await loadGrants(db, absent.id), SCHOOL, YEAR, { kind: 'teacher', target: absent.id }, NOW);
		const absentEvents = parse((await feedByToken(db, absentFeed.token, NOW, 'so-diem.test'))!);
		expect(absentEvents.find((e) => e.uid === `${MON}-6a1-${SLOT}@so-diem.test`)?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(absentEvents.find((e) => e.uid === `${NEXT_MON}-6a1-${SLOT}@so-diem.test`)?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
	});

	it('TT25: a teacher makes only their own feed, a homeroom teacher their class\'s, leaders any', async () => {
		const db = running.app.services.db;
		const teacherGrants = await loadGrants(db, plainTeacher.id);
		await expect(createFeed(db, teacherGrants, SCHOOL, YEAR, { kind: 'teacher', target: absent.id }, NOW)).rejects.toThrow(FeedError);
		await expect(createFeed(db, teacherGrants, SCHOOL, YEAR, { kind: 'class', target: '6a1' }, NOW)).rejects.toThrow(FeedError);
		await expect(createFeed(db, await loadGrants(db, principal.id), SCHOOL, YEAR, { kind: 'teacher', target: absent.id }, NOW)).resolves.toBeTruthy();
		const [guardian] = await db.select({ id: t.guardianships.guardianId }).from(t.guardianships).limit(1);
		await expect(createFeed(db, await loadGrants(db, guardian!.id), SCHOOL, YEAR, { kind: 'class', target: '6a1' }, NOW)).rejects.toThrow(FeedError);
	});

	it('TT26–TT27: over HTTP a live token answers text/calendar; revoked, regenerated-away or made-up tokens answer 404', async () => {
		const db = running.app.services.db;
		const grants = await loadGrants(db, homeroomOf6a1.id);
		const first = await createFeed(db, grants, SCHOOL, YEAR, { kind: 'class', target: '6a1' }, NOW);
		const get = (token: string) => fetch(`${running.origin}/lich/${token}.ics`);
		const ok = await get(first.token);
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(await ok.text()).toContain('BEGIN:VCALENDAR\r\n');

		// Regenerating revokes the owner's previous URL for the same class.
		const second = await createFeed(db, grants, SCHOOL, YEAR, { kind: 'class', target: '6a1' }, NOW);
		expect((await get(first.token)).status).toBe(404);
		expect((await get(second.token)).status).toBe(200);
		expect((await activeFeedsOf(db, homeroomOf6a1.id)).filter((f) => f.target === '6a1').map((f) => f.id)).toEqual([second.id]);

		// Only the owner revokes.
		expect(await revokeFeed(db, plainTeacher.id, second.id, NOW)).toBe(false);
		expect((await get(second.token)).status).toBe(200);
		expect(await revokeFeed(db, homeroomOf6a1.id, second.id, NOW)).toBe(true);
		expect((await get(second.token)).status).toBe(404);
		expect((await get('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
		// The stored row holds the hash, never the token.
		const rows = await db.select().from(t.calendarFeeds);
		expect(rows.some((r) => r.tokenHash === second.token || r.tokenHash.includes(second.token))).toBe(false);
	});

	it('TT23: removing a decision puts the week\'s teacher back on that date', async () => {
		const db = running.app.services.db;
		await removeChange(db, SCHOOL, MON, '6a1', SLOT, as(scheduler));
		const lessons = await datedLessons(db, SCHOOL, YEAR, [MON], { classCode: '6a1' });
		expect(lessons.find((l) => l.slot === SLOT)).toMatchObject({ teacher: absent.id, status: 'normal' });
		expect((await auditOf(db, SCHOOL, MON))[0]).toMatchObject({ action: 'change-removed', subject: `6a1|${SLOT}`, oldValue: `substitute:${substitute}` });
	});
	it('TT29: a substitution shows for that date only — in a guardian\'s student view and on the substitute\'s home', async () => {
		const { db, sync } = running.app.services;
		// The school publishes version 1 (timetable SPEC TT8–TT9).
		await publishVersion(db, sync, { school: SCHOOL, year: YEAR, version: 'v1', effectiveFrom: '2025-09-08', target: { scope: 'school' } }, as(scheduler), new Date('2025-09-06T08:00:00Z'));
		// A verified guardian of a 6a1 pupil, and one of another class.
		const links = await db
			.select({ guardian: t.guardianships.guardianId, name: t.people.fullName, student: t.guardianships.studentId, classCode: t.enrolments.classCode })
			.from(t.guardianships)
			.innerJoin(t.people, eq(t.people.id, t.guardianships.guardianId))
			.innerJoin(t.enrolments, and(eq(t.enrolments.studentId, t.guardianships.studentId), eq(t.enrolments.year, YEAR)))
			.where(eq(t.guardianships.state, 'school_checked'));
		const mine = links.find((l) => l.classCode === '6a1')!;
		const other = links.find((l) => l.classCode !== '6a1' && l.guardian !== mine.guardian)!;
		const views = [];
		for (const link of [mine, other]) {
			await running.signIn(link.guardian, 'guardian');
			await recordConsent(db, link.guardian, new Date());
			expect(await sync.ensureStudentView?.(link.student, YEAR)).toBe(true);
			const client = running.connect(studentViewName(link.student, YEAR), { id: link.guardian, name: link.name }, 'read');
			await whenSynced(client);
			views.push(client);
		}
		const [mineView, otherView] = views;

		// The next Monday from today (the projection carries the coming four weeks) and the one after.
		const today = vietnamDate(running.app.services.now());
		const day = addDays(today, weekdayOf(today) === null ? 1 : 9 - weekdayOf(today)!);
		const weekLater = addDays(day, 7);
		await markAbsent(db, SCHOOL, YEAR, { teacher: absent.id, date: day, slots: [SLOT] }, as(scheduler));
		const free = (await affectedOn(db, SCHOOL, YEAR, day)).absences[0]!.lessons[0]!.free;
		const sub = free.find((id) => id !== absent.id)!;
		await decideChange(db, SCHOOL, YEAR, { date: day, classCode: '6a1', slot: SLOT, kind: 'substitute', substitute: sub }, as(scheduler));
		await sync.refreshStudentViews?.({ school: SCHOOL, year: YEAR, classCodes: ['6a1'] });
		await running.app.syncServer.flush();

		const [subName] = await db.select({ name: t.people.fullName }).from(t.people).where(eq(t.people.id, sub));
		await expect
			.poll(() => {
				const read = readStudentView(mineView!.doc);
				return read.ok ? read.dayChanges : null;
			}, { timeout: 15_000 })
			.toEqual([{ date: day, slot: SLOT, kind: 'substitute', subjectName: expect.any(String), substituteName: subName!.name }]);
		// That date only: nothing a week later; nothing in another class's view.
		const read = readStudentView(mineView!.doc);
		expect(read.ok && read.dayChanges.some((c) => c.date === weekLater)).toBe(false);
		const otherRead = readStudentView(otherView!.doc);
		expect(otherRead.ok && otherRead.dayChanges).toEqual([]);

		// The substitute's home on that Monday names the lesson; a week later it does not.
		const subGrants = await loadGrants(db, sub);
		const onDay = await myWeekOf(db, subGrants, new Date(`${day}T01:00:00Z`));
		expect(onDay?.changes.map((c: NamedDayChange) => [c.date, c.classCode, c.slot, c.substitute])).toEqual([[day, '6a1', SLOT, sub]]);
		const later = await myWeekOf(db, subGrants, new Date(`${weekLater}T01:00:00Z`));
		expect(later?.changes ?? []).toEqual([]);

		// The staff week pages of that week list it too — the class's and the substitute's (over
		// HTTP, as another teacher reads them); the week after lists nothing.
		const asStaff = await running.signedIn(plainTeacher.id);
		const pageData = async (path: string) => {
			const response = await asStaff(`${path}/__data.json?ngay=${encodeURIComponent(day)}`);
			expect(response.status, path).toBe(200);
			return response.text();
		};
		// (A change is the only object with a `substituteName` key in a week page's data.)
		for (const path of ['/thoi-khoa-bieu/lop/6a1', `/thoi-khoa-bieu/giao-vien/${sub}`]) {
			const text = await pageData(path);
			expect(text, path).toContain('"substituteName"');
			expect(text, path).toContain(subName!.name);
		}
		const nextWeek = await (await asStaff(`/thoi-khoa-bieu/lop/6a1/__data.json?ngay=${weekLater}`)).text();
		expect(nextWeek).toContain('"changes"');
		expect(nextWeek).not.toContain('"substituteName"');
		// TK16: marked on the lesson itself, in words from each reader's side: the class's week names
		// both teachers, the substitute's week adds the lesson they take, the absent teacher's says who
		// takes theirs.
		const [absentName] = await db.select({ name: t.people.fullName }).from(t.people).where(eq(t.people.id, absent.id));
		expect(await pageData('/thoi-khoa-bieu/lop/6a1')).toContain(`"${subName!.name} dạy thay ${absentName!.name}"`);
		expect(await pageData(`/thoi-khoa-bieu/giao-vien/${sub}`)).toContain(`"dạy thay ${absentName!.name}"`);
		expect(await pageData(`/thoi-khoa-bieu/giao-vien/${absent.id}`)).toContain(`"${subName!.name} dạy thay"`);
		expect(nextWeek).not.toContain('dạy thay');

		// A room's week (TK14, TK16): a lesson held in a shared room, cancelled on its day of that
		// week, is marked and listed there — and on no other room's week.
		const [v1] = await loadVersionWeeks(db, SCHOOL, YEAR);
		const inRoom = v1!.lessons.find((l) => l.room !== null && l.classCode !== '6a1')!;
		const otherRoom = v1!.lessons.find((l) => l.room !== null && l.room !== inRoom.room);
		const roomDay = addDays(day, Number(inRoom.slot.split('-')[0]) - 2);
		await decideChange(db, SCHOOL, YEAR, { date: roomDay, classCode: inRoom.classCode, slot: inRoom.slot, kind: 'cancelled', substitute: null }, as(scheduler));
		const roomPage = await pageData(`/thoi-khoa-bieu/phong/${inRoom.room}`);
		expect(roomPage).toContain('"lớp nghỉ tiết này"');
		expect(roomPage).toContain('"substituteName"');
		if (otherRoom) expect(await pageData(`/thoi-khoa-bieu/phong/${otherRoom.room}`)).not.toContain('"lớp nghỉ tiết này"');
		await removeChange(db, SCHOOL, roomDay, inRoom.classCode, inRoom.slot, as(scheduler));

		// Taking it back removes it from the guardian's view.
		await removeChange(db, SCHOOL, day, '6a1', SLOT, as(scheduler));
		await sync.refreshStudentViews?.({ school: SCHOOL, year: YEAR, classCodes: ['6a1'] });
		await expect
			.poll(() => {
				const r = readStudentView(mineView!.doc);
				return r.ok ? r.dayChanges.length : -1;
			}, { timeout: 15_000 })
			.toBe(0);
		for (const v of views) v.destroy();
	});
});
