/**
 * Seeds the deterministic demo school (scripts/demo/demo-school.ts) into an empty database,
 * with one gradebook document per class × subject × term and one homeroom document per class ×
 * term, filled with the demo marks, conduct and absences (scripts/demo/demo-marks.ts) and
 * projected into `grade_entries` and `homeroom_entries` as the sync hooks would. Runs in one
 * transaction, so a failed seed leaves nothing half-written.
 */
import { count, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../drizzle/database';
import * as t from '../drizzle/schema';
import { maskCitizenId } from '../src/lib/domain/identity/citizen-id';
import { assessmentColumns, PROGRAMME_VERSION, SUBJECTS, subjectByCode, type Grade } from '../src/lib/domain/curriculum/subjects';
import { encryptPersonalId, hashPersonalId } from '../src/lib/server/personal-id';
import { registerDocuments } from '../src/lib/server/documents';
import { seedCoverageHistory } from '../src/lib/server/guardianship/coverage';
import type { AppServices } from '../src/lib/server/services';
import { formatDocumentName } from '../src/lib/ydoc/document-name';
import { markToText } from '../src/lib/domain/marks/cell-text';
import { initGradebook, writeCells } from '../src/lib/ydoc/gradebook';
import { initHomeroom, writeHomeroom } from '../src/lib/ydoc/homeroom';
import { initTimetable, readTimetable, writeLessons } from '../src/lib/ydoc/timetable';
import { publishedWeeks, recordPublication } from '../src/lib/server/timetable/publish';
import { firstVersionHeader, timetableName, timetableRosterOf } from '../src/lib/server/timetable/versions';
import { demoWeek } from './demo/demo-timetable';
import { mayBeFixed } from '../src/lib/domain/timetable/fixed-slots';
import { generateDemoMarks, type DemoMark, type DemoMarks } from './demo/demo-marks';
import { DEMO_DISTRICT_OFFICER } from './demo/demo-office';
import { DEMO_ACCOUNTANT, DEMO_FEE_ACCOUNT } from './demo/demo-accountant';
import { generateDemoSchool, type DemoSchool } from './demo/demo-school';

const STAFF_ROLE = { principal: 'principal', 'vice-principal': 'vice_principal', scheduler: 'scheduler', teacher: 'teacher' } as const;
const TERMS = ['hk1', 'hk2'] as const;
const CHUNK = 500;
/** Documents per storage write during the seed (about 12 kB each). */
const DOCUMENT_CHUNK = 100;
/** Rows per bulk insert of projected marks (one JSON parameter each). */
const ENTRY_CHUNK = 20_000;

export async function seedDemoIfEmpty(services: Pick<AppServices, 'db' | 'keys'>): Promise<boolean> {
	const [row] = await services.db.select({ n: count() }).from(t.organisations);
	if ((row?.n ?? 0) > 0) return false;
	const school = generateDemoSchool();
	const started = Date.now();
	await services.db.transaction(async (tx) => {
		await seedSchool(tx as unknown as Database, services.keys, school);
	});
	console.log(`Đã tạo dữ liệu mẫu: ${school.school.name}, ${school.classes.length} lớp, ${school.students.length} học sinh (${Date.now() - started} ms).`);
	return true;
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedSchool(db: Database, keys: AppServices['keys'], demo: DemoSchool): Promise<void> {
	const schoolId = demo.school.code;
	const year = demo.schoolYear.code;
	await db.insert(t.organisations).values([
		{ id: demo.office.code, kind: 'district', name: demo.office.name, parentId: null },
		{ id: schoolId, kind: 'school', name: demo.school.name, parentId: demo.office.code }
	]);
	await db.insert(t.schoolYears).values({ schoolId, year, current: true });
	await db.insert(t.subjects).values(SUBJECTS.map((s) => ({ code: s.code, name: s.name, shortName: s.shortName, assessment: s.assessment })));
	await db.insert(t.subjectPeriods).values(
		SUBJECTS.flatMap((s) =>
			([6, 7, 8, 9] as const).map((grade) => ({ programme: PROGRAMME_VERSION, grade, subjectCode: s.code, periodsPerYear: s.periodsPerYear[grade] }))
		)
	);
	await insertChunked([...demo.people, DEMO_DISTRICT_OFFICER, DEMO_ACCOUNTANT], (chunk) =>
		db.insert(t.people).values(
			chunk.map((p) => ({
				id: p.id,
				fullName: p.fullName,
				birthDate: p.dateOfBirth,
				gender: p.sex,
				personalIdHash: hashPersonalId(keys.idHashKey, p.citizenId),
				personalIdCiphertext: encryptPersonalId(keys.idEncryptionKey, p.citizenId),
				personalIdMasked: maskCitizenId(p.citizenId)
			}))
		)
	);
	await db.insert(t.staffRoles).values([
		...demo.staff.flatMap((s) => s.roles.map((role) => ({ personId: s.personId, organisationId: schoolId, role: STAFF_ROLE[role] }))),
		{ personId: DEMO_DISTRICT_OFFICER.id, organisationId: demo.office.code, role: 'district_officer' as const },
		{ personId: DEMO_ACCOUNTANT.id, organisationId: schoolId, role: 'accountant' as const }
	]);
	await db.insert(t.feeAccounts).values({ schoolId, ...DEMO_FEE_ACCOUNT, updatedBy: DEMO_ACCOUNTANT.id });
	await db.insert(t.classes).values(demo.classes.map((c) => ({ schoolId, year, code: c.code, name: c.name, grade: c.grade })));
	await insertChunked([...demo.students], (chunk) =>
		db.insert(t.students).values(chunk.map((s) => ({ id: s.personId, personId: s.personId, schoolId, moetCode: s.studentCode })))
	);
	await insertChunked([...demo.students], (chunk) =>
		db.insert(t.enrolments).values(chunk.map((s) => ({ studentId: s.personId, schoolId, year, classCode: s.classCode })))
	);
	await db.insert(t.teachingAssignments).values(
		demo.teachingAssignments.map((a) => ({ personId: a.teacherId, schoolId, year, classCode: a.classCode, subjectCode: a.subjectCode }))
	);
	await db.insert(t.homeroomAssignments).values(demo.classes.map((c) => ({ personId: c.homeroomTeacherId, schoolId, year, classCode: c.code })));
	await insertChunked([...demo.guardianships], (chunk) =>
		db.insert(t.guardianships).values(
			chunk.map((g) => ({
				guardianId: g.guardianId,
				studentId: g.studentId,
				relation: g.relation,
				state: g.verification === 'school-checked' ? ('school_checked' as const) : ('declared' as const),
				evidence: g.verification === 'school-checked' ? 'Hồ sơ nhập học + giấy khai sinh (dữ liệu mẫu)' : null
			}))
		)
	);
	const marks = generateDemoMarks(demo);
	await seedGradebooks(db, demo, marks);
	await seedHomerooms(db, demo, marks);
	await seedTimetable(db, demo);
	// Two weeks of daily coverage snapshots, so the principal's chart has a history (guardianship SPEC CV1).
	await seedCoverageHistory(db, schoolId, year, new Date(), 14);
}

/** Timetable version 1 of the year, its week filled from the teaching assignments (scripts/demo/demo-timetable.ts), published for every class. */
async function seedTimetable(db: Database, demo: DemoSchool): Promise<void> {
	const school = demo.school.code;
	const year = demo.schoolYear.code;
	const roster = await timetableRosterOf(db, school, year);
	const doc = new Y.Doc();
	initTimetable(doc, firstVersionHeader(school, year, `${demo.schoolYear.startYear}-09-08`), roster);
	const week = demoWeek(roster, new Map(demo.classes.map((c) => [c.code, c.homeroomTeacherId])));
	const scheduler = demo.staff.find((s) => s.roles.includes('scheduler'));
	writeLessons(
		doc,
		// Chào cờ and sinh hoạt lớp are locked in place, as "Xếp tiết cố định" leaves them (TK42–TK44).
		week.map((l) => ({ classCode: l.classCode, slot: l.slot, lesson: { subject: l.subject, teacher: l.teacher, room: l.room, fixed: mayBeFixed(l.subject) } })),
		{ actor: actorOf(demo, scheduler?.personId ?? demo.staff[0]!.personId), at: Date.UTC(demo.schoolYear.startYear, 7, 25, 2, 0, 0) }
	);
	const name = timetableName(school, year, 'v1');
	await appendAll(db, [[name, Y.encodeStateAsUpdate(doc)]]);
	// Published for every class from its first day, as a school does before term starts (timetable
	// SPEC TT8–TT9): the week pages, "Tuần của tôi" and the parents' pages have a week to show.
	const read = readTimetable(doc);
	if (!read.ok) throw new Error(`the demo timetable does not read back: ${read.reason}`);
	const effectiveFrom = read.meta.effectiveFrom;
	await recordPublication(db, { school, year, version: 'v1', effectiveFrom, target: { scope: 'school' } }, publishedWeeks(read, { scope: 'school' }), scheduler?.personId ?? demo.staff[0]!.personId, new Date(Date.UTC(demo.schoolYear.startYear, 8, 5, 2, 0, 0)));
	doc.destroy();
}

/**
 * Documents' first updates: registered with their key columns, then stored a chunk of documents
 * per INSERT, inside the seed's transaction (the sync server's storage writes through the pool,
 * outside any transaction: sync-server SPEC S12).
 */
async function appendAll(db: Database, updates: ReadonlyArray<readonly [string, Uint8Array]>): Promise<void> {
	await registerDocuments(db, updates.map(([name]) => name));
	for (let i = 0; i < updates.length; i += DOCUMENT_CHUNK) {
		await db.insert(t.yjsUpdates).values(updates.slice(i, i + DOCUMENT_CHUNK).map(([document, data]) => ({ document, data })));
	}
}

function rosterOf(demo: DemoSchool) {
	const people = new Map(demo.people.map((p) => [p.id, p]));
	const codes = new Map(demo.students.map((s) => [s.personId, s.studentCode]));
	return (studentIds: readonly string[]) => studentIds.map((id) => ({ id, name: people.get(id)?.fullName ?? id, code: codes.get(id) ?? '' }));
}

function actorOf(demo: DemoSchool, personId: string) {
	return { id: personId, name: demo.people.find((p) => p.id === personId)?.fullName ?? personId };
}

/**
 * One gradebook per class × subject × term, holding the header, the class roster and the demo
 * marks entered by the subject's teacher; the marks are projected into grade_entries.
 */
async function seedGradebooks(db: Database, demo: DemoSchool, demoMarks: DemoMarks): Promise<void> {
	const updates: Array<[string, Uint8Array]> = [];
	const rosterFor = rosterOf(demo);
	const subjectsOfClass = new Map<string, Set<string>>();
	const teacherOf = new Map<string, string>();
	for (const a of demo.teachingAssignments) {
		subjectsOfClass.set(a.classCode, (subjectsOfClass.get(a.classCode) ?? new Set()).add(a.subjectCode));
		if (!teacherOf.has(`${a.classCode}/${a.subjectCode}`)) teacherOf.set(`${a.classCode}/${a.subjectCode}`, a.teacherId);
	}
	const marksOf = new Map<string, DemoMark[]>();
	for (const mark of demoMarks.marks) {
		const key = `${mark.classCode}/${mark.subject}/${mark.term}`;
		const list = marksOf.get(key);
		if (list) list.push(mark);
		else marksOf.set(key, [mark]);
	}
	const names: string[] = [];
	const entries: Array<typeof t.gradeEntries.$inferInsert> = [];
	for (const klass of demo.classes) {
		const roster = rosterFor(klass.studentIds);
		for (const subjectCode of subjectsOfClass.get(klass.code) ?? []) {
			const subject = subjectByCode(subjectCode as Parameters<typeof subjectByCode>[0]);
			const columns = assessmentColumns(subject, klass.grade as Grade).map((c) => ({ key: c.key, label: c.label, kind: c.kind }));
			for (const term of TERMS) {
				const ref = { kind: 'gradebook' as const, school: demo.school.code, year: demo.schoolYear.code, term, classCode: klass.code, subject: subject.code };
				const doc = new Y.Doc();
				initGradebook(
					doc,
					{ school: ref.school, year: ref.year, term, classCode: klass.code, className: klass.name, subjectCode: subject.code, subjectName: subject.name, assessment: subject.assessment, columns },
					roster
				);
				const name = formatDocumentName(ref);
				const teacherId = teacherOf.get(`${klass.code}/${subject.code}`) ?? '';
				const marks = marksOf.get(`${klass.code}/${subject.code}/${term}`) ?? [];
				const updatedAt = new Date(demoMarks.enteredAt[term]);
				writeCells(
					doc,
					marks.map((m) => ({ studentId: m.studentId, columnKey: m.column, value: m.value })),
					{ actor: actorOf(demo, teacherId), at: demoMarks.enteredAt[term], offline: false }
				);
				for (const m of marks) entries.push({ document: name, studentId: m.studentId, columnKey: m.column, value: markToText(m.value), updatedBy: teacherId, updatedAt });
				updates.push([name, Y.encodeStateAsUpdate(doc)]);
				names.push(name);
				doc.destroy();
			}
		}
	}
	await appendAll(db, updates);
	await registerDocuments(db, names);
	for (let i = 0; i < entries.length; i += ENTRY_CHUNK) await insertGradeEntries(db, entries.slice(i, i + ENTRY_CHUNK));
}

/**
 * ~60 000 projected marks: one JSON parameter per chunk instead of six bind parameters per row
 * keeps the demo seed fast on PGlite (about half the time of a multi-row VALUES insert).
 */
async function insertGradeEntries(db: Database, rows: ReadonlyArray<typeof t.gradeEntries.$inferInsert>): Promise<void> {
	const json = JSON.stringify(
		rows.map((r) => ({ document: r.document, student_id: r.studentId, column_key: r.columnKey, value: r.value, updated_by: r.updatedBy, updated_at: r.updatedAt?.toISOString() }))
	);
	await db.execute(sql`
		insert into grade_entries (document, student_id, column_key, value, updated_by, updated_at)
		select document, student_id, column_key, value, updated_by, updated_at
		from jsonb_to_recordset(${json}::jsonb)
			as x(document text, student_id text, column_key text, value text, updated_by text, updated_at timestamptz)`);
}

/**
 * One homeroom document per class × term with the roster and what the homeroom teacher entered
 * (conduct, absences, comments), projected into homeroom_entries.
 */
async function seedHomerooms(db: Database, demo: DemoSchool, demoMarks: DemoMarks): Promise<void> {
	const updates: Array<[string, Uint8Array]> = [];
	const rosterFor = rosterOf(demo);
	const names: string[] = [];
	const rows: Array<typeof t.homeroomEntries.$inferInsert> = [];
	for (const klass of demo.classes) {
		for (const term of TERMS) {
			const ref = { kind: 'homeroom' as const, school: demo.school.code, year: demo.schoolYear.code, term, classCode: klass.code };
			const name = formatDocumentName(ref);
			const records = demoMarks.homeroom.filter((r) => r.classCode === klass.code && r.term === term);
			const doc = new Y.Doc();
			initHomeroom(doc, { school: ref.school, year: ref.year, term, classCode: klass.code, className: klass.name }, rosterFor(klass.studentIds));
			writeHomeroom(
				doc,
				records.map((r) => ({
					studentId: r.studentId,
					patch: {
						conduct: r.conduct,
						conductComment: r.conductComment,
						absencesExcused: r.absences.excused,
						absencesUnexcused: r.absences.unexcused,
						comment: r.comment
					}
				})),
				{ actor: actorOf(demo, klass.homeroomTeacherId), at: demoMarks.enteredAt[term], offline: false }
			);
			updates.push([name, Y.encodeStateAsUpdate(doc)]);
			doc.destroy();
			names.push(name);
			for (const r of records) {
				rows.push({
					document: name,
					school: ref.school,
					year: ref.year,
					term,
					classCode: klass.code,
					studentId: r.studentId,
					conduct: r.conduct,
					conductComment: r.conductComment,
					absencesExcused: r.absences.excused,
					absencesUnexcused: r.absences.unexcused,
					comment: r.comment,
					updatedBy: klass.homeroomTeacherId,
					updatedAt: new Date(demoMarks.enteredAt[term])
				});
			}
		}
	}
	await appendAll(db, updates);
	await registerDocuments(db, names);
	await insertChunked(rows, (chunk) => db.insert(t.homeroomEntries).values(chunk));
}
