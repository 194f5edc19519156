/**
 * Statement import and reconciliation (SPEC FA7–FA10): the file becomes a grid, the domain reads
 * the credits and matches them; this module stores each credit once per bank transaction id,
 * allocates matched amounts to dues, marks fully paid dues paid (a history row), issues a receipt
 * per credit that paid something, and leaves the rest for a person to decide.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { reconcile, transactionKey, type Allocation, type OpenDue } from '../../domain/fees/reconcile';
import { readSscPayments } from '../../domain/fees/ssc';
import { readStatement, type Credit } from '../../domain/fees/statement';
import type { RawCell } from '../../domain/roster/cells';
import { readWorkbook } from '../exchange/workbook';
import { audit } from './audit';
import { writeVersion, type FeeScope } from './dues';
import { issueReceipt } from './receipts';

/** FA7: .xlsx/.xls through the workbook reader (first sheet), .csv (UTF-8, comma or semicolon) read here. */
export function statementGrid(fileName: string, bytes: Uint8Array): { ok: true; grid: RawCell[][] } | { ok: false; message: string } {
	if (/\.csv$/i.test(fileName)) {
		const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
		return { ok: true, grid: parseCsv(text) };
	}
	const read = readWorkbook(bytes);
	if (!read.ok) return { ok: false, message: `${read.message} Chọn tệp sao kê .xlsx hoặc .csv do ngân hàng xuất.` };
	const sheet = read.sheets.find((s) => s.rows.length > 0);
	if (!sheet) return { ok: false, message: 'Tệp sao kê không có dòng nào.' };
	return { ok: true, grid: sheet.rows };
}

/** RFC 4180 CSV; the delimiter is whichever of ',' and ';' the first line has more of. */
export function parseCsv(text: string): string[][] {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const endField = () => {
		row.push(field);
		field = '';
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === delimiter) endField();
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endField();
			rows.push(row);
			row = [];
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		endField();
		rows.push(row);
	}
	return rows;
}

export interface OpenDueRow extends OpenDue {
	studentId: string;
	itemCode: string;
	period: string;
	amount: number;
}

/** Open dues of the school with what is still outstanding (amount − allocations). */
export async function openDues(db: Database, school: string): Promise<OpenDueRow[]> {
	const rows = await db
		.select({
			id: t.feeDues.id,
			reference: t.feeDues.reference,
			studentId: t.feeDues.studentId,
			studentCode: t.students.moetCode,
			itemCode: t.feeDues.itemCode,
			period: t.feeDues.period,
			amount: t.feeDues.amount,
			allocated: sql<string>`coalesce((select sum(fa.amount) from fee_allocations fa where fa.due_id = fee_dues.id), 0)`
		})
		.from(t.feeDues)
		.innerJoin(t.students, eq(t.students.id, t.feeDues.studentId))
		.where(and(eq(t.feeDues.schoolId, school), eq(t.feeDues.state, 'open')));
	const bundles = await db.select().from(t.feeBundleDues).where(eq(t.feeBundleDues.schoolId, school));
	const bundlesOf = new Map<number, string[]>();
	for (const b of bundles) bundlesOf.set(b.dueId, [...(bundlesOf.get(b.dueId) ?? []), b.reference]);
	return rows
		.map((r) => ({
			id: String(r.id),
			reference: r.reference,
			studentId: r.studentId,
			studentCode: r.studentCode ?? r.studentId,
			itemCode: r.itemCode,
			period: r.period,
			amount: r.amount,
			amountOutstanding: r.amount - Number(r.allocated),
			...(bundlesOf.has(r.id) ? { bundles: bundlesOf.get(r.id)! } : {})
		}))
		.filter((d) => d.amountOutstanding > 0);
}

export interface ImportResult {
	ok: true;
	credits: number;
	newCredits: number;
	matched: number;
	partial: Array<{ credit: Credit; dueIds: string[]; amount: number }>;
	over: Array<{ credit: Credit; dueIds: string[]; amount: number }>;
	duplicates: Credit[];
	unmatched: Credit[];
	problems: Array<{ line: number; message: string }>;
	receipts: string[];
}

type Allocated = { credit: Credit; dueIds: string[]; amount: number; allocations: Allocation[]; by?: 'reference' | 'amount_and_code' };

/**
 * FA8/FA9: imports a statement. Credits already stored (same bank transaction id) are duplicates
 * and change nothing, so importing the same statement twice is a no-op the second time.
 */
export async function importStatement(
	db: Database,
	scope: FeeScope,
	person: string,
	fileName: string,
	grid: readonly (readonly RawCell[])[],
	verificationKey: Uint8Array
): Promise<ImportResult> {
	const read = readStatement(grid);
	return importCredits(db, scope, person, fileName, read, verificationKey, 'statement');
}

/**
 * FA18: SSC's payment-status file, through the domain's SSC adapter: each payment becomes a credit
 * (its transaction id, or one made of reference/student code, date and amount) and is reconciled
 * like a bank credit — so the same file imported twice changes nothing either.
 */
export async function importSscPayments(
	db: Database,
	scope: FeeScope,
	person: string,
	fileName: string,
	grid: readonly (readonly RawCell[])[],
	verificationKey: Uint8Array
): Promise<ImportResult> {
	const read = readSscPayments(grid);
	const credits: Credit[] = read.payments.map((p) => {
		const who = p.reference ?? p.studentCode ?? '';
		return {
			transactionId: p.transactionId ?? `SSC-${who}-${p.paidAt}-${p.amount}`,
			bookedAt: p.paidAt,
			amount: p.amount,
			description: [p.reference, p.studentCode].filter(Boolean).join(' '),
			line: p.line
		};
	});
	return importCredits(db, scope, person, fileName, { credits, problems: read.problems }, verificationKey, 'ssc');
}

async function importCredits(
	db: Database,
	scope: FeeScope,
	person: string,
	fileName: string,
	read: { credits: Credit[]; problems: Array<{ line: number; message: string }> },
	verificationKey: Uint8Array,
	source: 'statement' | 'ssc'
): Promise<ImportResult> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const ids = read.credits.map((c) => transactionKey(c.transactionId));
		const seen = new Set(
			ids.length === 0
				? []
				: (
						await tx
							.select({ id: t.bankTransactions.transactionId })
							.from(t.bankTransactions)
							.where(and(eq(t.bankTransactions.schoolId, scope.school), inArray(t.bankTransactions.transactionId, ids)))
					).map((r) => r.id)
		);
		const open = await openDues(tx, scope.school);
		const result = reconcile({ open, credits: read.credits, seenTransactionIds: seen });
		const matched = result.matched as Allocated[];
		const partial = result.partial as Allocated[];
		const over = result.over as Allocated[];
		const [fileRow] = await tx
			.insert(t.feeStatementImports)
			.values({ schoolId: scope.school, fileName, credits: read.credits.length, newCredits: read.credits.length - result.duplicates.length, importedBy: person })
			.returning({ id: t.feeStatementImports.id });
		const importId = fileRow!.id;
		const byId = new Map(open.map((d) => [d.id, d]));
		const receipts: string[] = [];
		const store = async (credit: Credit, status: 'matched' | 'partial' | 'over' | 'unmatched') => {
			const [row] = await tx
				.insert(t.bankTransactions)
				.values({ schoolId: scope.school, transactionId: transactionKey(credit.transactionId), bookedAt: credit.bookedAt, amount: credit.amount, description: credit.description, source, status, importId })
				.onConflictDoNothing()
				.returning();
			return row;
		};
		for (const [status, list] of [
			['matched', matched],
			['partial', partial],
			['over', over]
		] as const) {
			for (const entry of list) {
				const row = await store(entry.credit, status);
				if (!row) continue;
				const number = await allocate(tx, scope, person, row, entry.allocations.map((a) => ({ due: byId.get(a.dueId)!, amount: a.amount })), entry.by ?? 'reference', verificationKey);
				if (number) receipts.push(number);
			}
		}
		for (const credit of result.unmatched) await store(credit, 'unmatched');
		await audit(tx, scope.school, person, source === 'ssc' ? 'ssc.import' : 'statement.import', fileName, {
			credits: read.credits.length,
			matched: matched.length,
			partial: partial.length,
			over: over.length,
			duplicates: result.duplicates.length,
			unmatched: result.unmatched.length
		});
		return {
			ok: true as const,
			credits: read.credits.length,
			newCredits: read.credits.length - result.duplicates.length,
			matched: matched.length,
			partial,
			over,
			duplicates: result.duplicates,
			unmatched: result.unmatched,
			problems: read.problems,
			receipts
		};
	});
}

/**
 * Writes the allocations of a stored credit, marks each due they fill paid (history row) and
 * issues the receipt. Returns the receipt number, or null if nothing was applied.
 */
export async function allocate(
	tx: Database,
	scope: FeeScope,
	person: string,
	transaction: typeof t.bankTransactions.$inferSelect,
	allocations: Array<{ due: OpenDueRow; amount: number }>,
	how: 'reference' | 'amount_and_code' | 'person',
	verificationKey: Uint8Array
): Promise<string | null> {
	const paid = allocations.filter((a) => a.due && a.amount > 0);
	for (const { due, amount } of paid) {
		await tx.insert(t.feeAllocations).values({ transactionId: transaction.id, dueId: Number(due.id), amount, how, allocatedBy: person });
		if (amount === due.amountOutstanding) {
			const [row] = await tx.select().from(t.feeDues).where(eq(t.feeDues.id, Number(due.id)));
			if (row) await writeVersion(tx, row, { gross: row.gross, reduction: row.reduction, amount: row.amount, exemptionCategory: row.exemptionCategory, state: 'paid' }, `paid by ${transaction.transactionId}`, person);
		}
	}
	if (paid.length === 0) return null;
	return issueReceipt(tx, scope, transaction, paid, verificationKey);
}

/** FA10: a person assigns an unmatched (or partly used) credit to a due; audited, receipt issued. */
export async function assignCredit(
	db: Database,
	scope: FeeScope,
	person: string,
	bankTransactionId: number,
	dueId: number,
	verificationKey: Uint8Array
): Promise<{ ok: true; receipt: string | null } | { ok: false; message: string }> {
	return db.transaction(async (txDb) => {
		const tx = txDb as unknown as Database;
		const [transaction] = await tx
			.select()
			.from(t.bankTransactions)
			.where(and(eq(t.bankTransactions.id, bankTransactionId), eq(t.bankTransactions.schoolId, scope.school)));
		if (!transaction) return { ok: false as const, message: 'Không tìm thấy giao dịch này.' };
		const [used] = await tx
			.select({ sum: sql<string>`coalesce(sum(${t.feeAllocations.amount}), 0)` })
			.from(t.feeAllocations)
			.where(eq(t.feeAllocations.transactionId, transaction.id));
		const available = transaction.amount - Number(used?.sum ?? 0);
		if (available <= 0) return { ok: false as const, message: 'Số tiền của giao dịch này đã được gán hết.' };
		const due = (await openDues(tx, scope.school)).find((d) => d.id === String(dueId));
		if (!due) return { ok: false as const, message: 'Khoản phải thu này không còn mở (đã thu đủ hoặc đã hủy).' };
		const receipt = await allocate(tx, scope, person, transaction, [{ due, amount: Math.min(available, due.amountOutstanding) }], 'person', verificationKey);
		// Assigned once nothing is left; a credit larger than the due stays listed with the rest.
		if (available <= due.amountOutstanding) await tx.update(t.bankTransactions).set({ status: 'assigned' }).where(eq(t.bankTransactions.id, transaction.id));
		await audit(tx, scope.school, person, 'credit.assign', transaction.transactionId, { dueId, amount: Math.min(available, due.amountOutstanding) });
		return { ok: true as const, receipt };
	});
}

/** Credits still waiting for a person: unmatched, or with money left after their allocations. */
export async function creditsToDecide(db: Database, school: string) {
	const rows = await db
		.select({
			id: t.bankTransactions.id,
			transactionId: t.bankTransactions.transactionId,
			bookedAt: t.bankTransactions.bookedAt,
			amount: t.bankTransactions.amount,
			description: t.bankTransactions.description,
			status: t.bankTransactions.status,
			used: sql<string>`coalesce((select sum(fa.amount) from fee_allocations fa where fa.transaction_id = bank_transactions.id), 0)`
		})
		.from(t.bankTransactions)
		.where(and(eq(t.bankTransactions.schoolId, school), inArray(t.bankTransactions.status, ['unmatched', 'over', 'partial'])))
		.orderBy(t.bankTransactions.bookedAt);
	return rows.map((r) => ({ ...r, left: r.amount - Number(r.used) })).filter((r) => r.left > 0 || r.status === 'partial');
}
