/**
 * Roster RI16: a class's documents are made by the server, not only by the demo seed. Against the
 * composed app on PGlite (the embedded default): a class that has none gets its homeroom records
 * when students are imported into it, and a subject's gradebooks when a teacher is assigned to
 * teach it there — header from SQL (the class's name, the subject's TT22 columns for its grade),
 * roster from its enrolments — listed for the teacher, writable by them through the sync server,
 * projected like any other; asking again creates nothing and stores nothing.
 */
import { and, asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { assessmentColumns } from '../../src/lib/domain/curriculum/subjects';
import { gradebookListings } from '../../src/lib/server/documents';
import { loadGrants } from '../../src/lib/server/grants';
import { provisionClassDocuments } from '../../src/lib/server/roster/class-documents';
import { assignTeaching } from '../../src/lib/server/staff';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import { readGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { readHomeroom } from '../../src/lib/ydoc/homeroom';
import { startComposedApp, type RunningApp } from './helpers/composed-app';
import { whenSynced } from './helpers/sync-clients';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const NEW_CLASS = { code: '9a9', name: '9A9', grade: 9 };
const gradebook = (classCode: string, subject: string, term: 'hk1' | 'hk2') => formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term, classCode, subject });
const homeroom = (classCode: string, term: 'hk1' | 'hk2') => formatDocumentName({ kind: 'homeroom', school: SCHOOL, year: YEAR, term, classCode });

describe('a class’s gradebooks and homeroom records are created by the server (RI16)', () => {
	let running: RunningApp;
	let teacher: { id: string; name: string };
	const db = () => running.app.services.db;

	/** A class of the year with students enrolled, as a roster import leaves it: no documents yet. */
	const addClass = async (klass: { code: string; name: string; grade: number }, students: Array<{ id: string; name: string; code: string }>) => {
		await db().insert(t.classes).values({ schoolId: SCHOOL, year: YEAR, ...klass });
		for (const student of students) {
			await db().insert(t.people).values({ id: `person-${student.id}`, fullName: student.name, birthDate: '2011-05-06', gender: 'female' });
			await db().insert(t.students).values({ id: student.id, personId: `person-${student.id}`, schoolId: SCHOOL, moetCode: student.code });
			await db().insert(t.enrolments).values({ studentId: student.id, schoolId: SCHOOL, year: YEAR, classCode: klass.code });
		}
	};
	const documentsOf = async (classCode: string) =>
		(await db().select({ name: t.yjsDocuments.name }).from(t.yjsDocuments).where(and(eq(t.yjsDocuments.school, SCHOOL), eq(t.yjsDocuments.classCode, classCode))).orderBy(asc(t.yjsDocuments.name))).map((row) => row.name);
	const storedUpdates = async (classCode: string) => (await db().select({ n: count() }).from(t.yjsUpdates).where(like(t.yjsUpdates.document, `%/${classCode}%`)))[0]!.n;
	const settled = async () => {
		await running.app.syncServer.flush();
		await expect.poll(async () => (await running.app.services.health()).body.projectionBacklog, { timeout: 10_000 }).toBe(0);
	};

	beforeAll(async () => {
		running = await startComposedApp('pglite', 'sodiem-class-documents-');
		// A teacher of the school who already teaches (so active, with a session in the harness).
		const [assigned] = await db()
			.select({ id: t.people.id, name: t.people.fullName })
			.from(t.teachingAssignments)
			.innerJoin(t.people, eq(t.people.id, t.teachingAssignments.personId))
			.where(and(eq(t.teachingAssignments.schoolId, SCHOOL), eq(t.teachingAssignments.year, YEAR)))
			.limit(1);
		teacher = assigned!;
		await addClass(NEW_CLASS, [
			{ id: 'student-9a9-1', name: 'Lê Bảo Anh', code: '7999100001' },
			{ id: 'student-9a9-2', name: 'Phạm Minh Đức', code: '7999100002' }
		]);
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('RI16 assigning a teacher creates the class’s homeroom records and the subject’s gradebooks with header and roster; the teacher sees and writes them; assigning again stores nothing', async () => {
		const listed = async () => (await gradebookListings(db(), await loadGrants(db(), teacher.id))).filter((l) => l.classCode === NEW_CLASS.code).map((l) => `${l.subjectCode}/${l.term}/${l.access}`).sort();
		expect(await documentsOf(NEW_CLASS.code)).toEqual([]);
		expect(await listed()).toEqual([]);

		const result = await assignTeaching(db(), running.app.services.sync, { schoolId: SCHOOL, year: YEAR, personId: teacher.id, classCode: NEW_CLASS.code, subjectCode: 'toan', actorId: teacher.id, now: new Date() });
		expect(result).toEqual({ ok: true, message: 'Đã phân công giảng dạy. Đã tạo 4 sổ mới của lớp.' });
		expect(await documentsOf(NEW_CLASS.code)).toEqual([gradebook('9a9', 'toan', 'hk1'), gradebook('9a9', 'toan', 'hk2'), homeroom('9a9', 'hk1'), homeroom('9a9', 'hk2')].sort());
		expect(await listed()).toEqual(['toan/hk1/write', 'toan/hk2/write']);

		// The header comes from SQL and the curriculum, the roster from the enrolments.
		let book: ReturnType<typeof readGradebook> | null = null;
		await running.app.services.sync.change(gradebook('9a9', 'toan', 'hk2'), (doc) => (book = readGradebook(doc)));
		const read = book as unknown as ReturnType<typeof readGradebook>;
		if (!read.ok) throw new Error(`gradebook not readable: ${read.reason}`);
		expect(read.meta).toMatchObject({ school: SCHOOL, year: YEAR, term: 'hk2', classCode: '9a9', className: '9A9', subjectCode: 'toan', subjectName: 'Toán', assessment: 'score' });
		expect(read.meta.columns.map((c) => c.key)).toEqual(assessmentColumns('toan', 9).map((c) => c.key));
		expect(read.roster).toEqual([
			{ id: 'student-9a9-1', name: 'Lê Bảo Anh', code: '7999100001' },
			{ id: 'student-9a9-2', name: 'Phạm Minh Đức', code: '7999100002' }
		]);
		let record: ReturnType<typeof readHomeroom> | null = null;
		await running.app.services.sync.change(homeroom('9a9', 'hk1'), (doc) => (record = readHomeroom(doc)));
		expect(record).toMatchObject({ ok: true, meta: { classCode: '9a9', className: '9A9', term: 'hk1' } });

		// The assigned teacher opens the new book through the sync server and enters a mark.
		const client = running.connect(gradebook('9a9', 'toan', 'hk1'), teacher, 'write');
		await whenSynced(client);
		writeCell(client.doc, 'student-9a9-2', 'tx1', 85, { actor: teacher, at: Date.now(), offline: false });
		await expect
			.poll(async () => (await db().select({ value: t.gradeEntries.value }).from(t.gradeEntries).where(and(eq(t.gradeEntries.document, gradebook('9a9', 'toan', 'hk1')), eq(t.gradeEntries.studentId, 'student-9a9-2')))).map((r) => r.value), { timeout: 10_000 })
			.toEqual(['8.5']);
		client.destroy();
		await settled();

		// Assigning again (or another teacher of the same subject) creates nothing and writes nothing.
		const updates = await storedUpdates(NEW_CLASS.code);
		expect(await assignTeaching(db(), running.app.services.sync, { schoolId: SCHOOL, year: YEAR, personId: teacher.id, classCode: NEW_CLASS.code, subjectCode: 'toan', actorId: teacher.id, now: new Date() })).toEqual({ ok: true, message: 'Đã phân công giảng dạy.' });
		await settled();
		expect(await storedUpdates(NEW_CLASS.code)).toBe(updates);
		expect((await documentsOf(NEW_CLASS.code)).length).toBe(4);
	}, 120_000);

	it('RI16 an import into a class without documents creates its homeroom records (no gradebook for a subject nobody is assigned), and again creates nothing', async () => {
		await addClass({ code: '8a9', name: '8A9', grade: 8 }, [{ id: 'student-8a9-1', name: 'Võ Thị Hồng Nhung', code: '7999100003' }]);
		expect(await provisionClassDocuments(db(), running.app.services.sync, SCHOOL, YEAR, ['8a9'])).toEqual({ created: 2, updated: 0 });
		expect(await documentsOf('8a9')).toEqual([homeroom('8a9', 'hk1'), homeroom('8a9', 'hk2')]);
		await settled();
		const updates = await storedUpdates('8a9');
		expect(await provisionClassDocuments(db(), running.app.services.sync, SCHOOL, YEAR, ['8a9'])).toEqual({ created: 0, updated: 2 });
		await settled();
		expect(await storedUpdates('8a9')).toBe(updates);
	}, 60_000);
});
