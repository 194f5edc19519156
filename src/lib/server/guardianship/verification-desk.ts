/**
 * The verification desk (issue 10 §2): a school's guardian ↔ student links, their history, and
 * the steps of guardianship SPEC GV1–GV7 recorded with who, when, how and evidence. Leaders of the
 * student's school act; every step is re-checked here against the state in the database.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { classes, enrolments, guardianships, guardianshipEvents, people, students } from '../../../../drizzle/schema';
import { compareCardWithDeclared, type FieldComparison } from '../../domain/guardianship/card-comparison';
import { applyStep, type GuardianshipState, type StepResult, type VerificationStep } from '../../domain/guardianship/verification';
import { parseCccdQr } from '../../domain/identity/cccd-qr';
import { VERIFIED_GUARDIANSHIP_STATES } from '../../domain/access/grants';
import { revokeGuardianship } from '../guardianship-revocation';
import type { Keys } from '../keys';
import { decryptPersonalId } from '../personal-id';
import { vietnamToday } from '../../domain/calendar/vietnam-time';
import type { SyncControl } from '../services';
import { alias } from 'drizzle-orm/pg-core';

export interface LinkRow {
	guardianId: string;
	studentId: string;
	studentName: string;
	moetCode: string;
	className: string | null;
	classCode: string | null;
	guardianName: string;
	guardianMaskedId: string | null;
	relation: string;
	state: GuardianshipState;
	signedInWithVneid: boolean;
}

const guardianPerson = alias(people, 'guardian_person');
const studentPerson = alias(people, 'student_person');

/** Every link of the school's students enrolled this year, optionally one class, some states or one link. */
export async function listLinks(
	db: Database,
	schoolId: string,
	year: string,
	filter: { classCode?: string; states?: GuardianshipState[]; link?: { guardianId: string; studentId: string } } = {}
): Promise<LinkRow[]> {
	const rows = await db
		.select({
			guardianId: guardianships.guardianId,
			studentId: guardianships.studentId,
			studentName: studentPerson.fullName,
			moetCode: students.moetCode,
			className: classes.name,
			classCode: enrolments.classCode,
			guardianName: guardianPerson.fullName,
			guardianMaskedId: guardianPerson.personalIdMasked,
			verifiedBy: guardianPerson.verifiedBy,
			relation: guardianships.relation,
			state: guardianships.state
		})
		.from(guardianships)
		.innerJoin(students, eq(students.id, guardianships.studentId))
		.innerJoin(studentPerson, eq(studentPerson.id, students.personId))
		.innerJoin(guardianPerson, eq(guardianPerson.id, guardianships.guardianId))
		.innerJoin(enrolments, and(eq(enrolments.studentId, students.id), eq(enrolments.year, year)))
		.leftJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.year, year), eq(classes.code, enrolments.classCode)))
		.where(
			and(
				eq(students.schoolId, schoolId),
				filter.classCode ? eq(enrolments.classCode, filter.classCode) : undefined,
				filter.states && filter.states.length > 0 ? inArray(guardianships.state, filter.states) : undefined,
				filter.link ? and(eq(guardianships.guardianId, filter.link.guardianId), eq(guardianships.studentId, filter.link.studentId)) : undefined
			)
		);
	return rows
		.map(({ verifiedBy, ...r }) => ({ ...r, signedInWithVneid: verifiedBy === 'vneid' }))
		.sort((a, b) => (a.className ?? '').localeCompare(b.className ?? '', 'vi', { numeric: true }) || a.studentName.localeCompare(b.studentName, 'vi'));
}

export interface LinkEvent {
	at: Date;
	fromState: string | null;
	toState: string;
	method: string;
	evidence: string;
	reason: string;
	actorName: string;
}

export interface LinkDetail extends LinkRow {
	/** Full number, for the leaders who compare it with the card (masked everywhere else). */
	guardianPersonalId: string | null;
	guardianBirthDate: string;
	events: LinkEvent[];
}

export async function linkDetail(db: Database, keys: Keys, schoolId: string, year: string, link: { guardianId: string; studentId: string }): Promise<LinkDetail | null> {
	const [row] = await listLinks(db, schoolId, year, { link });
	if (!row) return null;
	const [guardian] = await db.select().from(people).where(eq(people.id, link.guardianId));
	const actor = alias(people, 'actor');
	const events = await db
		.select({ at: guardianshipEvents.at, fromState: guardianshipEvents.fromState, toState: guardianshipEvents.toState, method: guardianshipEvents.method, evidence: guardianshipEvents.evidence, reason: guardianshipEvents.reason, actorName: actor.fullName })
		.from(guardianshipEvents)
		.innerJoin(actor, eq(actor.id, guardianshipEvents.actorId))
		.where(and(eq(guardianshipEvents.guardianId, link.guardianId), eq(guardianshipEvents.studentId, link.studentId)))
		.orderBy(desc(guardianshipEvents.at), desc(guardianshipEvents.id));
	return {
		...row,
		guardianPersonalId: guardian?.personalIdCiphertext ? decryptPersonalId(keys.idEncryptionKey, guardian.personalIdCiphertext) : null,
		guardianBirthDate: guardian?.birthDate ?? '',
		events
	};
}

/** GV7: the pasted or scanned QR text against the declared guardian. The QR text is not kept. */
export function compareQr(detail: LinkDetail, qrText: string, now: Date): { ok: true; fields: FieldComparison[]; allMatch: boolean } | { ok: false; message: string } {
	const parsed = parseCccdQr(qrText, { today: vietnamToday(now) });
	if (!parsed.ok) return { ok: false, message: `Không đọc được mã QR: ${parsed.message}` };
	if (!detail.guardianPersonalId) return { ok: false, message: 'Người giám hộ chưa có số định danh trong hồ sơ.' };
	return { ok: true, ...compareCardWithDeclared(parsed.data, { personalId: detail.guardianPersonalId, fullName: detail.guardianName, birthDate: detail.guardianBirthDate }) };
}

export type DeskResult = { ok: true; state: GuardianshipState; message: string } | { ok: false; message: string; comparison?: FieldComparison[] };

/**
 * One step at the desk: checked against the link's current state (GV1), with the QR comparison
 * (GV2, GV7) or the guardian's VNeID sign-in as context; state and event in one transaction.
 * Revoking goes through `revokeGuardianship` (GV6); leaving a verified state re-decides the
 * guardian's live connections.
 */
export async function takeStep(
	db: Database,
	keys: Keys,
	sync: Pick<SyncControl, 'reauthorizePerson'>,
	input: { schoolId: string; year: string; actorId: string; now: Date; link: { guardianId: string; studentId: string }; step: VerificationStep; qrText?: string }
): Promise<DeskResult> {
	const detail = await linkDetail(db, keys, input.schoolId, input.year, input.link);
	if (!detail) return { ok: false, message: 'Không tìm thấy liên kết phụ huynh – học sinh này ở trường.' };
	let comparison: FieldComparison[] | undefined;
	let qrMatches = false;
	if (input.step.kind === 'school_check' && input.step.method === 'qr') {
		const compared = compareQr(detail, input.qrText ?? '', input.now);
		if (!compared.ok) return { ok: false, message: compared.message };
		comparison = compared.fields;
		qrMatches = compared.allMatch;
	}
	const decided: StepResult = applyStep(detail.state, input.step, { qrMatches, signedInWithVneid: detail.signedInWithVneid });
	if (!decided.ok) return { ok: false, message: decided.message, ...(comparison ? { comparison } : {}) };
	if (decided.to === 'revoked') {
		const revoked = await revokeGuardianship(db, sync, input.link, { actorId: input.actorId, reason: decided.reason, at: input.now });
		return revoked ? { ok: true, state: 'revoked', message: 'Đã thu hồi: phụ huynh không còn xem được thông tin của học sinh.' } : { ok: false, message: 'Liên kết đã thay đổi; tải lại trang.' };
	}
	const moved = await db.transaction(async (tx) => {
		const where = and(eq(guardianships.guardianId, input.link.guardianId), eq(guardianships.studentId, input.link.studentId), eq(guardianships.state, detail.state));
		const updated = await tx
			.update(guardianships)
			.set({ state: decided.to, evidence: decided.evidence || decided.reason, checkedBy: input.actorId, checkedAt: input.now })
			.where(where)
			.returning({ guardianId: guardianships.guardianId });
		if (updated.length === 0) return false;
		await tx.insert(guardianshipEvents).values({ ...input.link, fromState: detail.state, toState: decided.to, method: decided.method as 'qr', evidence: decided.evidence, reason: decided.reason, actorId: input.actorId, at: input.now });
		return true;
	});
	if (!moved) return { ok: false, message: 'Liên kết vừa được người khác thay đổi; tải lại trang.' };
	const wasVerified = (VERIFIED_GUARDIANSHIP_STATES as readonly string[]).includes(detail.state);
	const isVerified = (VERIFIED_GUARDIANSHIP_STATES as readonly string[]).includes(decided.to);
	if (wasVerified !== isVerified) await sync.reauthorizePerson(input.link.guardianId);
	return { ok: true, state: decided.to, message: 'Đã ghi nhận.' };
}
