/**
 * Seeds the deterministic demo school (tests/fixtures/demo-school.ts) into an empty database,
 * with one gradebook document per class × subject × term. Runs in one transaction, so a failed
 * seed leaves nothing half-written.
 */
import { count } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../drizzle/database';
import * as t from '../drizzle/schema';
import { maskCitizenId } from '../src/lib/domain/identity/citizen-id';
import { assessmentColumns, PROGRAMME_VERSION, SUBJECTS, subjectByCode, type Grade } from '../src/lib/domain/curriculum/subjects';
import { encryptPersonalId, hashPersonalId } from '../src/lib/server/personal-id';
import type { AppServices } from '../src/lib/server/services';
import { formatDocumentName } from '../src/lib/ydoc/document-name';
import { initGradebook } from '../src/lib/ydoc/gradebook';
import type { DocStorage } from '../sync-server/persistence/doc-storage';
import { DrizzleDocStorage } from '../sync-server/persistence/drizzle-doc-storage';
import { generateDemoSchool, type DemoSchool } from '../tests/fixtures/demo-school';

const STAFF_ROLE = { principal: 'principal', 'vice-principal': 'vice_principal', scheduler: 'scheduler', teacher: 'teacher' } as const;
const TERMS = ['hk1', 'hk2'] as const;
const CHUNK = 500;

export async function seedDemoIfEmpty(services: Pick<AppServices, 'db' | 'keys'>, _storage: DocStorage): Promise<boolean> {
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
	await insertChunked([...demo.people], (chunk) =>
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
	await db.insert(t.staffRoles).values(
		demo.staff.flatMap((s) => s.roles.map((role) => ({ personId: s.personId, organisationId: schoolId, role: STAFF_ROLE[role] })))
	);
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
				relation: g.kinship ?? g.relation,
				state: g.verification === 'school-checked' ? ('school_checked' as const) : ('declared' as const),
				evidence: g.verification === 'school-checked' ? 'Hồ sơ nhập học + giấy khai sinh (dữ liệu mẫu)' : null
			}))
		)
	);
	await seedGradebooks(db, demo);
}

/** One gradebook per class × subject × term, holding the header and the class roster. */
async function seedGradebooks(db: Database, demo: DemoSchool): Promise<void> {
	const storage = new DrizzleDocStorage(db);
	const people = new Map(demo.people.map((p) => [p.id, p]));
	const codes = new Map(demo.students.map((s) => [s.personId, s.studentCode]));
	const subjectsOfClass = new Map<string, Set<string>>();
	for (const a of demo.teachingAssignments) subjectsOfClass.set(a.classCode, (subjectsOfClass.get(a.classCode) ?? new Set()).add(a.subjectCode));
	const names: string[] = [];
	for (const klass of demo.classes) {
		const roster = klass.studentIds.map((id) => ({ id, name: people.get(id)?.fullName ?? id, code: codes.get(id) ?? '' }));
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
				await storage.append(name, [Y.encodeStateAsUpdate(doc)]);
				names.push(name);
				doc.destroy();
			}
		}
	}
	await insertChunked(names, (chunk) => db.insert(t.yjsDocuments).values(chunk.map((name) => ({ name, kind: 'gradebook' }))));
}
