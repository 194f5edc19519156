/**
 * Student views (parents SPEC PV1–PV7) through the composed app, its real sync server and a real
 * database: a view holds only its student's data and the same results as the homeroom teacher's
 * class summary; it follows a teacher's edit live; a term lock shows; and a parent's ticket
 * request for a class document, another child's view or another school's student is refused.
 */
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as t from '../../drizzle/schema';
import { classInfo, loadClassSummary } from '../../src/lib/server/homeroom/class-summary-data';
import { lockTerm, unlockTerm } from '../../src/lib/server/grades/term-locks';
import { studentViewName } from '../../src/lib/server/parents/student-view-projection';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/session';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { applyEdits, initGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { commentProjection } from '../../src/lib/server/grades/comment-projection';
import { readStudentView, STUDENT_VIEW_ROOTS } from '../../src/lib/ydoc/student-view';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';
import { recordConsent } from '../../src/lib/server/privacy/consent';

interface Person {
	id: string;
	name: string;
}

/** Everything a Y.Doc holds, as text: every root, whatever its type. */
function serialise(doc: Y.Doc): string {
	return JSON.stringify(Object.fromEntries([...doc.share.keys()].map((key) => [key, doc.get(key).toJSON()])));
}

describe.each(['postgres', 'pglite'] as const)('student views on %s', (backend) => {
	let running: RunningApp;
	const db = () => running.app.services.db;
	let guardian: Person;
	let child: { id: string; school: string; year: string; classCode: string; name: string };
	let teacher: Person;
	let principal: Person;
	let view: string;
	let guardianFetch: (path: string, init?: RequestInit) => Promise<Response>;

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-views-', { serveApp: true });
		const [link] = await db()
			.select({ guardianId: t.guardianships.guardianId, guardianName: t.people.fullName, studentId: t.guardianships.studentId })
			.from(t.guardianships)
			.innerJoin(t.people, eq(t.people.id, t.guardianships.guardianId))
			.where(eq(t.guardianships.state, 'school_checked'))
			.limit(1);
		guardian = { id: link!.guardianId, name: link!.guardianName };
		const [enrolment] = await db()
			.select({ school: t.enrolments.schoolId, year: t.enrolments.year, classCode: t.enrolments.classCode, name: t.people.fullName })
			.from(t.enrolments)
			.innerJoin(t.students, eq(t.students.id, t.enrolments.studentId))
			.innerJoin(t.people, eq(t.people.id, t.students.personId))
			.where(eq(t.enrolments.studentId, link!.studentId));
		child = { id: link!.studentId, ...enrolment! };
		const [assignment] = await db()
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.classCode, child.classCode), eq(t.teachingAssignments.subjectCode, 'toan')));
		teacher = assignment!;
		const [leader] = await db()
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.staffRoles)
			.innerJoin(t.people, eq(t.people.id, t.staffRoles.personId))
			.where(eq(t.staffRoles.role, 'principal'));
		principal = leader!;
		view = studentViewName(child.id, child.year);
		await running.signIn(guardian.id, 'guardian');
		// The purpose notice accepted (privacy SPEC PR1): this suite is about the views, not consent.
		await recordConsent(db(), guardian.id, new Date());
		const token = generateSessionToken();
		await createSession(db(), token, guardian.id, new Date(), { activeRole: 'guardian' });
		guardianFetch = (path, init = {}) => {
			const headers = new Headers(init.headers);
			headers.set('cookie', `${SESSION_COOKIE}=${token}`);
			headers.set('content-type', 'application/json');
			return fetch(`${running.origin}${path}`, { ...init, headers, redirect: 'manual' });
		};
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	const ticketFor = (document: string) => guardianFetch('/api/sync-ticket', { method: 'POST', body: JSON.stringify({ document }) });

	it('PV6 a verified guardian’s ticket request creates the view on first demand', async () => {
		const before = await db().select().from(t.yjsDocuments).where(eq(t.yjsDocuments.name, view));
		expect(before).toEqual([]);
		const response = await ticketFor(view);
		expect(response.status).toBe(200);
		expect(((await response.json()) as { access: string }).access).toBe('read');
		const after = await db().select({ student: t.yjsDocuments.student }).from(t.yjsDocuments).where(eq(t.yjsDocuments.name, view));
		expect(after).toEqual([{ student: child.id }]);
	});

	it('PV1 PV2 the view holds only its student, with the class summary’s results for them', async () => {
		const client = running.connect(view, guardian, 'read');
		await whenSynced(client);
		const read = readStudentView(client.doc);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.view.student.id).toBe(child.id);
		for (const root of client.doc.share.keys()) expect(Object.values(STUDENT_VIEW_ROOTS)).toContain(root);
		const text = serialise(client.doc);
		const others = await db()
			.select({ id: t.students.id, name: t.people.fullName, code: t.students.moetCode })
			.from(t.students)
			.innerJoin(t.people, eq(t.people.id, t.students.personId))
			.where(ne(t.students.id, child.id));
		expect(others.length).toBeGreaterThan(100);
		// A classmate may share the child's full name; their id and MOET code are theirs alone.
		for (const other of others) {
			expect(text).not.toContain(other.id);
			expect(text).not.toContain(other.code);
			if (other.name !== child.name) expect(text).not.toContain(other.name);
		}
		const info = (await classInfo(db(), child.school, child.year, child.classCode))!;
		for (const period of ['hk1', 'year'] as const) {
			const row = (await loadClassSummary(db(), info, period)).students.find((s) => s.student.id === child.id)!;
			const shown = read.view.periods[period];
			expect(shown.academic).toEqual(row.academic.ok ? { ok: true, text: row.academic.value.level } : row.academic);
			expect(shown.conduct).toEqual(row.conduct.ok ? { ok: true, text: row.conduct.value } : row.conduct);
			expect(shown.absences).toEqual(row.absenceKinds);
		}
		client.destroy();
	});

	it('PV3 follows a teacher’s edit live, and a term lock shows', async () => {
		const parent = running.connect(view, guardian, 'read');
		await whenSynced(parent);
		const gradebook = formatDocumentName({ kind: 'gradebook', school: child.school, year: child.year, term: 'hk2', classCode: child.classCode, subject: 'toan' });
		const writer = running.connect(gradebook, teacher, 'write');
		await whenSynced(writer);
		const shownTx1 = () => {
			const read = readStudentView(parent.doc);
			return read.ok ? read.view.subjects.find((s) => s.code === 'toan')?.terms.hk2.marks.tx1 : undefined;
		};
		const value = shownTx1() === '3,5' ? 45 : 35;
		writeCell(writer.doc, child.id, 'tx1', value, { actor: teacher, at: Date.now(), offline: false });
		await expect.poll(shownTx1, { timeout: 10_000 }).toBe(value === 35 ? '3,5' : '4,5');
		const locked = () => {
			const read = readStudentView(parent.doc);
			return read.ok ? read.view.locks.hk2 : undefined;
		};
		expect(locked()).toBe(false);
		const target = { school: child.school, year: child.year, term: 'hk2' as const };
		await lockTerm(db(), running.app.services.sync, target, { scope: 'class', classCode: child.classCode }, principal.id);
		await expect.poll(locked, { timeout: 10_000 }).toBe(true);
		await unlockTerm(db(), running.app.services.sync, target, { scope: 'class', classCode: child.classCode });
		await expect.poll(locked, { timeout: 10_000 }).toBe(false);
		writer.destroy();
		parent.destroy();
	});

	it('PV9 a subject teacher’s comment is projected to SQL, audited, and follows an edit into the child’s view only', async () => {
		const parent = running.connect(view, guardian, 'read');
		await whenSynced(parent);
		const gradebook = formatDocumentName({ kind: 'gradebook', school: child.school, year: child.year, term: 'hk1', classCode: child.classCode, subject: 'toan' });
		const writer = running.connect(gradebook, teacher, 'write');
		await whenSynced(writer);
		const [classmate] = await db()
			.select({ id: t.enrolments.studentId })
			.from(t.enrolments)
			.where(and(eq(t.enrolments.schoolId, child.school), eq(t.enrolments.year, child.year), eq(t.enrolments.classCode, child.classCode), ne(t.enrolments.studentId, child.id)))
			.limit(1);
		const shownComment = () => {
			const read = readStudentView(parent.doc);
			return read.ok ? read.view.subjects.find((s) => s.code === 'toan')?.terms.hk1.comment : undefined;
		};
		const stamp = () => ({ actor: teacher, at: Date.now(), offline: false });
		applyEdits(
			writer.doc,
			[
				{ kind: 'comment', studentId: child.id, text: ' Chăm chỉ, cần cẩn thận hơn khi tính toán. ' },
				{ kind: 'comment', studentId: classmate!.id, text: 'Nhận xét riêng của bạn cùng lớp.' }
			],
			stamp()
		);
		await expect.poll(shownComment, { timeout: 10_000 }).toBe('Chăm chỉ, cần cẩn thận hơn khi tính toán.');
		expect(serialise(parent.doc)).not.toContain('Nhận xét riêng của bạn cùng lớp.');
		const stored = await db().select().from(t.gradeComments).where(eq(t.gradeComments.document, gradebook));
		expect(stored.map((r) => r.studentId).sort()).toEqual([child.id, classmate!.id].sort());
		expect(stored.find((r) => r.studentId === child.id)).toMatchObject({ text: 'Chăm chỉ, cần cẩn thận hơn khi tính toán.', updatedBy: teacher.id, byName: teacher.name });

		// An edit re-projects like a mark edit (PV3), and each change is one audit row.
		applyEdits(writer.doc, [{ kind: 'comment', studentId: child.id, text: 'Tiến bộ rõ sau giữa kì.' }], stamp());
		await expect.poll(shownComment, { timeout: 10_000 }).toBe('Tiến bộ rõ sau giữa kì.');
		const audit = await db()
			.select()
			.from(t.gradeCommentAudit)
			.where(and(eq(t.gradeCommentAudit.document, gradebook), eq(t.gradeCommentAudit.studentId, child.id)));
		expect(audit.map((a) => [a.oldText, a.newText, a.personId])).toEqual([
			[null, 'Chăm chỉ, cần cẩn thận hơn khi tính toán.', teacher.id],
			['Chăm chỉ, cần cẩn thận hơn khi tính toán.', 'Tiến bộ rõ sau giữa kì.', teacher.id]
		]);
		// A mark-only update touches no comment: no audit row (waited for until the view shows the mark).
		const shownTx2 = () => {
			const read = readStudentView(parent.doc);
			return read.ok ? read.view.subjects.find((s) => s.code === 'toan')?.terms.hk1.marks.tx2 : undefined;
		};
		const tx2Before = shownTx2();
		writeCell(writer.doc, child.id, 'tx2', tx2Before?.startsWith('8') ? 75 : 80, stamp());
		await expect.poll(shownTx2, { timeout: 10_000 }).not.toBe(tx2Before);
		expect(await db().select().from(t.gradeCommentAudit).where(and(eq(t.gradeCommentAudit.document, gradebook), eq(t.gradeCommentAudit.studentId, child.id)))).toHaveLength(2);
		writer.destroy();
		parent.destroy();
	});

	it('PV9 a comment on a student not enrolled in the class, or too long, is kept out of SQL and raised as an alert', async () => {
		const document = formatDocumentName({ kind: 'gradebook', school: child.school, year: child.year, term: 'hk1', classCode: child.classCode, subject: 'ngu-van' });
		const doc = new Y.Doc();
		const meta = { school: child.school, year: child.year, term: 'hk1' as const, classCode: child.classCode, className: child.classCode, subjectCode: 'ngu-van', subjectName: 'Ngữ văn', assessment: 'score' as const, columns: [] };
		initGradebook(doc, meta, [
			{ id: child.id, name: child.name, code: 'x' },
			{ id: 'hs-khong-co-trong-lop', name: 'Người lạ', code: 'y' }
		]);
		const at = Date.now();
		doc.getMap('comments').set(child.id, { text: 'Đọc diễn cảm tốt.', by: teacher.id, byName: teacher.name, at });
		doc.getMap('comments').set('hs-khong-co-trong-lop', { text: 'Không thuộc lớp.', by: teacher.id, byName: teacher.name, at });
		const projection = commentProjection(db());
		await projection.hook({ document, doc, actor: null });
		await projection.idle();
		const rows = await db().select().from(t.gradeComments).where(eq(t.gradeComments.document, document));
		expect(rows.map((r) => [r.studentId, r.text])).toEqual([[child.id, 'Đọc diễn cảm tốt.']]);
		const alerts = await db().select().from(t.integrityAlerts).where(and(eq(t.integrityAlerts.document, document), eq(t.integrityAlerts.kind, 'off-roster-student')));
		expect(alerts).toHaveLength(1);
		doc.getMap('comments').set(child.id, { text: 'x'.repeat(2001), by: teacher.id, byName: teacher.name, at });
		await projection.hook({ document, doc, actor: null });
		await projection.idle();
		expect((await db().select().from(t.gradeComments).where(eq(t.gradeComments.document, document))).map((r) => r.text)).toEqual(['Đọc diễn cảm tốt.']);
		doc.destroy();
		// This projection ran outside the composition (no view refresh): bring the child's view up to date for the next test.
		await running.app.services.sync.ensureStudentView!(child.id, child.year);
		await running.app.syncServer.flush();
	});

	it('PV5 an unchanged projection writes nothing', async () => {
		const rows = async () => (await db().select({ id: t.yjsUpdates.id }).from(t.yjsUpdates).where(eq(t.yjsUpdates.document, view))).length;
		await running.app.syncServer.flush();
		const before = await rows();
		expect(await running.app.services.sync.ensureStudentView!(child.id, child.year)).toBe(true);
		await running.app.syncServer.flush();
		expect(await rows()).toBe(before);
	});

	it('refuses a parent’s ticket for a class document, another child’s view and another school’s student', async () => {
		const gradebook = formatDocumentName({ kind: 'gradebook', school: child.school, year: child.year, term: 'hk1', classCode: child.classCode, subject: 'toan' });
		const homeroom = formatDocumentName({ kind: 'homeroom', school: child.school, year: child.year, term: 'hk1', classCode: child.classCode });
		const [classmate] = await db()
			.select({ id: t.enrolments.studentId })
			.from(t.enrolments)
			.where(and(eq(t.enrolments.classCode, child.classCode), ne(t.enrolments.studentId, child.id)));
		await db().insert(t.organisations).values({ id: 'thcs-khac', kind: 'school', name: 'THCS Trường Khác' });
		await db().insert(t.people).values({ id: 'hs-truong-khac', fullName: 'Phạm Văn Ngoài', birthDate: '2013-05-01', gender: 'male' });
		await db().insert(t.students).values({ id: 'hs-truong-khac', personId: 'hs-truong-khac', schoolId: 'thcs-khac', moetCode: '9999999999' });
		for (const document of [gradebook, homeroom, studentViewName(classmate!.id, child.year), studentViewName('hs-truong-khac', child.year)]) {
			const response = await ticketFor(document);
			expect(response.status, document).toBe(403);
		}
		// Nothing was created for them on the way.
		expect(await db().select().from(t.yjsDocuments).where(eq(t.yjsDocuments.name, studentViewName(classmate!.id, child.year)))).toEqual([]);
	});

	it('PV7 the child page: 404 for someone else’s child, the page for one’s own', async () => {
		const [classmate] = await db()
			.select({ id: t.enrolments.studentId })
			.from(t.enrolments)
			.where(and(eq(t.enrolments.classCode, child.classCode), ne(t.enrolments.studentId, child.id)));
		const [classmateName] = await db()
			.select({ name: t.people.fullName })
			.from(t.students)
			.innerJoin(t.people, eq(t.people.id, t.students.personId))
			.where(eq(t.students.id, classmate!.id));
		// The page's server data (what in-app navigation and the offline cache fetch).
		const other = await guardianFetch(`/con/${classmate!.id}/__data.json`);
		const otherText = await other.text();
		expect(otherText).toContain('"status":404');
		expect(otherText).toContain('Không tìm thấy học sinh này trong danh sách con của bạn');
		if (classmateName!.name !== child.name) expect(otherText).not.toContain(classmateName!.name);
		const own = await guardianFetch(`/con/${child.id}/__data.json`);
		expect(own.status).toBe(200);
		const ownText = await own.text();
		expect(ownText).toContain(child.name);
		expect(ownText).toContain(view);
	});
});
