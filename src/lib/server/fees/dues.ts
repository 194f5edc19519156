/**
 * Fee items and the generation of amounts due (SPEC FA4–FA6): the pure rules live in
 * src/lib/domain/fees; this module loads their inputs, writes their results with history rows and
 * audits who did it. Nothing is deleted: a due that no longer applies is cancelled.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { diffDues, generateDues, totalsByClass, type Due } from '../../domain/fees/dues';
import type { AmountRule, Exemption, FeeItem } from '../../domain/fees/items';
import { paymentReference } from '../../domain/fees/reference';
import type { EnrolmentSpan } from '../../domain/fees/spans';
import { statusOf } from '../../domain/exchange/student-export';
import { audit } from './audit';

export interface FeeScope {
	school: string;
	year: string;
}

export const PERIOD_KINDS = ['month', 'term', 'year'] as const;

export async function itemsOf(db: Database, scope: FeeScope): Promise<Array<FeeItem & { dueDays: number }>> {
	const rows = await db
		.select()
		.from(t.feeItems)
		.where(and(eq(t.feeItems.schoolId, scope.school), eq(t.feeItems.year, scope.year)))
		.orderBy(t.feeItems.code);
	return rows.map((r) => ({ code: r.code, name: r.name, legalBasis: r.legalBasis, period: r.period, rule: r.rule as AmountRule, mandatory: r.mandatory, dueDays: r.dueDays }));
}

/** FA4: creates a fee item; a code already used this year is refused (items are not overwritten). */
export async function createItem(db: Database, scope: FeeScope, person: string, item: FeeItem): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction(async (tx) => {
		const inserted = await tx
			.insert(t.feeItems)
			.values({ schoolId: scope.school, year: scope.year, code: item.code, name: item.name, legalBasis: item.legalBasis, period: item.period, rule: item.rule, mandatory: item.mandatory, createdBy: person })
			.onConflictDoNothing()
			.returning({ code: t.feeItems.code });
		if (inserted.length === 0) return { ok: false as const, message: `Mã khoản thu "${item.code}" đã có trong năm học này.` };
		await audit(tx as unknown as Database, scope.school, person, 'item.create', item.code, item);
		return { ok: true as const };
	});
}

export async function recordExemption(db: Database, scope: FeeScope, person: string, exemption: Exemption): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.insert(t.feeExemptions).values({ schoolId: scope.school, year: scope.year, ...exemption, recordedBy: person });
		await audit(tx as unknown as Database, scope.school, person, 'exemption.record', `${exemption.studentId}:${exemption.itemCode}`, exemption);
	});
}

/** The exemptions still in force, or ended only from a day still to come or past (shown with it). */
export async function exemptionsOf(db: Database, scope: FeeScope) {
	return db
		.select({
			id: t.feeExemptions.id,
			studentId: t.feeExemptions.studentId,
			itemCode: t.feeExemptions.itemCode,
			category: t.feeExemptions.category,
			percent: t.feeExemptions.percent,
			evidence: t.feeExemptions.evidence,
			endsFrom: t.feeExemptions.endsFrom,
			endReason: t.feeExemptions.endReason
		})
		.from(t.feeExemptions)
		.where(and(eq(t.feeExemptions.schoolId, scope.school), eq(t.feeExemptions.year, scope.year), or(isNull(t.feeExemptions.endedAt), isNotNull(t.feeExemptions.endsFrom))))
		.orderBy(t.feeExemptions.studentId, t.feeExemptions.itemCode, t.feeExemptions.id);
}

/**
 * FA19: ends an exemption from a day, with the reason; the record stays (FA4). Periods that began
 * before the day keep the reduction at the next generation, later ones are charged in full (FE46).
 * An exemption already ended is refused.
 */
export async function endExemption(db: Database, scope: FeeScope, person: string, end: { id: number; endsFrom: string; reason: string }): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const ended = await tx
			.update(t.feeExemptions)
			.set({ endedAt: new Date(), endsFrom: end.endsFrom, endReason: end.reason, endedBy: person })
			.where(and(eq(t.feeExemptions.id, end.id), eq(t.feeExemptions.schoolId, scope.school), eq(t.feeExemptions.year, scope.year), isNull(t.feeExemptions.endedAt)))
			.returning();
		const row = ended[0];
		if (!row) return { ok: false as const, message: 'Miễn giảm này không còn hiệu lực hoặc không thuộc trường, năm học này.' };
		await audit(tx, scope.school, person, 'exemption.end', `${row.studentId}:${row.itemCode}`, { id: row.id, category: row.category, percent: row.percent, endsFrom: end.endsFrom, reason: end.reason });
		return { ok: true as const };
	});
}

/** How the school has a guardian's agreement to an optional item (FE6, FA20). */
export const AGREEMENT_METHODS = { giay: 'Phiếu đăng ký có chữ ký', 'truc-tiep': 'Trực tiếp tại trường', 'ung-dung': 'Trên ứng dụng' } as const;
export type AgreementMethod = keyof typeof AGREEMENT_METHODS;

export async function recordAgreement(
	db: Database,
	scope: FeeScope,
	person: string,
	agreement: { studentId: string; itemCode: string; agreedBy: string; method?: AgreementMethod; agreedOn?: string }
): Promise<void> {
	const values = { agreedBy: agreement.agreedBy, method: agreement.method ?? null, agreedOn: agreement.agreedOn ?? null };
	await db.transaction(async (tx) => {
		await tx
			.insert(t.feeAgreements)
			.values({ schoolId: scope.school, year: scope.year, itemCode: agreement.itemCode, studentId: agreement.studentId, ...values, recordedBy: person })
			.onConflictDoUpdate({
				target: [t.feeAgreements.schoolId, t.feeAgreements.year, t.feeAgreements.itemCode, t.feeAgreements.studentId],
				set: { ...values, withdrawnAt: null, recordedBy: person, recordedAt: new Date() }
			});
		await audit(tx as unknown as Database, scope.school, person, 'agreement.record', `${agreement.studentId}:${agreement.itemCode}`, agreement);
	});
}

/** FA20: the guardian withdraws: later generations no longer charge the item; the record stays with the day. */
export async function withdrawAgreement(db: Database, scope: FeeScope, person: string, key: { studentId: string; itemCode: string }): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const rows = await tx
			.update(t.feeAgreements)
			.set({ withdrawnAt: new Date() })
			.where(
				and(
					eq(t.feeAgreements.schoolId, scope.school),
					eq(t.feeAgreements.year, scope.year),
					eq(t.feeAgreements.studentId, key.studentId),
					eq(t.feeAgreements.itemCode, key.itemCode),
					isNull(t.feeAgreements.withdrawnAt)
				)
			)
			.returning();
		if (rows.length === 0) return { ok: false as const, message: 'Không có đăng ký còn hiệu lực để rút.' };
		await audit(tx, scope.school, person, 'agreement.withdraw', `${key.studentId}:${key.itemCode}`, key);
		return { ok: true as const };
	});
}

/** The agreements in force, for the page: who agreed, how, when, who recorded it. */
export async function agreementsOf(db: Database, scope: FeeScope) {
	const rows = await db
		.select({
			studentId: t.feeAgreements.studentId,
			itemCode: t.feeAgreements.itemCode,
			agreedBy: t.feeAgreements.agreedBy,
			method: t.feeAgreements.method,
			agreedOn: t.feeAgreements.agreedOn,
			recordedAt: t.feeAgreements.recordedAt,
			recordedBy: t.people.fullName
		})
		.from(t.feeAgreements)
		.leftJoin(t.people, eq(t.people.id, t.feeAgreements.recordedBy))
		.where(and(eq(t.feeAgreements.schoolId, scope.school), eq(t.feeAgreements.year, scope.year), isNull(t.feeAgreements.withdrawnAt)))
		.orderBy(t.feeAgreements.itemCode, t.feeAgreements.studentId);
	return rows.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() }));
}

export interface FeeStudent {
	id: string;
	code: string;
	name: string;
	classCode: string;
	className: string;
	grade: number;
	/** The education database's state (exchange CX5) and the day it was given: when the student came or left. */
	status: string;
	statusDate: string | null;
}

/**
 * FE45 FA21: the student's time at the school this year, from the state the education database
 * gives: "Chuyển đến" dates the arrival, a leaving state (chuyển đi, thôi học, …) dates the
 * departure. Other states say nothing about dates (their date is when the state was recorded, e.g.
 * the first import), so the student is billed for every period.
 */
export function enrolmentSpan(student: Pick<FeeStudent, 'status' | 'statusDate'>): EnrolmentSpan {
	if (!student.statusDate) return {};
	if (student.status === 'chuyen-den') return { from: student.statusDate };
	if (!statusOf(student.status).enrolled) return { until: student.statusDate };
	return {};
}

export async function studentsOf(db: Database, scope: FeeScope): Promise<FeeStudent[]> {
	return db
		.select({
			id: t.students.id,
			code: t.students.moetCode,
			name: t.people.fullName,
			classCode: t.enrolments.classCode,
			className: t.classes.name,
			grade: t.classes.grade,
			status: t.enrolments.status,
			statusDate: t.enrolments.statusDate
		})
		.from(t.enrolments)
		.innerJoin(t.students, eq(t.students.id, t.enrolments.studentId))
		.innerJoin(t.people, eq(t.people.id, t.students.personId))
		.innerJoin(t.classes, and(eq(t.classes.schoolId, t.enrolments.schoolId), eq(t.classes.year, t.enrolments.year), eq(t.classes.code, t.enrolments.classCode)))
		.where(and(eq(t.enrolments.schoolId, scope.school), eq(t.enrolments.year, scope.year)))
		.then((rows) => rows.map((r) => ({ ...r, code: r.code ?? r.id })));
}

/** The deterministic payment reference of one due: the same due keeps its reference across generations (FA5). */
export function dueReference(scope: FeeScope, due: Pick<Due, 'studentId' | 'itemCode' | 'period'>): string {
	return paymentReference(`${scope.school}|${scope.year}|${due.studentId}|${due.itemCode}|${due.period}`);
}

const keyOf = (d: Pick<Due, 'studentId' | 'itemCode' | 'period'>) => `${d.studentId}|${d.itemCode}|${d.period}`;

async function currentDues(db: Database, scope: FeeScope, periods: string[]) {
	return db
		.select()
		.from(t.feeDues)
		.where(and(eq(t.feeDues.schoolId, scope.school), eq(t.feeDues.year, scope.year), inArray(t.feeDues.period, periods), ne(t.feeDues.state, 'cancelled')));
}

export interface GenerationPlan {
	periods: string[];
	totals: ReturnType<typeof totalsByClass>;
	added: Due[];
	changed: Array<{ before: Due; after: Due }>;
	cancelled: Due[];
	unchanged: number;
	/** Changes to dues already paid, which generation leaves alone (a person adjusts them). */
	paidUntouched: number;
	exemptionsApplied: number;
	/** Fingerprint of the plan: confirmation applies it only if nothing moved since the preview (FA5). */
	fingerprint: string;
}

/** FA5: what generating these periods would do, without writing anything. */
export async function planGeneration(db: Database, scope: FeeScope, periods: string[]): Promise<GenerationPlan> {
	const [items, students, agreements, exemptions, existing] = await Promise.all([
		itemsOf(db, scope),
		studentsOf(db, scope),
		db
			.select({ studentId: t.feeAgreements.studentId, itemCode: t.feeAgreements.itemCode })
			.from(t.feeAgreements)
			.where(and(eq(t.feeAgreements.schoolId, scope.school), eq(t.feeAgreements.year, scope.year), isNull(t.feeAgreements.withdrawnAt))),
		db
			.select({ studentId: t.feeExemptions.studentId, itemCode: t.feeExemptions.itemCode, category: t.feeExemptions.category, percent: t.feeExemptions.percent, evidence: t.feeExemptions.evidence, endsFrom: t.feeExemptions.endsFrom })
			.from(t.feeExemptions)
			// In force, or ended from a day (FE46 decides per period); ended without a day: for no period.
			.where(and(eq(t.feeExemptions.schoolId, scope.school), eq(t.feeExemptions.year, scope.year), or(isNull(t.feeExemptions.endedAt), isNotNull(t.feeExemptions.endsFrom)))),
		currentDues(db, scope, periods)
	]);
	const next = generateDues({
		items,
		students: students.map((s) => ({ id: s.id, classCode: s.classCode, grade: s.grade, enrolment: enrolmentSpan(s) })),
		periods,
		agreements,
		exemptions,
		schoolYearStart: Number(scope.year.slice(0, 4))
	});
	const asDue = (r: (typeof existing)[number]): Due => ({
		studentId: r.studentId,
		itemCode: r.itemCode,
		period: r.period,
		gross: r.gross,
		reduction: r.reduction,
		amount: r.amount,
		...(r.exemptionCategory ? { exemptionCategory: r.exemptionCategory } : {})
	});
	const paid = new Set(existing.filter((r) => r.state === 'paid').map((r) => keyOf(r)));
	const diff = diffDues(existing.map(asDue), next);
	const changed = diff.changed.filter((c) => !paid.has(keyOf(c.before)));
	const cancelled = diff.cancelled.filter((d) => !paid.has(keyOf(d)));
	const paidUntouched = diff.changed.length - changed.length + diff.cancelled.length - cancelled.length;
	const fingerprint = createHash('sha256')
		.update(JSON.stringify([periods, diff.added.map(keyAmount), changed.map((c) => keyAmount(c.after)), cancelled.map(keyOf)]))
		.digest('hex')
		.slice(0, 16);
	return {
		periods,
		totals: totalsByClass(next, students.map((s) => ({ id: s.id, classCode: s.classCode, grade: s.grade }))),
		added: diff.added,
		changed,
		cancelled,
		unchanged: diff.unchanged.length,
		paidUntouched,
		exemptionsApplied: next.filter((d) => d.reduction > 0).length,
		fingerprint
	};
}

const keyAmount = (d: Due) => `${keyOf(d)}=${d.amount}/${d.gross}/${d.reduction}`;

/** The date a due of `period` falls due: `dueDays` after the period starts (months as keys, terms and the year from the school year). */
export function dueDateOf(year: string, period: string, dueDays: number): string {
	const startYear = Number(year.slice(0, 4));
	const start = /^\d{4}-\d{2}$/.test(period) ? `${period}-01` : period === 'hk2' ? `${startYear + 1}-01-15` : `${startYear}-09-05`;
	const date = new Date(`${start}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + dueDays);
	return date.toISOString().slice(0, 10);
}

/**
 * FA5: applies a plan the person saw. Refused when the fingerprint no longer matches (someone
 * changed items, exemptions or dues in between): the person previews again.
 */
export async function applyGeneration(
	db: Database,
	scope: FeeScope,
	person: string,
	periods: string[],
	fingerprint: string
): Promise<{ ok: true; added: number; changed: number; cancelled: number } | { ok: false; message: string }> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const plan = await planGeneration(tx, scope, periods);
		if (plan.fingerprint !== fingerprint) return { ok: false as const, message: 'Dữ liệu đã thay đổi sau khi xem trước. Hãy xem trước lại rồi xác nhận.' };
		const items = new Map((await itemsOf(tx, scope)).map((i) => [i.code, i]));
		if (plan.added.length > 0) {
			const rows = plan.added.map((d) => ({
				schoolId: scope.school,
				year: scope.year,
				studentId: d.studentId,
				itemCode: d.itemCode,
				period: d.period,
				gross: d.gross,
				reduction: d.reduction,
				amount: d.amount,
				exemptionCategory: d.exemptionCategory ?? null,
				state: 'open' as const,
				reference: dueReference(scope, d),
				dueDate: dueDateOf(scope.year, d.period, items.get(d.itemCode)?.dueDays ?? 15)
			}));
			for (let i = 0; i < rows.length; i += 500) {
				const inserted = await tx.insert(t.feeDues).values(rows.slice(i, i + 500)).returning();
				await tx.insert(t.feeDueHistory).values(
					inserted.map((r) => ({ dueId: r.id, version: 1, gross: r.gross, reduction: r.reduction, amount: r.amount, exemptionCategory: r.exemptionCategory, state: r.state, reason: 'generated', changedBy: person }))
				);
			}
		}
		const existing = new Map((await currentDues(tx, scope, periods)).map((r) => [keyOf(r), r]));
		for (const { after } of plan.changed) {
			const row = existing.get(keyOf(after))!;
			await writeVersion(tx, row, { gross: after.gross, reduction: after.reduction, amount: after.amount, exemptionCategory: after.exemptionCategory ?? null, state: 'open' }, 'adjusted', person);
		}
		for (const due of plan.cancelled) {
			const row = existing.get(keyOf(due))!;
			await writeVersion(tx, row, { gross: row.gross, reduction: row.reduction, amount: row.amount, exemptionCategory: row.exemptionCategory, state: 'cancelled' }, 'cancelled', person);
		}
		const counts = { added: plan.added.length, changed: plan.changed.length, cancelled: plan.cancelled.length };
		await audit(tx, scope.school, person, 'dues.generate', periods.join(','), counts);
		return { ok: true as const, ...counts };
	});
}

type DueRow = typeof t.feeDues.$inferSelect;
type DueFigures = Pick<DueRow, 'gross' | 'reduction' | 'amount' | 'exemptionCategory' | 'state'>;

/** FA4: one new version of a due — the row moves on, the history keeps every version. */
export async function writeVersion(db: Database, row: DueRow, figures: DueFigures, reason: string, person: string): Promise<void> {
	const version = row.version + 1;
	await db.update(t.feeDues).set({ ...figures, version }).where(eq(t.feeDues.id, row.id));
	await db.insert(t.feeDueHistory).values({ dueId: row.id, version, ...figures, reason, changedBy: person });
}
