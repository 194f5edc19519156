/**
 * Staff management for a school's principal and vice-principal (issue 3, "Who may do what"):
 * list staff, add a teacher by personal ID, full name and date of birth, assign subjects and classes
 * and the homeroom, disable and re-enable someone at this school (access SPEC A10), and the
 * district office's disabling everywhere (A11). Every change leaves a `staff_audit` row (A12).
 * Changed grants re-decide the access of live connections; a person left with no grants at all
 * loses their sessions and live connections at once.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import {
	cacheVersions,
	classes,
	homeroomAssignments,
	organisations,
	people,
	schoolYears,
	staffAudit,
	staffRoles,
	staffSuspensions,
	subjects,
	teachingAssignments
} from '../../../drizzle/schema';
import { actingRolesOf } from '../domain/access/acting-role';
import type { Grants, StaffRole } from '../domain/access/grants';
import { mayDisableEverywhere, workplacesOf } from '../domain/access/staff-management';
import { vietnamToday } from '../domain/calendar/vietnam-time';
import { pageWindow } from '../domain/display/paging';
import { parseIsoDate } from '../domain/identity/calendar-date';
import { maskCitizenId, validateCitizenId } from '../domain/identity/citizen-id';
import { matchesRegisteredIdentity } from '../domain/identity/registered-identity';
import { checkPersonName, sortByVietnameseName } from '../domain/identity/vietnamese-name';
import { checkNewClass } from '../domain/roster/new-class';
import { loadAllGrants, loadGrants } from './grants';
import type { Keys } from './keys';
import { encryptPersonalId, hashPersonalId } from './personal-id';
import { provisionClassDocuments } from './roster/class-documents';
import type { SyncControl } from './services';
import { invalidateAllSessions } from './session';

export interface StaffMember {
	id: string;
	fullName: string;
	maskedId: string | null;
	verifiedByVneid: boolean;
	/** Disabled at this school (A10). */
	disabled: boolean;
	/** Disabled everywhere by the district office (A11): the school cannot lift it. */
	disabledEverywhere: boolean;
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

/** The fields of the "add a teacher" form, so a refusal can point at the one to correct. */
export type StaffField = 'fullName' | 'personalId' | 'birthDate' | 'className';

export type StaffResult = { ok: true; message: string } | { ok: false; error: string; field?: StaffField };

export type StaffAction = (typeof staffAudit.$inferInsert)['action'];

export interface StaffAuditEntry {
	id: number;
	at: Date;
	action: StaffAction;
	detail: string;
	actorName: string;
	personName: string;
}

const ok = (message: string): StaffResult => ({ ok: true, message });
const fail = (error: string, field?: StaffField): StaffResult => (field ? { ok: false, error, field } : { ok: false, error });

/**
 * One message for every mismatch with a registered person (identity SPEC I18): it names no field
 * and no registered name, so the form cannot be used to look people up.
 */
export const IDENTITY_MISMATCH =
	'Không thể thêm: số định danh, họ và tên, ngày sinh không khớp với hồ sơ đã đăng ký. Hãy đối chiếu lại với căn cước của giáo viên.';

type Writer = Pick<Database, 'insert'>;

async function audit(
	db: Writer,
	entry: { actorId: string; personId: string; schoolId: string; action: StaffAction; detail?: string; at: Date }
): Promise<void> {
	await db.insert(staffAudit).values({ ...entry, detail: entry.detail ?? '' });
}

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

/**
 * Roster RI17: a leader adds a class to the school's current year (what the roster import and
 * the assignments then refer to). Checked first (`checkNewClass`); a class the year already has is
 * refused, also when another request added it a moment ago. Classes are never deleted: the page
 * asks for confirmation.
 */
export async function addClass(db: Database, input: { schoolId: string; year: string; name: string; actorId: string }): Promise<StaffResult> {
	const existing = await db.select({ code: classes.code, name: classes.name }).from(classes).where(and(eq(classes.schoolId, input.schoolId), eq(classes.year, input.year)));
	const checked = checkNewClass(input.name, existing);
	if (!checked.ok) return fail(`${checked.message} ${checked.fix}`, 'className');
	const added = await db.insert(classes).values({ schoolId: input.schoolId, year: input.year, code: checked.code, name: checked.name, grade: checked.grade }).onConflictDoNothing().returning();
	if (added.length === 0) return fail(`Lớp ${checked.name} đã có trong năm học này.`, 'className');
	console.info(`[school] class ${checked.code} added to ${input.schoolId} ${input.year} by ${input.actorId}`);
	return ok(`Đã thêm lớp ${checked.name} (khối ${checked.grade}) vào năm học ${input.year}. Hãy phân công giáo viên: sổ điểm của lớp được tạo khi phân công.`);
}

export async function listStaff(db: Database, schoolId: string, year: string | null): Promise<StaffMember[]> {
	const roles = await db.select().from(staffRoles).where(eq(staffRoles.organisationId, schoolId));
	const ids = [...new Set(roles.map((r) => r.personId))];
	if (ids.length === 0) return [];
	const [persons, teaching, homerooms, suspended] = await Promise.all([
		db.select().from(people).where(inArray(people.id, ids)),
		year ? db.select().from(teachingAssignments).where(and(eq(teachingAssignments.schoolId, schoolId), eq(teachingAssignments.year, year))) : [],
		year ? db.select().from(homeroomAssignments).where(and(eq(homeroomAssignments.schoolId, schoolId), eq(homeroomAssignments.year, year))) : [],
		db.select({ personId: staffSuspensions.personId }).from(staffSuspensions).where(eq(staffSuspensions.schoolId, schoolId))
	]);
	const suspendedIds = new Set(suspended.map((r) => r.personId));
	const members = persons.map((p) => ({
			id: p.id,
			fullName: p.fullName,
			maskedId: p.personalIdMasked,
			verifiedByVneid: p.verifiedBy === 'vneid',
			disabled: suspendedIds.has(p.id),
			disabledEverywhere: p.disabledAt !== null,
			roles: roles.filter((r) => r.personId === p.id).map((r) => r.role),
			teaching: teaching.filter((t) => t.personId === p.id).map((t) => ({ classCode: t.classCode, subjectCode: t.subjectCode })),
			homeroom: homerooms.filter((h) => h.personId === p.id).map((h) => h.classCode)
		}));
	return sortByVietnameseName(members, (m) => m.fullName);
}

/** The latest staff changes at a school, newest first (A12). */
export async function listStaffAudit(db: Database, schoolId: string, limit = 30): Promise<StaffAuditEntry[]> {
	const rows = await db.select().from(staffAudit).where(eq(staffAudit.schoolId, schoolId)).orderBy(desc(staffAudit.at), desc(staffAudit.id)).limit(limit);
	const ids = [...new Set(rows.flatMap((r) => [r.actorId, r.personId]))];
	const names = new Map(
		ids.length === 0 ? [] : (await db.select({ id: people.id, fullName: people.fullName }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.fullName])
	);
	return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, detail: r.detail, actorName: names.get(r.actorId) ?? r.actorId, personName: names.get(r.personId) ?? r.personId }));
}

async function personName(db: Pick<Database, 'select'>, personId: string): Promise<string | null> {
	const [row] = await db.select({ fullName: people.fullName }).from(people).where(eq(people.id, personId));
	return row?.fullName ?? null;
}

async function isStaffOf(db: Database, schoolId: string, personId: string): Promise<boolean> {
	const rows = await db.select().from(staffRoles).where(and(eq(staffRoles.organisationId, schoolId), eq(staffRoles.personId, personId)));
	return rows.length > 0;
}

async function isSuspendedAt(db: Database, schoolId: string, personId: string): Promise<boolean> {
	const rows = await db.select().from(staffSuspensions).where(and(eq(staffSuspensions.schoolId, schoolId), eq(staffSuspensions.personId, personId)));
	return rows.length > 0;
}

/**
 * Adds a teacher by personal ID, full name and date of birth (identity rules I1–I6, I16: the number
 * must agree with the date of birth, staff are adults, no hidden characters in the name). Someone
 * already known by that number (a parent, another school's teacher) is added only when the name
 * and the date of birth match their record too (I18); the reply never shows the registered name.
 */
export async function addTeacher(
	db: Database,
	keys: Keys,
	input: { schoolId: string; actorId: string; personalId: string; fullName: string; birthDate: string; now: Date }
): Promise<StaffResult> {
	const name = checkPersonName(input.fullName);
	if (!name.ok) return fail(name.message, 'fullName');
	const fullName = name.name;
	const dateOfBirth = parseIsoDate(input.birthDate);
	if (!dateOfBirth) return fail('Ngày sinh không hợp lệ.', 'birthDate');
	const today = vietnamToday(input.now);
	const checked = validateCitizenId(input.personalId, { today, dateOfBirth, role: 'staff' });
	if (!checked.ok) return fail(checked.message, checked.code === 'under-18' || checked.code.includes('date') ? 'birthDate' : 'personalId');
	const hash = hashPersonalId(keys.idHashKey, checked.id);
	const masked = maskCitizenId(checked.id);
	const [existing] = await db.select().from(people).where(eq(people.personalIdHash, hash));
	if (existing && !matchesRegisteredIdentity({ fullName, birthDate: input.birthDate }, existing)) {
		console.info(`[staff] add refused at ${input.schoolId} by ${input.actorId}: declared identity differs from the record of ${masked}`);
		return fail(IDENTITY_MISMATCH);
	}
	if (existing && (await isStaffOf(db, input.schoolId, existing.id))) return fail(`Giáo viên ${fullName} (${masked}) đã là cán bộ của trường.`, 'personalId');
	const personId = existing?.id ?? `staff-${randomUUID()}`;
	await db.transaction(async (tx) => {
		if (!existing) {
			await tx.insert(people).values({
				id: personId,
				fullName,
				birthDate: input.birthDate,
				gender: checked.sex,
				personalIdHash: hash,
				personalIdCiphertext: encryptPersonalId(keys.idEncryptionKey, checked.id),
				personalIdMasked: masked
			});
		}
		await tx.insert(staffRoles).values({ personId, organisationId: input.schoolId, role: 'teacher' }).onConflictDoNothing();
		await audit(tx, { actorId: input.actorId, personId, schoolId: input.schoolId, action: 'add', detail: existing ? 'hồ sơ đã có' : 'hồ sơ mới', at: input.now });
	});
	return ok(`Đã thêm giáo viên ${fullName} (${masked}).`);
}

async function classAndSubjectExist(db: Database, schoolId: string, year: string, classCode: string, subjectCode?: string): Promise<boolean> {
	const [klass] = await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.year, year), eq(classes.code, classCode)));
	if (!klass) return false;
	if (subjectCode === undefined) return true;
	const [subject] = await db.select().from(subjects).where(eq(subjects.code, subjectCode));
	return subject !== undefined;
}

type Assignment = { schoolId: string; year: string; personId: string; classCode: string; subjectCode: string; actorId: string; now: Date };

export async function assignTeaching(db: Database, sync: SyncControl, input: Assignment): Promise<StaffResult> {
	if (!(await isStaffOf(db, input.schoolId, input.personId))) return fail('Người này không phải cán bộ của trường.');
	if (await isSuspendedAt(db, input.schoolId, input.personId)) return fail('Người này đã bị vô hiệu hóa tại trường; hãy kích hoạt lại trước khi phân công.');
	if (!(await classAndSubjectExist(db, input.schoolId, input.year, input.classCode, input.subjectCode))) return fail('Lớp hoặc môn không tồn tại.');
	const { schoolId, year, personId, classCode, subjectCode } = input;
	await db.transaction(async (tx) => {
		const added = await tx.insert(teachingAssignments).values({ schoolId, year, personId, classCode, subjectCode }).onConflictDoNothing().returning();
		if (added.length > 0) await audit(tx, { actorId: input.actorId, personId, schoolId, action: 'assign', detail: `${classCode} · ${subjectCode} · ${year}`, at: input.now });
	});
	// The subject's gradebooks of the class exist from now on (roster RI16).
	const { created } = await provisionClassDocuments(db, sync, schoolId, year, [classCode], { rewriteExisting: false });
	await sync.reauthorizePerson(input.personId);
	return ok(`Đã phân công giảng dạy.${createdNote(created)}`);
}

export async function unassignTeaching(db: Database, sync: SyncControl, input: Assignment): Promise<StaffResult> {
	const { schoolId, year, personId, classCode, subjectCode } = input;
	await db.transaction(async (tx) => {
		const removed = await tx
			.delete(teachingAssignments)
			.where(
				and(
					eq(teachingAssignments.personId, personId),
					eq(teachingAssignments.schoolId, schoolId),
					eq(teachingAssignments.year, year),
					eq(teachingAssignments.classCode, classCode),
					eq(teachingAssignments.subjectCode, subjectCode)
				)
			)
			.returning();
		if (removed.length > 0) await audit(tx, { actorId: input.actorId, personId, schoolId, action: 'unassign', detail: `${classCode} · ${subjectCode} · ${year}`, at: input.now });
	});
	await sync.reauthorizePerson(input.personId);
	return ok('Đã bỏ phân công.');
}

/** One homeroom teacher per class and year: assigning replaces the previous one. */
export async function assignHomeroom(db: Database, sync: SyncControl, input: Omit<Assignment, 'subjectCode'>): Promise<StaffResult> {
	if (!(await isStaffOf(db, input.schoolId, input.personId))) return fail('Người này không phải cán bộ của trường.');
	if (await isSuspendedAt(db, input.schoolId, input.personId)) return fail('Người này đã bị vô hiệu hóa tại trường; hãy kích hoạt lại trước khi phân công.');
	if (!(await classAndSubjectExist(db, input.schoolId, input.year, input.classCode))) return fail('Lớp không tồn tại.');
	const { schoolId, year, personId, classCode } = input;
	const [previous] = await db
		.select()
		.from(homeroomAssignments)
		.where(and(eq(homeroomAssignments.schoolId, schoolId), eq(homeroomAssignments.year, year), eq(homeroomAssignments.classCode, classCode)));
	await db.transaction(async (tx) => {
		await tx
			.insert(homeroomAssignments)
			.values({ schoolId, year, personId, classCode })
			.onConflictDoUpdate({ target: [homeroomAssignments.schoolId, homeroomAssignments.year, homeroomAssignments.classCode], set: { personId } });
		const replaced = previous && previous.personId !== personId ? ` (thay ${(await personName(tx, previous.personId)) ?? 'người trước'})` : '';
		await audit(tx, { actorId: input.actorId, personId, schoolId, action: 'homeroom', detail: `${classCode} · ${year}${replaced}`, at: input.now });
	});
	// The class's homeroom records exist from now on (roster RI16).
	const { created } = await provisionClassDocuments(db, sync, schoolId, year, [classCode], { rewriteExisting: false });
	for (const person of new Set([personId, previous?.personId].filter((p): p is string => !!p))) await sync.reauthorizePerson(person);
	return ok(`Đã phân công chủ nhiệm.${createdNote(created)}`);
}

/** What an assignment added to the class: its first gradebooks or homeroom records (RI16). */
function createdNote(created: number): string {
	return created > 0 ? ` Đã tạo ${created} sổ mới của lớp.` : '';
}

/**
 * Disabling at one school (access SPEC A10): the person's roles and assignments at this school stop
 * granting anything; their other schools and their guardian role are untouched. Their sessions end
 * only when nothing is left for them to act as; otherwise their live connections to this school's
 * documents are re-decided (and so closed).
 */
export async function setDisabled(
	db: Database,
	sync: SyncControl,
	input: { schoolId: string; personId: string; actorId: string; disabled: boolean; now: Date }
): Promise<StaffResult> {
	const { schoolId, personId, actorId, now } = input;
	if (personId === actorId) return fail('Bạn không thể tự vô hiệu hóa chính mình.');
	if (!(await isStaffOf(db, schoolId, personId))) return fail('Người này không phải cán bộ của trường.');
	const [person] = await db.select({ disabledAt: people.disabledAt }).from(people).where(eq(people.id, personId));
	if (!input.disabled && person?.disabledAt) return fail('Người này bị cấp quản lý vô hiệu hóa trên toàn hệ thống; chỉ cấp quản lý mới kích hoạt lại được.');
	await db.transaction(async (tx) => {
		const changed = input.disabled
			? await tx.insert(staffSuspensions).values({ personId, schoolId, disabledBy: actorId, disabledAt: now }).onConflictDoNothing().returning()
			: await tx
					.delete(staffSuspensions)
					.where(and(eq(staffSuspensions.personId, personId), eq(staffSuspensions.schoolId, schoolId)))
					.returning();
		if (changed.length > 0) await audit(tx, { actorId, personId, schoolId, action: input.disabled ? 'disable' : 'enable', at: now });
	});
	if (!input.disabled) return ok('Đã kích hoạt lại tại trường.');
	if (actingRolesOf(await loadGrants(db, personId)).length === 0) {
		// Live sockets first, so they close as forbidden (the person lost access), not as signed out.
		await sync.reauthorizePerson(personId);
		await invalidateAllSessions(db, sync, personId);
		console.info(`[staff] person ${personId} disabled at ${schoolId} by ${actorId}: nothing left, sessions ended, live connections closed`);
		return ok('Đã vô hiệu hóa tại trường: mọi phiên đăng nhập đã kết thúc và các kết nối đồng bộ đã đóng.');
	}
	await sync.reauthorizePerson(personId);
	console.info(`[staff] person ${personId} disabled at ${schoolId} by ${actorId}: this school's access ended, other grants kept`);
	return ok('Đã vô hiệu hóa tại trường: quyền tại trường đã chấm dứt và các kết nối đồng bộ tới sổ của trường đã đóng.');
}

/** Someone the district office may act on (A11), as its page lists them. */
export interface DistrictStaffMember {
	id: string;
	fullName: string;
	maskedId: string | null;
	schools: Array<{ id: string; name: string }>;
	disabledEverywhere: boolean;
}

export const DISTRICT_STAFF_PER_PAGE = 20;

export interface DistrictStaffPage {
	staff: DistrictStaffMember[];
	page: number;
	pages: number;
	total: number;
}

/**
 * The ids of the staff of these schools in roster order (identity SPEC I15: tên, họ, đệm by the
 * Vietnamese collation — the database's collation would put "Đặng" after "Z"). Ordering a
 * district's ~2,000 staff per request cost ~20 ms, growing with the district (issue 15), so the
 * order is kept in memory per set of schools and read again only when the `staff` counter of
 * `cache_versions` moved: triggers bump it with every change of staff roles or of a name, in the
 * writer's transaction (migration 0019). The counter is read first: a change that lands while the
 * order is computed leaves it under the older counter, so the next request computes it again.
 */
async function staffInRosterOrder(db: Database, schools: readonly string[]): Promise<string[]> {
	const [row] = await db.select({ version: cacheVersions.version }).from(cacheVersions).where(eq(cacheVersions.name, 'staff'));
	const version = row?.version ?? null;
	const key = [...schools].sort().join(',');
	const kept = staffOrders.get(key);
	if (kept && version !== null && kept.version === version) return kept.ids;
	const everyone = await db
		.selectDistinct({ id: people.id, fullName: people.fullName })
		.from(staffRoles)
		.innerJoin(people, eq(people.id, staffRoles.personId))
		.where(inArray(staffRoles.organisationId, [...schools]));
	const ids = sortByVietnameseName(everyone, (p) => p.fullName, (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((p) => p.id);
	staffOrders.delete(key);
	if (version !== null) staffOrders.set(key, { version, ids });
	// A few offices per process: the oldest set goes first.
	if (staffOrders.size > 64) staffOrders.delete(staffOrders.keys().next().value!);
	return ids;
}
const staffOrders = new Map<string, { version: number; ids: string[] }>();

/**
 * One page (1-based) of the staff of the schools an office supervises, in roster order
 * (`staffInRosterOrder`); schools and details are read for the page's 20 people only.
 */
export async function listDistrictStaff(db: Database, schools: readonly string[], page = 1): Promise<DistrictStaffPage> {
	if (schools.length === 0) return { staff: [], page: 1, pages: 1, total: 0 };
	const atSupervised = inArray(staffRoles.organisationId, [...schools]);
	const ordered = await staffInRosterOrder(db, schools);
	const total = ordered.length;
	const { page: current, pages, start, end } = pageWindow(total, page, DISTRICT_STAFF_PER_PAGE);
	const shown = ordered.slice(start, end);
	if (shown.length === 0) return { staff: [], page: current, pages, total };
	const rows = await db
		.select({
			id: people.id,
			fullName: people.fullName,
			maskedId: people.personalIdMasked,
			disabledAt: people.disabledAt,
			schools: sql<Array<{ id: string; name: string }>>`json_agg(distinct jsonb_build_object('id', ${organisations.id}, 'name', ${organisations.name}))`
		})
		.from(staffRoles)
		.innerJoin(people, eq(people.id, staffRoles.personId))
		.innerJoin(organisations, eq(organisations.id, staffRoles.organisationId))
		.where(and(atSupervised, inArray(people.id, shown)))
		.groupBy(people.id);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return {
		staff: shown.flatMap((id) => {
			const r = byId.get(id);
			if (!r) return [];
			return [
				{
					id: r.id,
					fullName: r.fullName,
					maskedId: r.maskedId,
					schools: [...r.schools].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
					disabledEverywhere: r.disabledAt !== null
				}
			];
		}),
		page: current,
		pages,
		total
	};
}

/**
 * Disabling everywhere (A11), the district office's decision: the person can no longer sign in in
 * any capacity, every session ends and every live connection closes. Audited at each supervised
 * school where the person works, so its leaders see who did it.
 */
export async function setDisabledEverywhere(
	db: Database,
	sync: SyncControl,
	input: { actor: Grants; personId: string; disabled: boolean; now: Date }
): Promise<StaffResult> {
	const { actor, personId, now } = input;
	const target = await loadAllGrants(db, personId);
	if (!mayDisableEverywhere(actor, target)) return fail('Bạn chỉ có thể vô hiệu hóa cán bộ của các trường do đơn vị mình quản lý (và không phải chính mình).');
	const schools = workplacesOf(target).filter((place) => actor.districtSchools.includes(place));
	await db.transaction(async (tx) => {
		await tx.update(people).set({ disabledAt: input.disabled ? now : null }).where(eq(people.id, personId));
		for (const schoolId of schools) {
			await audit(tx, { actorId: actor.personId, personId, schoolId, action: input.disabled ? 'disable_everywhere' : 'enable_everywhere', at: now });
		}
	});
	if (!input.disabled) return ok('Đã kích hoạt lại trên toàn hệ thống.');
	await sync.reauthorizePerson(personId);
	await invalidateAllSessions(db, sync, personId);
	console.info(`[staff] person ${personId} disabled everywhere by district officer ${actor.personId}: sessions ended, live connections closed`);
	return ok('Đã vô hiệu hóa trên toàn hệ thống: mọi phiên đăng nhập đã kết thúc và các kết nối đồng bộ đã đóng.');
}
