/**
 * What a guardian sees of one child's fees (SPEC FA13–FA15): the child's dues (never another
 * child's), each open one with its VietQR payload and the QR image rendered on the server, and the
 * child's receipts. The route decides who may ask (isVerifiedGuardianOf) before calling this.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/writer';
import type { Database } from '../../../../drizzle/database';
import * as t from '../../../../drizzle/schema';
import { periodShort } from '../../domain/fees/dues';
import { buildPurpose, vietQrPayload } from '../../domain/fees/vietqr';
import { sumDong } from '../../domain/fees/money';
import { ensureBundle } from './bundles';
import { heldCredit } from './surplus';
import { receiptsOfStudent } from './receipts';

const require = createRequire(import.meta.url);
let prepared = false;

/** The QR code of `text` as a PNG data URL (zxing-wasm's writer, its WebAssembly read from node_modules). */
export async function qrDataUrl(text: string): Promise<string> {
	if (!prepared) {
		const entry = require.resolve('zxing-wasm/writer');
		const wasm = readFileSync(entry.replace(/dist[\\/](cjs|es)[\\/]writer[\\/]index\.js$/, 'dist/writer/zxing_writer.wasm'));
		prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
		prepared = true;
	}
	const result = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', scale: 6, addQuietZones: true });
	if (result.error || !result.image) throw new Error(`QR: ${result.error}`);
	const bytes = new Uint8Array(await result.image.arrayBuffer());
	return `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
}

export interface GuardianDue {
	id: number;
	itemName: string;
	period: string;
	amount: number;
	/** Paid so far (a partial payment); the code asks for the rest. */
	paid: number;
	gross: number;
	reduction: number;
	dueDate: string;
	state: 'open' | 'paid';
	reference: string;
	/** Open dues only: what to pay and where. */
	payment: { payload: string; qr: string; bankName: string; accountNumber: string; accountName: string; purpose: string } | null;
}

/** The purpose text a due's QR carries: the item code and short period ("BANTRU T9"), then the reference (ASCII, ≤ 25). */
export function purposeOf(due: { itemCode: string; period: string }): string {
	return `${due.itemCode} ${periodShort(due.period)}`;
}

/** One code paying every open due of the child (FA23), when there are at least two. */
export interface GuardianBundle {
	reference: string;
	amount: number;
	count: number;
	payment: NonNullable<GuardianDue['payment']>;
}

type Account = typeof t.feeAccounts.$inferSelect;

async function paymentFor(account: Account, amount: number, purpose: string, reference: string): Promise<NonNullable<GuardianDue['payment']>> {
	const payload = vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount, purpose, reference });
	return { payload, qr: await qrDataUrl(payload), bankName: account.bankName, accountNumber: account.accountNumber, accountName: account.accountName, purpose: buildPurpose(purpose, reference) };
}

/**
 * The child's fees as the guardian sees them. With `guardian` (the person asking), two or more
 * payable dues also get one bundle code for the total (FA23); the bundle is made on first sight.
 */
export async function guardianFees(
	db: Database,
	studentId: string,
	guardian?: string
): Promise<{ dues: GuardianDue[]; bundle: GuardianBundle | null; credit: number; receipts: Awaited<ReturnType<typeof receiptsOfStudent>> }> {
	const rows = await db
		.select({ due: t.feeDues, itemName: t.feeItems.name, paid: sql<string>`coalesce((select sum(fa.amount) from fee_allocations fa where fa.due_id = fee_dues.id), 0)` })
		.from(t.feeDues)
		.innerJoin(t.feeItems, and(eq(t.feeItems.schoolId, t.feeDues.schoolId), eq(t.feeItems.year, t.feeDues.year), eq(t.feeItems.code, t.feeDues.itemCode)))
		.where(and(eq(t.feeDues.studentId, studentId), ne(t.feeDues.state, 'cancelled')))
		.orderBy(asc(t.feeDues.dueDate), asc(t.feeDues.itemCode));
	const school = rows[0]?.due.schoolId;
	const [account] = school ? await db.select().from(t.feeAccounts).where(eq(t.feeAccounts.schoolId, school)) : [];
	const dues: GuardianDue[] = [];
	for (const { due, itemName, paid: paidText } of rows) {
		const paid = Number(paidText);
		let payment: GuardianDue['payment'] = null;
		if (due.state === 'open' && due.amount - paid > 0 && account) payment = await paymentFor(account, due.amount - paid, purposeOf(due), due.reference);
		dues.push({
			id: due.id,
			itemName,
			period: due.period,
			amount: due.amount,
			paid,
			gross: due.gross,
			reduction: due.reduction,
			dueDate: due.dueDate,
			state: due.state as 'open' | 'paid',
			reference: due.reference,
			payment
		});
	}
	const payable = dues.filter((d) => d.payment);
	let bundle: GuardianBundle | null = null;
	if (guardian && account && school && payable.length >= 2) {
		const reference = await ensureBundle(db, school, guardian, payable.map((d) => d.id));
		const amount = sumDong(payable.map((d) => d.amount - d.paid));
		bundle = { reference, amount, count: payable.length, payment: await paymentFor(account, amount, `GOP ${payable.length} KHOAN`, reference) };
	}
	return { dues, bundle, credit: await heldCredit(db, studentId), receipts: await receiptsOfStudent(db, studentId) };
}
