/**
 * Over-payments (server SPEC FA24): what a family paid beyond what it owed stays the family's
 * credit, shown to the guardian and the accountant, until the accountant either deducts it from
 * the child's next dues (oldest due date first, with a receipt) or records that the school
 * refunded it. Nothing happens to the money without a person deciding, because an over-payment
 * is often a mistake (paid twice, for a sibling, the wrong amount) worth a look first.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { audit } from './audit';
import type { FeeScope } from './dues';
import { allocate, openDues } from './reconciliation';

const usedSql = sql<string>`coalesce((select sum(fa.amount) from fee_allocations fa where fa.transaction_id = bank_transactions.id), 0)`;

/** Over-paid credits with money left, each with the one student its allocations paid for (null when several or none). */
export async function surplusCredits(db: Database, school: string) {
	const rows = await db
		.select({ id: t.bankTransactions.id, transactionId: t.bankTransactions.transactionId, bookedAt: t.bankTransactions.bookedAt, amount: t.bankTransactions.amount, used: usedSql })
		.from(t.bankTransactions)
		.where(and(eq(t.bankTransactions.schoolId, school), eq(t.bankTransactions.status, 'over')))
		.orderBy(t.bankTransactions.bookedAt);
	const credits = rows.map((r) => ({ ...r, left: r.amount - Number(r.used) })).filter((r) => r.left > 0);
	if (credits.length === 0) return [];
	const paidFor = await db
		.selectDistinct({ transactionId: t.feeAllocations.transactionId, studentId: t.feeDues.studentId })
		.from(t.feeAllocations)
		.innerJoin(t.feeDues, eq(t.feeDues.id, t.feeAllocations.dueId))
		.where(inArray(t.feeAllocations.transactionId, credits.map((c) => c.id)));
	return credits.map((c) => {
		const students = paidFor.filter((p) => p.transactionId === c.id).map((p) => p.studentId);
		return { id: c.id, transactionId: c.transactionId, bookedAt: c.bookedAt, amount: c.amount, left: c.left, studentId: students.length === 1 ? students[0]! : null };
	});
}

/** FA24: what the school holds for this child: over-payments for the child's dues not yet used or refunded. */
export async function heldCredit(db: Database, studentId: string): Promise<number> {
	const rows = await db
		.select({ amount: t.bankTransactions.amount, used: usedSql })
		.from(t.bankTransactions)
		.where(
			and(
				eq(t.bankTransactions.status, 'over'),
				sql`exists (select 1 from fee_allocations fa join fee_dues fd on fd.id = fa.due_id where fa.transaction_id = bank_transactions.id and fd.student_id = ${studentId})`,
				sql`not exists (select 1 from fee_allocations fa join fee_dues fd on fd.id = fa.due_id where fa.transaction_id = bank_transactions.id and fd.student_id <> ${studentId})`
			)
		);
	return rows.reduce((sum, r) => sum + r.amount - Number(r.used), 0);
}

type Outcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * FA24: deducts what is left of an over-payment from the same child's open dues, oldest due date
 * first, each filled before the next, with a receipt; what is still left stays held. The credit
 * becomes `assigned` once nothing is left. Refused when the credit has nothing left, pays for no
 * single child, or the child owes nothing now (the money then stays held for the next dues).
 */
export async function applySurplus(db: Database, scope: FeeScope, person: string, creditId: number, key: Uint8Array): Promise<Outcome> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		await tx.select({ id: t.bankTransactions.id }).from(t.bankTransactions).where(eq(t.bankTransactions.id, creditId)).for('update');
		const credit = (await surplusCredits(tx, scope.school)).find((c) => c.id === creditId);
		if (!credit) return { ok: false as const, message: 'Giao dịch này không còn tiền thừa để trừ.' };
		if (!credit.studentId) return { ok: false as const, message: 'Không xác định được một học sinh cho giao dịch này; hãy gán từng khoản.' };
		const owing = (await openDues(tx, scope.school)).filter((d) => d.studentId === credit.studentId);
		if (owing.length === 0) return { ok: false as const, message: 'Học sinh hiện không còn khoản nào phải nộp; số tiền thừa được giữ lại để trừ vào khoản thu sau.' };
		const dueDates = new Map((await tx.select({ id: t.feeDues.id, dueDate: t.feeDues.dueDate }).from(t.feeDues).where(inArray(t.feeDues.id, owing.map((d) => Number(d.id))))).map((r) => [String(r.id), r.dueDate]));
		owing.sort((a, b) => dueDates.get(a.id)!.localeCompare(dueDates.get(b.id)!) || Number(a.id) - Number(b.id));
		let left = credit.left;
		const parts: Array<{ due: (typeof owing)[number]; amount: number }> = [];
		for (const due of owing) {
			if (left === 0) break;
			const amount = Math.min(left, due.amountOutstanding);
			parts.push({ due, amount });
			left -= amount;
		}
		const [row] = await tx.select().from(t.bankTransactions).where(eq(t.bankTransactions.id, creditId));
		const receipt = await allocate(tx, scope, person, row!, parts, 'person', key);
		if (left === 0) await tx.update(t.bankTransactions).set({ status: 'assigned' }).where(eq(t.bankTransactions.id, creditId));
		const applied = credit.left - left;
		await audit(tx, scope.school, person, 'credit.apply_surplus', credit.transactionId, { studentId: credit.studentId, applied, left, dueIds: parts.map((p) => p.due.id) });
		return { ok: true as const, message: `Đã trừ ${applied.toLocaleString('vi-VN')} đ tiền thừa vào ${parts.length} khoản${receipt ? `, lập biên lai ${receipt}` : ''}${left > 0 ? `; còn giữ ${left.toLocaleString('vi-VN')} đ` : ''}.` };
	});
}

/**
 * FA24: records that the school returned what was left of a credit (an over-payment, or a
 * transfer nobody owed) to the payer, with how; the credit becomes `refunded` and leaves every
 * list. Audited with the amount; the money itself moves at the bank, not here.
 */
export async function recordRefund(db: Database, scope: FeeScope, person: string, creditId: number, note: string): Promise<Outcome> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const [row] = await tx
			.select({ id: t.bankTransactions.id, transactionId: t.bankTransactions.transactionId, amount: t.bankTransactions.amount, status: t.bankTransactions.status, used: usedSql })
			.from(t.bankTransactions)
			.where(and(eq(t.bankTransactions.id, creditId), eq(t.bankTransactions.schoolId, scope.school)))
			.for('update');
		const left = row ? row.amount - Number(row.used) : 0;
		if (!row || left <= 0 || !['over', 'unmatched'].includes(row.status)) return { ok: false as const, message: 'Giao dịch này không còn tiền để hoàn trả.' };
		await tx.update(t.bankTransactions).set({ status: 'refunded' }).where(eq(t.bankTransactions.id, creditId));
		await audit(tx, scope.school, person, 'credit.refund', row.transactionId, { amount: left, note });
		return { ok: true as const, message: `Đã ghi hoàn trả ${left.toLocaleString('vi-VN')} đ của giao dịch ${row.transactionId}.` };
	});
}
