/**
 * Biên lai thu (SPEC FA11–FA12): one receipt per credit that paid dues, numbered per school and
 * year, with a verification code (a keyed digest of its fields) and the e-invoice fields of Decree
 * 123/2020 kept empty until a certified provider is plugged in. The PDF embeds DejaVu Sans, so
 * Vietnamese text renders, and says plainly that it is not an e-invoice.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { and, count, eq, inArray, like, sql } from 'drizzle-orm';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { formatDay } from '../../domain/display/vietnamese-format';
import { formatDong } from '../../domain/fees/money';
import { receiptNumber, verificationCode } from '../../domain/fees/receipt';
import type { FeeScope } from './dues';

export interface ReceiptLine {
	itemCode: string;
	name: string;
	period: string;
	amount: number;
}

/** The key of receipt verification codes, derived from the server's ID hash key (never shown). */
export function receiptKey(idHashKey: Uint8Array): Uint8Array {
	return createHmac('sha256', idHashKey).update('so-diem fee receipt verification v1').digest();
}

export async function issueReceipt(
	tx: Database,
	scope: FeeScope,
	transaction: typeof t.bankTransactions.$inferSelect,
	paid: Array<{ due: { id: string; studentId: string; itemCode: string; period: string }; amount: number }>,
	key: Uint8Array
): Promise<string> {
	const studentId = paid[0]!.due.studentId;
	const items = await tx
		.select({ code: t.feeItems.code, name: t.feeItems.name })
		.from(t.feeItems)
		.where(and(eq(t.feeItems.schoolId, scope.school), eq(t.feeItems.year, scope.year)));
	const nameOf = new Map(items.map((i) => [i.code, i.name]));
	const lines: ReceiptLine[] = paid.map((p) => ({ itemCode: p.due.itemCode, name: nameOf.get(p.due.itemCode) ?? p.due.itemCode, period: p.due.period, amount: p.amount }));
	const total = lines.reduce((s, l) => s + l.amount, 0);
	const [guardian] = await tx
		.select({ name: t.people.fullName })
		.from(t.guardianships)
		.innerJoin(t.people, eq(t.people.id, t.guardianships.guardianId))
		.where(and(eq(t.guardianships.studentId, studentId), inArray(t.guardianships.state, ['school_checked', 'authority_confirmed'])))
		.limit(1);
	const schoolCode = scope.school.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20);
	const year = Number(scope.year.slice(0, 4));
	// Two imports at once would both count n receipts and take the same number (the unique index
	// then fails one whole import): the school's numbering is taken in turn, until commit.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`fee-receipts:${scope.school}`}))`);
	const prefix = receiptNumber(schoolCode, year, 1).slice(0, -6);
	const [{ n } = { n: 0 }] = await tx
		.select({ n: count() })
		.from(t.feeReceipts)
		.where(and(eq(t.feeReceipts.schoolId, scope.school), like(t.feeReceipts.number, `${prefix}%`)));
	const number = receiptNumber(schoolCode, year, n + 1);
	const payerName = guardian?.name ?? 'Phụ huynh học sinh';
	const [student] = await tx.select({ code: t.students.moetCode }).from(t.students).where(eq(t.students.id, studentId));
	const code = verificationCode(
		{ receiptNumber: number, schoolCode, studentCode: student?.code ?? studentId, payerName, paidAt: transaction.bookedAt, total, lines, bankReference: transaction.transactionId },
		key
	);
	await tx.insert(t.feeReceipts).values({
		schoolId: scope.school,
		number,
		transactionId: transaction.id,
		studentId,
		payerName,
		lines,
		total,
		paymentMethod: 'Chuyển khoản (VietQR)',
		bankReference: transaction.transactionId,
		paidAt: transaction.bookedAt,
		verificationCode: code
	});
	return number;
}

const require = createRequire(import.meta.url);
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fonts() {
	if (!fontBytes) {
		const dir = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
		fontBytes = { regular: readFileSync(`${dir}DejaVuSans.ttf`), bold: readFileSync(`${dir}DejaVuSans-Bold.ttf`) };
	}
	return fontBytes;
}

export interface ReceiptView {
	number: string;
	schoolName: string;
	schoolAddress: string | null;
	taxCode: string | null;
	payerName: string;
	studentName: string;
	studentCode: string;
	className: string;
	lines: ReceiptLine[];
	total: number;
	paymentMethod: string;
	bankReference: string;
	paidAt: string;
	verificationCode: string;
}

/** The receipt of a student, with what its page shows; null when the receipt is not this student's. */
export async function receiptOf(db: Database, studentId: string, number: string): Promise<ReceiptView | null> {
	const [row] = await db
		.select()
		.from(t.feeReceipts)
		.where(and(eq(t.feeReceipts.studentId, studentId), eq(t.feeReceipts.number, number)));
	if (!row) return null;
	const [school] = await db.select({ name: t.organisations.name }).from(t.organisations).where(eq(t.organisations.id, row.schoolId));
	const [account] = await db.select().from(t.feeAccounts).where(eq(t.feeAccounts.schoolId, row.schoolId));
	const [student] = await db
		.select({ name: t.people.fullName, code: t.students.moetCode, className: t.classes.name })
		.from(t.students)
		.innerJoin(t.people, eq(t.people.id, t.students.personId))
		.leftJoin(t.enrolments, eq(t.enrolments.studentId, t.students.id))
		.leftJoin(t.classes, and(eq(t.classes.schoolId, t.enrolments.schoolId), eq(t.classes.year, t.enrolments.year), eq(t.classes.code, t.enrolments.classCode)))
		.where(eq(t.students.id, studentId))
		.limit(1);
	return {
		number: row.number,
		schoolName: school?.name ?? row.schoolId,
		schoolAddress: account?.address ?? null,
		taxCode: account?.taxCode ?? null,
		payerName: row.payerName,
		studentName: student?.name ?? studentId,
		studentCode: student?.code ?? '',
		className: student?.className ?? '',
		lines: row.lines as ReceiptLine[],
		total: row.total,
		paymentMethod: row.paymentMethod,
		bankReference: row.bankReference,
		paidAt: row.paidAt,
		verificationCode: row.verificationCode
	};
}


/** FA12: the receipt as an A5 PDF with an embedded Vietnamese-capable font. */
export async function receiptPdf(receipt: ReceiptView): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	pdf.setTitle(`Biên lai thu ${receipt.number}`);
	const { regular, bold } = fonts();
	const font = await pdf.embedFont(regular, { subset: true });
	const strong = await pdf.embedFont(bold, { subset: true });
	const page = pdf.addPage([419.53, 595.28]); // A5 portrait
	let y = 560;
	const text = (s: string, x: number, size = 10, f = font) => page.drawText(s, { x, y, size, font: f, color: rgb(0, 0, 0) });
	const line = (s: string, size = 10, f = font) => {
		text(s, 32, size, f);
		y -= size + 6;
	};
	line(receipt.schoolName, 11, strong);
	if (receipt.schoolAddress) line(receipt.schoolAddress, 9);
	if (receipt.taxCode) line(`Mã số thuế: ${receipt.taxCode}`, 9);
	y -= 10;
	line('BIÊN LAI THU', 16, strong);
	line(`Số: ${receipt.number}    Ngày thu: ${formatDay(receipt.paidAt)}`, 10);
	y -= 6;
	line(`Người nộp: ${receipt.payerName}`);
	line(`Học sinh: ${receipt.studentName}  (mã ${receipt.studentCode}, lớp ${receipt.className})`);
	line(`Hình thức: ${receipt.paymentMethod}, mã giao dịch ${receipt.bankReference}`);
	y -= 8;
	text('Khoản thu', 32, 10, strong);
	text('Kỳ', 230, 10, strong);
	text('Số tiền', 310, 10, strong);
	y -= 16;
	for (const l of receipt.lines) {
		text(l.name.slice(0, 34), 32);
		text(l.period, 230);
		text(formatDong(l.amount), 310);
		y -= 15;
	}
	y -= 4;
	page.drawLine({ start: { x: 32, y: y + 12 }, end: { x: 388, y: y + 12 }, thickness: 0.5 });
	text('Tổng cộng', 32, 10, strong);
	text(formatDong(receipt.total), 310, 10, strong);
	y -= 26;
	line(`Mã kiểm tra: ${receipt.verificationCode}`, 10, strong);
	line('Đối chiếu mã kiểm tra với nhà trường khi cần xác minh biên lai.', 8);
	y -= 6;
	line('Biên lai do Sổ Điểm lập từ sao kê ngân hàng của nhà trường.', 8);
	line('Đây không phải hóa đơn điện tử theo Nghị định 123/2020/NĐ-CP.', 8);
	return pdf.save();
}

/** The receipts of one student (numbers and totals), newest first. */
export async function receiptsOfStudent(db: Database, studentId: string) {
	return db
		.select({ number: t.feeReceipts.number, total: t.feeReceipts.total, paidAt: t.feeReceipts.paidAt, transactionId: t.feeReceipts.transactionId })
		.from(t.feeReceipts)
		.where(eq(t.feeReceipts.studentId, studentId))
		.orderBy(t.feeReceipts.issuedAt);
}
