/**
 * Staff management for a school's principal and vice-principal (issue 3, "Who may do what"):
 * list staff, add a teacher by personal ID and name, assign subjects and classes and the homeroom,
 * disable and re-enable someone. Disabling ends every session of the person and closes their live
 * sync connections at once; changed assignments re-decide the access of live connections.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes, homeroomAssignments, organisations, people, schoolYears, staffRoles, subjects, teachingAssignments } from '../../../drizzle/schema';
import type { StaffRole } from '../domain/access/grants';
import { parseIsoDate } from '../domain/identity/calendar-date';
import { maskCitizenId, validateCitizenId } from '../domain/identity/citizen-id';
import { normaliseVietnameseName } from '../domain/identity/vietnamese-name';
import type { Keys } from './keys';
import { encryptPersonalId, hashPersonalId } from './personal-id';
import type { SyncControl } from './services';
import { invalidateAllSessions } from './session';

export interface StaffMember {
	id: string;
	fullName: string;
	maskedId: string | null;
	verifiedByVneid: boolean;
	disabled: boolean;
	roles: StaffRole[];
	teaching: Array<{ classCode: string; subjectCode: string }>;
	homeroom: string[];
}

export interface SchoolSetup {
	school: { id: string; name: string };
	year: string | null;
	classes: Array<{ code: string; name: string }>;
	subjects: Array<{ code: string; name: string; shortName: string }>;
}

export type StaffResult = { ok: true; message: string } | { ok: false; error: string };

const ok = (message: string): StaffResult => ({ ok: true, message });
const fail = (error: string): StaffResult => ({ ok: false, error });

export async function schoolSetup(db: Database, schoolId: string): Promise<SchoolSetup | null> {
	const [school] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, schoolId));
	if (!school) return null;
	const [current] = await db.select({ year: schoolYears.year }).from(schoolYears).where(and(eq(schoolYears.schoolId, schoolId), eq(schoolYears.current, true)));
	const year = current?.year ?? null;
	const classRows = year
		? await db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year)))
		: [];
	const subjectRows = await db.select({ code: subjects.code, name: subjects.name, shortName: subjects.shortName }).from(subjects);
	return {
		school,
		year,
		classes: classRows.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true })),
		subjects: subjectRows.sort((a, b) => a.name.localeCompare(b.name, 'vi'))
	};
}

export async function listStaff(db: Database, schoolId: string, year: string | null): Promise<StaffMember[]> {
	const roles = await db.select().from(staffRoles).where(eq(staffRoles.organisationId, schoolId));
	const ids = [...new Set(roles.map((r) => r.personId))];
	if (ids.length === 0) return [];
	const [persons, teaching, homerooms] = await Promise.all([
		db.select().from(people).where(inArray(people.id, ids)),
		year ? db.select().from(teachingAssignments).where(and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.year, year))) : [],
		year ? db.select().from(homeroomAssignments).where(and(eq(homeroomAssignments.schoolId, schoolId), eq(homeroomAssignments.year, year))) : []
	]);
	return persons
		.map((p) => ({
			id: p.id,
			fullName: p.fullName,
			maskedId: p.personalIdMasked,
			verifiedByVneid: p.verifiedBy === 'vneid',
			disabled: p.disabledAt !== null,
			roles: roles.filter((r) => r.personId === p.id).map((r) => r.role),
			teaching: teaching.filter((t) => t.personId === p.id).map((t) => ({ classCode: t.classCode, subjectCode: t.subjectCode })),
			homeroom: homerooms.filter((h) => h.personId === p.id).map((h) => h.classCode)
		}))
		.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

async function isStaffOf(db: Database, schoolId: string, personId: string): Promise<boolean> {
	const rows = await db.select().from(staffRoles).where(and(eq(staffRoles.organisationId, schoolId), eq(staffRoles.personId, personId)));
	return rows.length > 0;
}

/**
 * Adds a teacher by personal ID, full name and date of birth (rules I1–I6: the number must agree
 * with the date of birth, and staff are adults). Someone already known by that number (e.g. a
 * parent of the school) gets the teacher role on their existing record.
 */
export async function addTeacher(
	db: Database,
	keys: Keys,
	input: { schoolId: string; personalId: string; fullName: string; birthDate: string; now: Date }
): Promise<StaffResult> {
	const fullName = normaliseVietnameseName(input.fullName);
	if (fullName.length < 2 || fullName.length > 100) return fail('Họ và tên phải từ 2 đến 100 ký tự.');
	const dateOfBirth = parseIsoDate(input.birthDate);
	if (!dateOfBirth) return fail('Ngày sinh không hợp lệ.');
	const local = new Date(input.now.getTime() + 7 * 60 * 60 * 1000);
	const today = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
	const checked = validateCitizenId(input.personalId, { today, dateOfBirth, role: 'staff' });
	if (!checked.ok) return fail(checked.message);
	const hash = hashPersonalId(keys.idHashKey, checked.id);
	const [existing] = await db.select().from(people).where(eq(people.personalIdHash, hash));
	let personId: string;
	if (existing) {
		if (await isStaffOf(db, input.schoolId, existing.id)) return fail(`Số định danh ${maskCitizenId(checked.id)} đã là cán bộ của trường.`);
		personId = existing.id;
	} else {
		personId = `staff-${randomUUID()}`;
		await db.insert(people).values({
			id: personId,
			fullName,
			birthDate: input.birthDate,
			gender: checked.sex,
			personalIdHash: hash,
			personalIdCiphertext: encryptPersonalId(keys.idEncryptionKey, checked.id),
			personalIdMasked: maskCitizenId(checked.id)
		});
	}
	await db.insert(staffRoles).values({ personId, organisationId: input.schoolId, role: 'teacher' }).onConflictDoNothing();
	return ok(`Đã thêm giáo viên ${existing?.fullName ?? fullName} (${maskCitizenId(checked.id)}).`);
}

async function classAndSubjectExist(db: Database, schoolId: string, year: string, classCode: string, subjectCode?: string): Promise<boolean> {
	const [klass] = await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year), eq(classes.code, classCode)));
	if (!klass) return false;
	if (subjectCode === undefined) return true;
	const [subject] = await db.select().from(subjects).where(eq(subjects.code, subjectCode));
	return subject !== undefined;
}

export async function assignTeaching(
	db: Database,
	sync: SyncControl,
	input: { schoolId: string; year: string; personId: string; classCode: string; subjectCode: string }
): Promise<StaffResult> {
	if (!(await isStaffOf(db, input.schoolId, input.personId))) return fail('Người này không phải cán bộ của trường.');
	if (!(await classAndSubjectExist(db, input.schoolId, input.year, input.classCode, input.subjectCode))) return fail('Lớp hoặc môn không tồn tại.');
	await db.insert(teachingAssignments).values({ ...input, subjectCode: input.subjectCode }).onConflictDoNothing();
	await sync.reauthorizePerson(input.personId);
	return ok('Đã phân công giảng dạy.');
}

export async function unassignTeaching(
	db: Database,
	sync: SyncControl,
	input: { schoolId: string; year: string; personId: string; classCode: string; subjectCode: string }
): Promise<StaffResult> {
	await db
		.delete(teachingAssignments)
		.where(
			and(
				eq(teachingAssignments.personId, input.personId),
				eq(teachingAssignments.schoolId, input.schoolId),
				eq(teachingAssignments.year, input.year),
				eq(teachingAssignments.classCode, input.classCode),
				eq(teachingAssignments.subjectCode, input.subjectCode)
			)
		);
	await sync.reauthorizePerson(input.personId);
	return ok('Đã bỏ phân công.');
}

/** One homeroom teacher per class and year: assigning replaces the previous one. */
export async function assignHomeroom(
	db: Database,
	sync: SyncControl,
	input: { schoolId: string; year: string; personId: string; classCode: string }
): Promise<StaffResult> {
	if (!(await isStaffOf(db, input.schoolId, input.personId))) return fail('Người này không phải cán bộ của trường.');
	if (!(await classAndSubjectExist(db, input.schoolId, input.year, input.classCode))) return fail('Lớp không tồn tại.');
	const [previous] = await db
		.select()
		.from(homeroomAssignments)
		.where(and(eq(homeroomAssignments.schoolId, input.schoolId), eq(homeroomAssignments.year, input.year), eq(homeroomAssignments.classCode, input.classCode)));
	await db
		.insert(homeroomAssignments)
		.values(input)
		.onConflictDoUpdate({ target: [homeroomAssignments.schoolId, homeroomAssignments.year, homeroomAssignments.classCode], set: { personId: input.personId } });
	for (const personId of new Set([input.personId, previous?.personId].filter((p): p is string => !!p))) await sync.reauthorizePerson(personId);
	return ok('Đã phân công chủ nhiệm.');
}

/** Disabling is global (the person, not one role): every session ends, every live connection closes. */
export async function setDisabled(
	db: Database,
	sync: SyncControl,
	input: { schoolId: string; personId: string; actorId: string; disabled: boolean; now: Date }
): Promise<StaffResult> {
	if (input.personId === input.actorId) return fail('Bạn không thể tự vô hiệu hóa chính mình.');
	if (!(await isStaffOf(db, input.schoolId, input.personId))) return fail('Người này không phải cán bộ của trường.');
	await db.update(people).set({ disabledAt: input.disabled ? input.now : null }).where(eq(people.id, input.personId));
	if (!input.disabled) return ok('Đã kích hoạt lại tài khoản.');
	// Live sockets first, so they close as forbidden (the person lost access), not as signed out.
	await sync.reauthorizePerson(input.personId);
	await invalidateAllSessions(db, sync, input.personId);
	console.info(`[staff] person ${input.personId} disabled by ${input.actorId}: sessions ended, live connections closed`);
	return ok('Đã vô hiệu hóa: mọi phiên đăng nhập đã kết thúc và các kết nối đồng bộ đã đóng.');
}
