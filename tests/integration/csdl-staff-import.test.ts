/**
 * The education database's staff export on PostgreSQL and PGlite (issue 14, exchange SPEC
 * CX14–CX18, CX10): import (.xls of a template with a two-row header, coded positions, extra
 * columns) → re-import of the same staff as .xlsx of another template (nothing changes) → a later
 * export where one teacher left and one changed name and subjects (the change preview) → confirm a
 * selection of it; a file with an error writes nothing; the leader's own leaving is never applied.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../drizzle/database';
import { exchangeRuns, homeroomAssignments, people, staffAudit, staffProfiles, staffRoles, teachingAssignments } from '../../drizzle/schema';
import { encodeCitizenId, maskCitizenId, type CitizenId } from '../../src/lib/domain/identity/citizen-id';
import { commitStaffExport, previewStaffExport } from '../../src/lib/server/exchange/staff-import';
import { readWorkbook } from '../../src/lib/server/exchange/workbook';
import type { Keys } from '../../src/lib/server/keys';
import type { SyncControl } from '../../src/lib/server/services';
import { PEOPLE, SCHOOL, seedAccessSchool, YEAR } from '../fixtures/access-school';
import { staffExport, type ExportStaff } from '../fixtures/csdl-staff-export';
import { storageBackends, type OpenedBackend } from '../helpers/test-database';

const keys: Keys = { idHashKey: new Uint8Array(32).fill(1), idEncryptionKey: new Uint8Array(32).fill(2), syncTicketSecret: new Uint8Array(32).fill(3) };
const target = { schoolId: SCHOOL, year: YEAR, today: { year: 2026, month: 11, day: 30 }, actorId: PEOPLE.principal.id, now: new Date('2026-11-30T03:00:00Z') };

function sheetsOf(bytes: Uint8Array) {
	const read = readWorkbook(bytes);
	if (!read.ok) throw new Error(read.message);
	return read.sheets;
}

const ddmm = (iso: string) => iso.split('-').reverse().join('/');
const member = (key: keyof typeof PEOPLE, position: string, subjects = '', positionGroup = 'Giáo viên'): ExportStaff => ({
	personalId: PEOPLE[key].personalId,
	fullName: PEOPLE[key].fullName,
	birthDate: ddmm(PEOPLE[key].birthDate),
	position,
	positionGroup,
	subjects
});
const NEW_TEACHER: ExportStaff = { personalId: encodeCitizenId({ province: '079', sex: 'female', birthYear: 1992, serial: 912_345 }), fullName: 'Trịnh Thị Mới', birthDate: '12/05/1992', position: 'Giáo viên THCS', positionGroup: 'Giáo viên', subjects: 'Khoa học tự nhiên' };

const FIRST: ExportStaff[] = [
	member('principal', 'Hiệu trưởng', '', 'Cán bộ quản lý'),
	member('vicePrincipal', 'Phó hiệu trưởng', 'Toán', 'Cán bộ quản lý'),
	member('mathTeacher', 'Giáo viên THCS', 'Toán'),
	member('literatureTeacher', 'Giáo viên THCS', 'Ngữ văn'),
	member('homeroomTeacher', 'Giáo viên THCS', 'Lịch sử và Địa lí, Giáo dục công dân'),
	member('teacherParent', 'Giáo viên THCS', 'Toán, Tin học'),
	NEW_TEACHER,
	// A person the system already knows (a parent): joins as a teacher with the same record.
	member('parent', 'Nhân viên văn thư', '', 'Nhân viên')
];

function fakeSync() {
	const reauthorized: string[] = [];
	const ended: string[] = [];
	const sync: SyncControl = {
		capAccess() {},
		async reauthorizePerson(personId) {
			reauthorized.push(personId);
		},
		endSession(sessionId) {
			ended.push(sessionId);
		},
		async change() {}
	};
	return { sync, reauthorized, ended };
}

async function sizes(db: Database) {
	const [p] = await db.select({ n: count() }).from(people);
	const [r] = await db.select({ n: count() }).from(staffRoles).where(eq(staffRoles.organisationId, SCHOOL));
	const [f] = await db.select({ n: count() }).from(staffProfiles);
	const [a] = await db.select({ n: count() }).from(staffAudit);
	return { people: p!.n, roles: r!.n, profiles: f!.n, audit: a!.n };
}

const rolesOf = async (db: Database, personId: string) => (await db.select({ role: staffRoles.role }).from(staffRoles).where(and(eq(staffRoles.personId, personId), eq(staffRoles.organisationId, SCHOOL)))).map((r) => r.role).sort();

describe.each(storageBackends())('education database staff import on $name', (backend) => {
	let opened: OpenedBackend;
	let db: Database;

	beforeAll(async () => {
		opened = await backend.open();
		db = opened.handle.db;
		await seedAccessSchool(db, keys);
	}, 60_000);
	afterAll(() => opened?.cleanup());

	it('CX15 CX17 a file with an error (a known person whose birth date differs) previews the problem by line and column and writes nothing when confirmed', async () => {
		const before = await sizes(db);
		const wrong = [...FIRST.slice(0, 6), { ...member('parent', 'Nhân viên văn thư'), birthDate: '01/01/1983' }];
		const preview = await previewStaffExport(db, keys, target, sheetsOf(staffExport(wrong, 'a', 'xlsx')));
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.preview.counts.errorRows).toBe(1);
		expect(preview.preview.issues.filter((i) => i.severity === 'error').map((i) => `${i.line} ${i.code}`)).toEqual(['8 identity-mismatch']);
		const { sync } = fakeSync();
		const result = await commitStaffExport(db, sync, keys, target, sheetsOf(staffExport(wrong, 'a', 'xlsx')), new Set(['d8']));
		expect(result.ok).toBe(false);
		expect(await sizes(db)).toEqual(before);
		const [run] = await db.select().from(exchangeRuns).where(eq(exchangeRuns.kind, 'teacher_import'));
		expect(run).toMatchObject({ outcome: 'failed', detail: 'Tệp còn lỗi ở 1 dòng; chưa có gì được ghi.' });
	});

	it('CX14 CX16 CX17 a first export (.xls, two-row header, coded positions) shows two joined and six changed; confirmed, it adds them as teachers with sealed IDs and records the jobs', async () => {
		const before = await sizes(db);
		const bytes = staffExport(FIRST, 'b', 'xls');
		const preview = await previewStaffExport(db, keys, target, sheetsOf(bytes));
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.preview.counts).toEqual({ rows: 8, errorRows: 0, changes: 8, unchanged: 0 });
		expect(preview.preview.changes.filter((c) => c.kinds.includes('Mới về trường')).map((c) => c.fullName)).toEqual(['Trịnh Thị Mới', PEOPLE.parent.fullName]);
		expect(preview.preview.changes.find((c) => c.fullName === PEOPLE.mathTeacher.fullName)).toMatchObject({ id: 'd7', kinds: ['Đổi vị trí, chức vụ', 'Đổi môn dạy'], details: ['Vị trí: — → Giáo viên THCS · Giáo viên', 'Môn dạy: — → Toán'] });
		expect(await sizes(db)).toEqual(before);
		const { sync } = fakeSync();
		const result = await commitStaffExport(db, sync, keys, target, sheetsOf(bytes), new Set(preview.preview.changes.map((c) => c.id)));
		expect(result).toEqual({ ok: true, applied: 8, skipped: 0 });
		expect(await sizes(db)).toEqual({ people: before.people + 1, roles: before.roles + 2, profiles: 8, audit: before.audit + 8 });
		const [created] = await db.select().from(people).where(eq(people.fullName, 'Trịnh Thị Mới'));
		expect(created).toMatchObject({ birthDate: '1992-05-12', gender: 'female', personalIdMasked: maskCitizenId(NEW_TEACHER.personalId as CitizenId) });
		expect(created!.personalIdCiphertext).not.toContain(NEW_TEACHER.personalId);
		expect(await rolesOf(db, created!.id)).toEqual(['teacher']);
		expect(await rolesOf(db, PEOPLE.parent.id)).toEqual(['teacher']);
		// The file never grants leadership: the principal keeps exactly the roles the school gave.
		expect(await rolesOf(db, PEOPLE.principal.id)).toEqual(['principal']);
		const [job] = await db.select().from(staffProfiles).where(eq(staffProfiles.personId, PEOPLE.homeroomTeacher.id));
		expect(job).toMatchObject({ position: 'Giáo viên THCS', positionGroup: 'Giáo viên', subjects: 'Lịch sử và Địa lí, Giáo dục công dân' });
	});

	it('CX16 the same staff again, as .xlsx of the other template, shows and changes nothing', async () => {
		const before = await sizes(db);
		for (const bytes of [staffExport(FIRST, 'b', 'xls'), staffExport(FIRST, 'a', 'xlsx')]) {
			const preview = await previewStaffExport(db, keys, target, sheetsOf(bytes));
			expect(preview.ok && preview.preview.counts).toEqual({ rows: 8, errorRows: 0, changes: 0, unchanged: 8 });
			const { sync } = fakeSync();
			expect(await commitStaffExport(db, sync, keys, target, sheetsOf(bytes), new Set(['d2', 'd3']))).toEqual({ ok: true, applied: 0, skipped: 0 });
		}
		expect(await sizes(db)).toEqual({ ...before, audit: before.audit });
	});

	it('CX16 CX18 a later export: one teacher left, one changed name and subjects; only the confirmed leaving is applied, the person and history stay, access is re-decided', async () => {
		const later = FIRST.filter((s) => s.personalId !== PEOPLE.homeroomTeacher.personalId).map((s) =>
			s.personalId === PEOPLE.mathTeacher.personalId ? { ...s, fullName: 'Nguyễn Thị Toán Học', subjects: 'Toán, Tin học' } : s
		);
		const bytes = staffExport(later, 'a', 'xls');
		const preview = await previewStaffExport(db, keys, target, sheetsOf(bytes));
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.preview.changes.map((c) => `${c.id} ${c.kinds.join('+')}`)).toEqual([`d4 Đổi họ tên+Đổi môn dạy`, `p${PEOPLE.homeroomTeacher.id} Rời trường`]);
		expect(preview.preview.changes[0]!.details).toEqual(['Họ tên: Nguyễn Thị Toán → Nguyễn Thị Toán Học', 'Môn dạy: Toán → Toán, Tin học']);
		expect(preview.preview.changes[1]).toMatchObject({ leaving: true, self: false });

		const { sync, reauthorized, ended } = fakeSync();
		const result = await commitStaffExport(db, sync, keys, target, sheetsOf(bytes), new Set([`p${PEOPLE.homeroomTeacher.id}`]));
		expect(result).toEqual({ ok: true, applied: 1, skipped: 1 });
		expect(await rolesOf(db, PEOPLE.homeroomTeacher.id)).toEqual([]);
		expect(await db.select().from(teachingAssignments).where(eq(teachingAssignments.personId, PEOPLE.homeroomTeacher.id))).toEqual([]);
		expect(await db.select().from(homeroomAssignments).where(eq(homeroomAssignments.personId, PEOPLE.homeroomTeacher.id))).toEqual([]);
		// Never deleted: the person, the job last held and the audit trail stay.
		expect(await db.select({ id: people.id }).from(people).where(eq(people.id, PEOPLE.homeroomTeacher.id))).toHaveLength(1);
		expect(await db.select().from(staffProfiles).where(eq(staffProfiles.personId, PEOPLE.homeroomTeacher.id))).toHaveLength(1);
		expect((await db.select().from(staffAudit).where(eq(staffAudit.personId, PEOPLE.homeroomTeacher.id))).map((a) => a.action)).toContain('leave');
		expect(reauthorized).toEqual([PEOPLE.homeroomTeacher.id]);
		expect(ended).toEqual([]);
		// The unselected change is still there; the applied one is not.
		const again = await previewStaffExport(db, keys, target, sheetsOf(bytes));
		expect(again.ok && again.preview.changes.map((c) => c.id)).toEqual(['d4']);
		const [name] = await db.select({ fullName: people.fullName }).from(people).where(eq(people.id, PEOPLE.mathTeacher.id));
		expect(name!.fullName).toBe('Nguyễn Thị Toán');
	});

	it('CX18 the leader’s own leaving is shown and never applied', async () => {
		const without = FIRST.filter((s) => s.personalId !== PEOPLE.principal.personalId && s.personalId !== PEOPLE.homeroomTeacher.personalId);
		const bytes = staffExport(without, 'a', 'xlsx');
		const preview = await previewStaffExport(db, keys, target, sheetsOf(bytes));
		if (!preview.ok) throw new Error(preview.message);
		const self = preview.preview.changes.find((c) => c.self);
		expect(self).toMatchObject({ id: `p${PEOPLE.principal.id}`, leaving: true });
		const { sync } = fakeSync();
		const result = await commitStaffExport(db, sync, keys, target, sheetsOf(bytes), new Set([self!.id]));
		expect(result).toEqual({ ok: true, applied: 0, skipped: preview.preview.changes.length });
		expect(await rolesOf(db, PEOPLE.principal.id)).toEqual(['principal']);
		const runs = await db.select().from(exchangeRuns).where(eq(exchangeRuns.kind, 'teacher_import'));
		expect(runs.map((r) => r.outcome)).toContain('done');
	});
});
