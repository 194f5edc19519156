/**
 * Roster import on PostgreSQL and PGlite (issue 10 §1, roster SPEC RI13–RI14): a real .xlsx and
 * CSV read, previewed and committed; the same file again changes nothing; a corrected file updates
 * and never duplicates; a file with an error writes nothing; no personal ID is stored in plain text.
 */
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../drizzle/database';
import { enrolments, guardianships, guardianshipEvents, people, students } from '../../drizzle/schema';
import { encodeCitizenId } from '../../src/lib/domain/identity/citizen-id';
import type { Keys } from '../../src/lib/server/keys';
import { hashPersonalId } from '../../src/lib/server/personal-id';
import { commitRoster, previewRoster } from '../../src/lib/server/roster/roster-import';
import { readRosterFile } from '../../src/lib/server/roster/spreadsheet';
import { PEOPLE, SCHOOL, seedAccessSchool, YEAR } from '../fixtures/access-school';
import { generatedRoster, rosterCsv, rosterXlsx, type RosterFileRow } from '../fixtures/roster-file';
import { storageBackends, type OpenedBackend } from '../helpers/test-database';

const keys: Keys = { idHashKey: new Uint8Array(32).fill(1), idEncryptionKey: new Uint8Array(32).fill(2), syncTicketSecret: new Uint8Array(32).fill(3) };
const target = { schoolId: SCHOOL, year: YEAR, today: { year: 2026, month: 11, day: 30 }, actorId: PEOPLE.principal.id, now: new Date('2026-11-30T03:00:00Z') };

async function rowsOf(bytes: Uint8Array) {
	const file = await readRosterFile(bytes);
	if (!file.ok) throw new Error(file.message);
	return file.rows;
}

async function tableSizes(db: Database) {
	const [p] = await db.select({ n: count() }).from(people);
	const [s] = await db.select({ n: count() }).from(students);
	const [g] = await db.select({ n: count() }).from(guardianships);
	const [e] = await db.select({ n: count() }).from(enrolments);
	return { people: p!.n, students: s!.n, guardianships: g!.n, enrolments: e!.n };
}

describe.each(storageBackends())('roster import on $name', (backend) => {
	let opened: OpenedBackend;
	let db: Database;
	const roster = generatedRoster(30, ['6A1', '6A2']);
	// Two siblings share a mother: rows 2 and 3 of the file.
	roster[1] = { ...roster[1], 'g1.relation': 'Mẹ', 'g1.fullName': roster[0]!['g1.fullName'], 'g1.personalId': roster[0]!['g1.personalId'], 'g1.phone': roster[0]!['g1.phone'] };

	beforeAll(async () => {
		opened = await backend.open();
		db = opened.handle.db;
		await seedAccessSchool(db, keys);
	}, 60_000);
	afterAll(() => opened?.cleanup());

	it('RI14 a new file is committed whole: students, enrolments, guardians, declared links with their event', async () => {
		const before = await tableSizes(db);
		const preview = await previewRoster(db, keys, target, await rowsOf(await rosterXlsx(roster)));
		expect(preview.counts).toMatchObject({ rows: 30, errorRows: 0 });
		expect(preview.rows[0]?.maskedId).toMatch(/^079[23]\*{6}\d{2}$/);
		// A preview writes nothing.
		expect(await tableSizes(db)).toEqual(before);
		const result = await commitRoster(db, keys, target, await rowsOf(await rosterXlsx(roster)));
		expect(result.ok).toBe(true);
		expect(await tableSizes(db)).toEqual({ people: before.people + 30 + 29, students: before.students + 30, guardianships: before.guardianships + 30, enrolments: before.enrolments + 30 });
		const [mother] = await db.select().from(people).where(eq(people.personalIdHash, hashPersonalId(keys.idHashKey, String(roster[0]!['g1.personalId']))));
		expect(mother).toMatchObject({ fullName: roster[0]!['g1.fullName'], birthDate: '1985-03-12', gender: 'female', phone: roster[0]!['g1.phone'] });
		const links = await db.select().from(guardianships).where(eq(guardianships.guardianId, mother!.id));
		expect(links.map((l) => `${l.relation} ${l.state}`)).toEqual(['mother declared', 'mother declared']);
		const events = await db.select().from(guardianshipEvents).where(eq(guardianshipEvents.guardianId, mother!.id));
		expect(events.map((e) => `${e.method} ${e.toState} ${e.actorId}`)).toEqual([`import declared ${PEOPLE.principal.id}`, `import declared ${PEOPLE.principal.id}`]);
	});

	it('RI14 importing the same file again (as .xlsx or as CSV) changes nothing', async () => {
		const before = await tableSizes(db);
		const again = await commitRoster(db, keys, target, await rowsOf(await rosterXlsx(roster)));
		expect(again).toMatchObject({ ok: true, counts: { created: 0, updated: 0 } });
		const csv = await commitRoster(db, keys, target, await rowsOf(rosterCsv(roster)));
		expect(csv).toMatchObject({ ok: true, counts: { created: 0, updated: 0 } });
		expect(await tableSizes(db)).toEqual(before);
	});

	it('RI14 a corrected file updates the rows it corrects and never duplicates', async () => {
		const before = await tableSizes(db);
		const newStudentId = encodeCitizenId({ province: '079', sex: 'male', birthYear: 2014, serial: 888_888 });
		const corrected: RosterFileRow[] = roster.map((row, i) =>
			i === 4 ? { ...row, fullName: `${row.fullName}h`, className: '6A2', 'g1.phone': '0987654321' } : i === 6 ? { ...row, personalId: newStudentId } : row
		);
		const result = await commitRoster(db, keys, target, await rowsOf(await rosterXlsx(corrected)));
		expect(result).toMatchObject({ ok: true, counts: { created: 0, updated: 3 } });
		expect(await tableSizes(db)).toEqual(before);
		const [student] = await db.select({ name: people.fullName, classCode: enrolments.classCode }).from(students).innerJoin(people, eq(people.id, students.personId)).innerJoin(enrolments, eq(enrolments.studentId, students.id)).where(eq(students.moetCode, String(roster[4]!.moetCode)));
		expect(student).toEqual({ name: `${roster[4]!.fullName}h`, classCode: '6a2' });
		const [renumbered] = await db.select({ hash: people.personalIdHash }).from(students).innerJoin(people, eq(people.id, students.personId)).where(eq(students.moetCode, String(roster[6]!.moetCode)));
		expect(renumbered?.hash).toBe(hashPersonalId(keys.idHashKey, newStudentId));
	});

	it('RI14 a file with one bad row writes nothing at all, and says which cell', async () => {
		const before = await tableSizes(db);
		const extra = generatedRoster(3, ['6A1'], 10_000);
		extra[2] = { ...extra[2], className: '9Z9' };
		const result = await commitRoster(db, keys, target, await rowsOf(await rosterXlsx([...roster, ...extra])));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues.map((i) => `${i.line} ${i.column} ${i.code}`)).toEqual(['34 className class-unknown']);
		expect(await tableSizes(db)).toEqual(before);
	});

	it('RI5 RI4 numbers and dates as Excel stores them are read back right', async () => {
		const [row] = generatedRoster(1, ['6A1'], 20_000);
		const excelish = { ...row!, personalId: Number(row!.personalId), birthDate: new Date(Date.UTC(2014, 0, 1)), 'g1.personalId': Number(row!['g1.personalId']), 'g1.birthDate': 31_118 };
		const preview = await previewRoster(db, keys, target, await rowsOf(await rosterXlsx([excelish])));
		expect(preview.counts).toMatchObject({ errorRows: 0, created: 3 });
		expect(preview.issues.map((i) => `${i.column} ${i.code}`)).toEqual(['personalId lost-leading-zero', 'g1.birthDate excel-serial-date', 'g1.personalId lost-leading-zero']);
	});

	it('RI13 a parent who is also staff is recognised only by name and date of birth; a mismatch is refused neutrally', async () => {
		const [row] = generatedRoster(1, ['6A1'], 30_000);
		const parent = PEOPLE.teacherParent;
		const base = { ...row!, 'g1.relation': 'Mẹ', 'g1.personalId': parent.personalId, 'g1.birthDate': '15/03/1984' };
		const wrong = await previewRoster(db, keys, target, await rowsOf(await rosterXlsx([{ ...base, 'g1.fullName': 'Đặng Văn Khác' }])));
		expect(wrong.issues.map((i) => i.code)).toEqual(['id-registered-to-another']);
		expect(JSON.stringify(wrong)).not.toContain(parent.fullName);
		const right = await previewRoster(db, keys, target, await rowsOf(await rosterXlsx([{ ...base, 'g1.fullName': parent.fullName.toUpperCase() }])));
		expect(right.counts).toMatchObject({ errorRows: 0 });
	});

	it('no personal ID number is stored in plain text', async () => {
		const ids = roster.flatMap((r) => [String(r.personalId), String(r['g1.personalId'])]);
		const dump = JSON.stringify(await db.execute(sql`select * from people`));
		for (const id of ids) expect(dump).not.toContain(id);
	});
});
