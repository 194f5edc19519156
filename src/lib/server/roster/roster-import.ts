/**
 * Roster import (issue 10 §1): check a school's file against the pure rules and the database
 * (preview), then commit it in one transaction that re-checks everything first, so a file with
 * any error writes nothing, the same file twice changes nothing, and a corrected file updates.
 * Personal ID numbers are stored only as keyed hash + ciphertext + mask, like staff.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, guardianships, guardianshipEvents, people, staffRoles, students } from '../../../../drizzle/schema';
import type { CalendarDate } from '../../domain/identity/calendar-date';
import { maskCitizenId, type CitizenId } from '../../domain/identity/citizen-id';
import { COLUMN_HEADER } from '../../domain/roster/columns';
import { planRosterImport, type KnownPerson, type KnownRoster, type KnownStudent, type RosterPlan } from '../../domain/roster/plan';
import { findDuplicatesInFile, isEmptyRow, validateRosterRow, type RawRow, type RosterIssue, type RowResult } from '../../domain/roster/validate-rows';
import type { Keys } from '../keys';
import { encryptPersonalId, hashPersonalId } from '../personal-id';

type Reader = Pick<Database, 'select'>;

export interface RosterTarget {
	schoolId: string;
	year: string;
	today: CalendarDate;
}

/** What the preview page shows: no personal ID leaves the server unmasked. */
export interface RosterPreview {
	counts: RosterPlan['counts'];
	issues: Array<RosterIssue & { columnName: string | null }>;
	rows: Array<{ line: number; name: string; className: string; maskedId: string | null; change: string; guardians: string[] }>;
}

const CHUNK = 250;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function schoolClasses(db: Reader, target: RosterTarget) {
	return db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, target.schoolId), eq(classes.year, target.year)));
}

/** RI2–RI12, a chunk at a time so a progress callback can report between chunks. */
export async function checkRows(db: Reader, target: RosterTarget, rows: readonly RawRow[], onProgress?: (done: number, total: number) => void): Promise<RowResult[]> {
	const context = { today: target.today, classes: await schoolClasses(db, target) };
	const filled = rows.filter((row) => !isEmptyRow(row));
	const results: RowResult[] = [];
	for (let start = 0; start < filled.length; start += CHUNK) {
		for (const row of filled.slice(start, start + CHUNK)) results.push(validateRosterRow(row, context));
		onProgress?.(Math.min(start + CHUNK, filled.length), filled.length);
		if (onProgress) await nextTick();
	}
	findDuplicatesInFile(results);
	return results;
}

const inChunks = async <T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> => {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += 500) out.push(...(await run(items.slice(i, i + 500))));
	return out;
};

/** What the database holds under the numbers and codes the file names (input of RI13–RI14). */
export async function loadKnownRoster(db: Reader, keys: Keys, target: RosterTarget, results: readonly RowResult[]): Promise<KnownRoster> {
	const ids = new Set<string>();
	const codes = new Set<string>();
	for (const r of results) {
		if (r.student?.personalId) ids.add(r.student.personalId);
		if (r.student) codes.add(r.student.moetCode);
		for (const g of r.guardians) ids.add(g.personalId);
	}
	const idByHash = new Map([...ids].map((id) => [hashPersonalId(keys.idHashKey, id), id]));
	const found = await inChunks([...idByHash.keys()], (chunk) => db.select().from(people).where(inArray(people.personalIdHash, chunk)));
	const byCode = await inChunks([...codes], (chunk) => db.select().from(students).where(inArray(students.moetCode, chunk)));
	const foundIds = found.map((p) => p.id);
	const studentRows = [...byCode, ...(await inChunks(foundIds, (chunk) => db.select().from(students).where(inArray(students.personId, chunk))))];
	const studentPersonIds = [...new Set(studentRows.map((s) => s.personId))];
	const [studentPeople, enrolled, roles, links] = await Promise.all([
		inChunks(studentPersonIds, (chunk) => db.select().from(people).where(inArray(people.id, chunk))),
		inChunks(
			studentRows.map((s) => s.id),
			(chunk) => db.select().from(enrolments).where(and(eq(enrolments.year, target.year), inArray(enrolments.studentId, chunk)))
		),
		inChunks(foundIds, (chunk) => db.select({ personId: staffRoles.personId }).from(staffRoles).where(inArray(staffRoles.personId, chunk))),
		inChunks(foundIds, (chunk) =>
			db
				.select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId, relation: guardianships.relation, school: students.schoolId })
				.from(guardianships)
				.innerJoin(students, eq(students.id, guardianships.studentId))
				.where(inArray(guardianships.guardianId, chunk))
		)
	]);
	const classOf = new Map(enrolled.map((e) => [e.studentId, e.classCode]));
	const personById = new Map(studentPeople.map((p) => [p.id, p]));
	const studentOfPerson = new Map(studentRows.map((s) => [s.personId, s]));
	const staff = new Set(roles.map((r) => r.personId));
	const linkedElsewhere = new Set(links.filter((l) => l.school !== target.schoolId).map((l) => l.guardianId));
	const knownStudent = (s: (typeof studentRows)[number]): KnownStudent => {
		const p = personById.get(s.personId);
		return {
			studentId: s.id,
			personId: s.personId,
			schoolId: s.schoolId,
			moetCode: s.moetCode,
			classCode: classOf.get(s.id) ?? null,
			person: { fullName: p?.fullName ?? '', birthDate: p?.birthDate ?? '', gender: p?.gender ?? 'male' }
		};
	};
	const personByPersonalId = new Map<string, KnownPerson>();
	for (const p of found) {
		const id = p.personalIdHash ? idByHash.get(p.personalIdHash) : undefined;
		if (!id) continue;
		const student = studentOfPerson.get(p.id);
		personByPersonalId.set(id, {
			personId: p.id,
			fullName: p.fullName,
			birthDate: p.birthDate,
			gender: p.gender,
			phone: p.phone,
			// Only the school's own roster vouches for this person (roster SPEC RI13).
			editable: student ? student.schoolId === target.schoolId : !staff.has(p.id) && !linkedElsewhere.has(p.id) && p.verifiedBy === null,
			student: student ? { studentId: student.id, schoolId: student.schoolId } : null
		});
	}
	return {
		schoolId: target.schoolId,
		personByPersonalId,
		studentByMoetCode: new Map(byCode.map((s) => [s.moetCode, knownStudent(s)])),
		studentByPersonId: new Map(studentRows.map((s) => [s.personId, knownStudent(s)])),
		links: new Map(links.map((l) => [`${l.guardianId}|${l.studentId}`, l.relation]))
	};
}

export async function planRoster(db: Reader, keys: Keys, target: RosterTarget, rows: readonly RawRow[], onProgress?: (done: number, total: number) => void): Promise<RosterPlan> {
	const results = await checkRows(db, target, rows, onProgress);
	return planRosterImport(results, await loadKnownRoster(db, keys, target, results));
}

const CHANGE_NAMES = { create: 'Thêm mới', update: 'Cập nhật', unchanged: 'Không đổi' } as const;

export function previewOf(plan: RosterPlan, classNames: ReadonlyMap<string, string>): RosterPreview {
	return {
		counts: plan.counts,
		issues: plan.issues.map((issue) => ({ ...issue, columnName: issue.column ? COLUMN_HEADER[issue.column] : null })),
		rows: plan.students.map((s, index) => ({
			line: s.line,
			name: s.record.fullName,
			className: classNames.get(s.record.classCode) ?? s.record.classCode,
			maskedId: s.record.personalId ? maskCitizenId(s.record.personalId as CitizenId) : null,
			change: CHANGE_NAMES[s.change],
			guardians: plan.guardians.filter((g) => g.studentIndex === index).map((g) => `${g.record.fullName} (${CHANGE_NAMES[g.link === 'unchanged' ? g.change : g.link]})`)
		}))
	};
}

export async function previewRoster(db: Database, keys: Keys, target: RosterTarget, rows: readonly RawRow[], onProgress?: (done: number, total: number) => void): Promise<RosterPreview> {
	const plan = await planRoster(db, keys, target, rows, onProgress);
	const classNames = new Map((await schoolClasses(db, target)).map((c) => [c.code, c.name]));
	return previewOf(plan, classNames);
}

/** The classes whose students a plan changes (joined, moved in, renamed, new code): their documents' rosters are rewritten (RI15). */
export function classesChangedBy(plan: RosterPlan): string[] {
	return [...new Set(plan.students.filter((s) => s.change !== 'unchanged').map((s) => s.record.classCode))];
}

export type CommitResult = { ok: true; counts: RosterPlan['counts']; classes: string[] } | { ok: false; counts: RosterPlan['counts']; issues: RosterIssue[] };

/** Sealed personal ID columns of `people` (hash for matching, ciphertext for display, mask). */
function sealedId(keys: Keys, id: string) {
	return { personalIdHash: hashPersonalId(keys.idHashKey, id), personalIdCiphertext: encryptPersonalId(keys.idEncryptionKey, id), personalIdMasked: maskCitizenId(id as CitizenId) };
}

/**
 * RI14: everything in one transaction, planned again inside it against what the database holds
 * now; any error (or a failing write) rolls the whole file back.
 */
export async function commitRoster(db: Database, keys: Keys, target: RosterTarget & { actorId: string; now: Date }, rows: readonly RawRow[]): Promise<CommitResult> {
	return db.transaction(async (tx) => {
		const plan = await planRoster(tx, keys, target, rows);
		if (plan.counts.errorRows > 0) return { ok: false, counts: plan.counts, issues: plan.issues.filter((i) => i.severity === 'error') };
		await writeRosterPlan(tx, keys, target, plan);
		return { ok: true, counts: plan.counts, classes: classesChangedBy(plan) };
	});
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Writes a plan without errors inside the caller's transaction (RI14); returns each planned
 * student's id, in `plan.students` order. Also used by the education-database import.
 */
export async function writeRosterPlan(tx: Transaction, keys: Keys, target: RosterTarget & { actorId: string; now: Date }, plan: RosterPlan): Promise<string[]> {
	const studentIds: string[] = [];
	for (const s of plan.students) {
		const { record } = s;
		const fields = { fullName: record.fullName, birthDate: record.birthDate, gender: record.gender };
		const idFields = s.setsPersonalId && record.personalId ? sealedId(keys, record.personalId) : {};
		if (s.change === 'create') {
			const personId = `person-${randomUUID()}`;
			const studentId = `student-${randomUUID()}`;
			await tx.insert(people).values({ id: personId, ...fields, ...idFields });
			await tx.insert(students).values({ id: studentId, personId, schoolId: target.schoolId, moetCode: record.moetCode });
			await tx.insert(enrolments).values({ studentId, schoolId: target.schoolId, year: target.year, classCode: record.classCode });
			studentIds.push(studentId);
			continue;
		}
		const studentId = s.studentId!;
		studentIds.push(studentId);
		if (s.change === 'unchanged') continue;
		await tx.update(people).set({ ...fields, ...idFields }).where(eq(people.id, s.personId!));
		await tx.update(students).set({ moetCode: record.moetCode }).where(eq(students.id, studentId));
		await tx
			.insert(enrolments)
			.values({ studentId, schoolId: target.schoolId, year: target.year, classCode: record.classCode })
			.onConflictDoUpdate({ target: [enrolments.studentId, enrolments.year], set: { classCode: record.classCode, schoolId: target.schoolId } });
	}
	const guardianIds = new Map<string, string>();
	for (const g of plan.guardians) {
		const { record } = g;
		let personId = g.personId ?? guardianIds.get(record.personalId);
		if (!personId) {
			personId = `person-${randomUUID()}`;
			await tx.insert(people).values({ id: personId, fullName: record.fullName, birthDate: record.birthDate, gender: record.gender, phone: record.phone, ...sealedId(keys, record.personalId) });
		} else if (g.change === 'update') {
			await tx
				.update(people)
				.set(g.editable ? { fullName: record.fullName, birthDate: record.birthDate, gender: record.gender, phone: record.phone } : { phone: record.phone })
				.where(eq(people.id, personId));
		}
		guardianIds.set(record.personalId, personId);
		const studentId = studentIds[g.studentIndex]!;
		if (g.link === 'create') {
			await tx.insert(guardianships).values({ guardianId: personId, studentId, relation: g.relation, state: 'declared' });
			await tx.insert(guardianshipEvents).values({ guardianId: personId, studentId, fromState: null, toState: 'declared', method: 'import', evidence: 'Nhập từ danh sách học sinh', actorId: target.actorId, at: target.now });
		} else if (g.link === 'update') {
			await tx.update(guardianships).set({ relation: g.relation }).where(and(eq(guardianships.guardianId, personId), eq(guardianships.studentId, studentId)));
		}
	}
	return studentIds;
}
