/**
 * The education database's staff export, imported (exchange SPEC CX14–CX18, issue 14): read by
 * header (CX14), checked cell by cell (CX15), compared with the school's staff by the keyed hash
 * of the personal ID (CX16), and only the changes a leader selected and confirmed are applied, in
 * one transaction (CX17). Staff who left are never deleted: their roles and this year's
 * assignments at the school end, their record, audit and history stay (CX18).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { exchangeRuns, homeroomAssignments, people, staffAudit, staffProfiles, staffRoles, teachingAssignments } from '../../../../drizzle/schema';
import { actingRolesOf } from '../../domain/access/acting-role';
import type { CalendarDate } from '../../domain/identity/calendar-date';
import { maskCitizenId, validateCitizenId } from '../../domain/identity/citizen-id';
import { parseIsoDate } from '../../domain/identity/calendar-date';
import { matchesRegisteredIdentity } from '../../domain/identity/registered-identity';
import { checkPersonName } from '../../domain/identity/vietnamese-name';
import type { SheetGrid } from '../../domain/exchange/headers';
import {
	checkStaffRows,
	detectStaffChanges,
	readStaffExport,
	STAFF_CHANGE_NAMES,
	STAFF_COLUMN_NAMES,
	type CurrentStaff,
	type StaffChange,
	type StaffIssue,
	type StaffRow
} from '../../domain/exchange/staff-export';
import { loadGrants } from '../grants';
import type { Keys } from '../keys';
import { encryptPersonalId, hashPersonalId } from '../personal-id';
import type { SyncControl } from '../services';
import { invalidateAllSessions } from '../session';
import { IDENTITY_MISMATCH } from '../staff';

type Reader = Pick<Database, 'select' | 'selectDistinct'>;

export interface StaffTarget {
	schoolId: string;
	year: string;
	today: CalendarDate;
	actorId: string;
	now: Date;
}

export interface StaffImportPreview {
	counts: { rows: number; errorRows: number; changes: number; unchanged: number };
	issues: Array<StaffIssue & { columnName: string | null }>;
	/** `id`: what the confirmation form sends back — `d<line>` for a row of the export, `p<person>` for someone who left. */
	changes: Array<{ id: string; line: number | null; fullName: string; kinds: string[]; details: string[]; leaving: boolean; self: boolean }>;
	/** Staff whose record has no personal ID: they cannot be compared with the export. */
	unmatched: number;
}

/** The school's staff now (the "before" of CX16): everyone with a role at the school, with their job. */
export async function currentStaff(db: Reader, schoolId: string): Promise<CurrentStaff[]> {
	const roles = await db.selectDistinct({ personId: staffRoles.personId }).from(staffRoles).where(eq(staffRoles.organisationId, schoolId));
	const ids = roles.map((r) => r.personId);
	if (ids.length === 0) return [];
	const [persons, profiles] = await Promise.all([
		db.select({ id: people.id, fullName: people.fullName, key: people.personalIdHash }).from(people).where(inArray(people.id, ids)),
		db.select().from(staffProfiles).where(and(eq(staffProfiles.schoolId, schoolId), inArray(staffProfiles.personId, ids)))
	]);
	const byPerson = new Map(profiles.map((p) => [p.personId, p]));
	return persons.map((p) => {
		const profile = byPerson.get(p.id);
		return {
			personId: p.id,
			key: p.key,
			fullName: p.fullName,
			position: profile?.position ?? null,
			positionGroup: profile?.positionGroup ?? null,
			subjects: profile && profile.subjects !== '' ? profile.subjects.split(', ') : []
		};
	});
}

interface Analysis {
	rows: Array<StaffRow & { key: string }>;
	issues: StaffIssue[];
	errorRows: number;
	changes: StaffChange[];
	/** People already known by an ID of the export (a parent, another school's teacher), by key. */
	known: Map<string, { id: string; fullName: string; birthDate: string }>;
	unmatched: number;
}

type Refusal = { ok: false; message: string; fix: string };

async function analyse(db: Reader, keys: Keys, target: StaffTarget, sheets: readonly SheetGrid[]): Promise<Refusal | ({ ok: true } & Analysis)> {
	const read = readStaffExport(sheets);
	if (!read.ok) return read;
	const issues = checkStaffRows(read, target.today);
	const rows = read.rows.map((r) => ({ ...r, key: hashPersonalId(keys.idHashKey, r.personalId) }));
	const current = await currentStaff(db, target.schoolId);
	const changes = detectStaffChanges(rows, current);
	const joinedKeys = rows.filter((r) => changes.some((c) => c.line === r.line && c.kinds.includes('joined'))).map((r) => r.key);
	const known = new Map(
		joinedKeys.length === 0
			? []
			: (await db.select({ id: people.id, fullName: people.fullName, birthDate: people.birthDate, key: people.personalIdHash }).from(people).where(inArray(people.personalIdHash, joinedKeys))).map(
					(p) => [p.key!, { id: p.id, fullName: p.fullName, birthDate: p.birthDate }] as const
				)
	);
	// CX17: someone who joins must be a person the system can hold: a new record needs the date of
	// birth; a known record must agree on name and date of birth (identity I18), without saying which differs.
	for (const row of rows) {
		if (!joinedKeys.includes(row.key)) continue;
		const person = known.get(row.key);
		if (!person && !row.birthDate) {
			issues.push({ line: row.line, column: 'birthDate', rule: 'CX17', code: 'birth-date-required', severity: 'error', message: 'Cán bộ mới cần ngày sinh để tạo hồ sơ.', fix: 'Bổ sung ngày sinh trên CSDL ngành rồi tải lại tệp.' });
		} else if (person && !(row.birthDate && matchesRegisteredIdentity({ fullName: row.fullName, birthDate: row.birthDate }, person))) {
			issues.push({ line: row.line, column: null, rule: 'CX17', code: 'identity-mismatch', severity: 'error', message: IDENTITY_MISMATCH });
		}
	}
	issues.sort((a, b) => a.line - b.line);
	const errorRows = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.line)).size;
	return { ok: true, rows, issues, errorRows, changes, known, unmatched: current.filter((c) => c.key === null).length };
}

const changeId = (c: StaffChange) => (c.line === null ? `p${c.personId}` : `d${c.line}`);

/** CX16: what the staff export would change, and every problem by row and column. Writes nothing. */
export async function previewStaffExport(db: Database, keys: Keys, target: StaffTarget, sheets: readonly SheetGrid[]): Promise<{ ok: true; preview: StaffImportPreview } | Refusal> {
	const analysis = await analyse(db, keys, target, sheets);
	if (!analysis.ok) return analysis;
	const listedChanges = analysis.changes.filter((c) => c.line !== null).length;
	return {
		ok: true,
		preview: {
			counts: { rows: analysis.rows.length, errorRows: analysis.errorRows, changes: analysis.changes.length, unchanged: analysis.rows.length - listedChanges },
			issues: analysis.issues.map((i) => ({ ...i, columnName: i.column ? STAFF_COLUMN_NAMES[i.column] : null })),
			changes: analysis.changes.map((c) => ({
				id: changeId(c),
				line: c.line,
				fullName: c.fullName,
				kinds: c.kinds.map((k) => STAFF_CHANGE_NAMES[k]),
				details: c.details,
				leaving: c.kinds.includes('left'),
				self: c.personId === target.actorId && c.kinds.includes('left')
			})),
			unmatched: analysis.unmatched
		}
	};
}

export type StaffImportCommit = { ok: true; applied: number; skipped: number } | { ok: false; message: string; fix: string; issues?: StaffIssue[] };

const profileOf = (row: StaffRow, target: StaffTarget) => ({ position: row.position, positionGroup: row.positionGroup, subjects: row.subjects.join(', '), updatedAt: target.now });

/**
 * CX17–CX18: in one transaction the export is read and compared again with the database as it is
 * now; any error writes nothing; of the changes, only the `selected` ones (ids of the preview) are
 * applied. Joined: the person (created with sealed ID, or the known record), the teacher role, the
 * job. Changed: the name and the job. Left: the roles at this school and this year's teaching and
 * homeroom assignments end; the person, the job last held and every audit row stay. The leader's
 * own leaving is never applied. Live connections of those who left are re-decided after the
 * commit, and a person left with nothing to act as is signed out everywhere. Every attempt is
 * recorded for the status page (CX10).
 */
export async function commitStaffExport(db: Database, sync: SyncControl, keys: Keys, target: StaffTarget, sheets: readonly SheetGrid[], selected: ReadonlySet<string>): Promise<StaffImportCommit> {
	const leavers: string[] = [];
	const result = await db.transaction(async (tx): Promise<StaffImportCommit> => {
		const analysis = await analyse(tx, keys, target, sheets);
		if (!analysis.ok) return analysis;
		if (analysis.errorRows > 0) {
			return { ok: false, message: `Tệp còn lỗi ở ${analysis.errorRows} dòng; chưa có gì được ghi.`, fix: 'Bấm "Kiểm tra tệp" để xem lỗi.', issues: analysis.issues.filter((i) => i.severity === 'error') };
		}
		const chosen = analysis.changes.filter((c) => selected.has(changeId(c)) && !(c.personId === target.actorId && c.kinds.includes('left')));
		const byLine = new Map(analysis.rows.map((r) => [r.line, r]));
		const audit = (personId: string, action: (typeof staffAudit.$inferInsert)['action'], detail: string) =>
			tx.insert(staffAudit).values({ actorId: target.actorId, personId, schoolId: target.schoolId, action, detail, at: target.now });
		for (const change of chosen) {
			const row = change.line === null ? undefined : byLine.get(change.line);
			if (change.kinds.includes('left') && change.personId) {
				const personId = change.personId;
				await tx.delete(staffRoles).where(and(eq(staffRoles.personId, personId), eq(staffRoles.organisationId, target.schoolId)));
				await tx.delete(teachingAssignments).where(and(eq(teachingAssignments.personId, personId), eq(teachingAssignments.schoolId, target.schoolId), eq(teachingAssignments.year, target.year)));
				await tx.delete(homeroomAssignments).where(and(eq(homeroomAssignments.personId, personId), eq(homeroomAssignments.schoolId, target.schoolId), eq(homeroomAssignments.year, target.year)));
				await audit(personId, 'leave', 'CSDL ngành: không còn trong danh sách cán bộ của trường');
				leavers.push(personId);
			} else if (change.kinds.includes('joined') && row) {
				let personId = analysis.known.get(row.key)?.id;
				if (!personId) {
					const checked = validateCitizenId(row.personalId, { today: target.today, role: 'staff', dateOfBirth: parseIsoDate(row.birthDate!)! });
					if (!checked.ok) throw new Error('checked before: a row with an invalid ID is an error');
					const name = checkPersonName(row.fullName);
					personId = `staff-${randomUUID()}`;
					await tx.insert(people).values({
						id: personId,
						fullName: name.ok ? name.name : row.fullName,
						birthDate: row.birthDate!,
						gender: checked.sex,
						personalIdHash: row.key,
						personalIdCiphertext: encryptPersonalId(keys.idEncryptionKey, checked.id),
						personalIdMasked: maskCitizenId(checked.id)
					});
				}
				await tx.insert(staffRoles).values({ personId, organisationId: target.schoolId, role: 'teacher' }).onConflictDoNothing();
				await tx.insert(staffProfiles).values({ personId, schoolId: target.schoolId, ...profileOf(row, target) }).onConflictDoUpdate({ target: [staffProfiles.personId, staffProfiles.schoolId], set: profileOf(row, target) });
				await audit(personId, 'add', `CSDL ngành: ${row.position}`);
			} else if (row && change.personId) {
				if (change.kinds.includes('name')) {
					const name = checkPersonName(row.fullName);
					await tx.update(people).set({ fullName: name.ok ? name.name : row.fullName }).where(eq(people.id, change.personId));
				}
				await tx.insert(staffProfiles).values({ personId: change.personId, schoolId: target.schoolId, ...profileOf(row, target) }).onConflictDoUpdate({ target: [staffProfiles.personId, staffProfiles.schoolId], set: profileOf(row, target) });
				await audit(change.personId, 'csdl_update', `CSDL ngành: ${change.details.join('; ')}`);
			}
		}
		return { ok: true, applied: chosen.length, skipped: analysis.changes.length - chosen.length };
	});
	await db.insert(exchangeRuns).values({
		schoolId: target.schoolId,
		kind: 'teacher_import',
		outcome: result.ok ? 'done' : 'failed',
		detail: result.ok ? `Áp dụng ${result.applied} thay đổi, bỏ qua ${result.skipped}.` : result.message,
		actorId: target.actorId,
		at: target.now
	});
	// After the commit: the database already says what they may do (sync-server SPEC R4).
	for (const personId of leavers) {
		await sync.reauthorizePerson(personId);
		if (actingRolesOf(await loadGrants(db, personId)).length === 0) await invalidateAllSessions(db, sync, personId);
	}
	return result;
}

/** For the status page (CX10) when the file itself cannot be read: recorded as a failed staff import. */
export async function recordStaffImportFailure(db: Database, target: StaffTarget, message: string): Promise<void> {
	await db.insert(exchangeRuns).values({ schoolId: target.schoolId, kind: 'teacher_import', outcome: 'failed', detail: message, actorId: target.actorId, at: target.now });
}

