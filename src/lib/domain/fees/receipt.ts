/**
 * Receipts (biên lai thu) and the data an e-invoice provider needs (fees SPEC FE39–FE43). Pure:
 * the key for verification codes and the school's details are passed in. We never claim to issue
 * legal e-invoices or e-receipts; the record below is what a certified provider's API would take.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256, sha256 } from '@oslojs/crypto/sha2';
import { assertNonNegativeDong, sumDong, type Dong } from './money';

/** FE39: "BL-THCSNGUYENDU-2026-000123": prefix, school code, year, 6-digit sequence (more digits past 999 999). */
export function receiptNumber(schoolCode: string, year: number, sequence: number): string {
	if (!/^[A-Z0-9]{1,20}$/.test(schoolCode)) throw new RangeError(`Mã trường "${schoolCode}" chỉ gồm chữ in hoa không dấu và chữ số.`);
	if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Năm ${year} không hợp lệ.`);
	if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Số thứ tự biên lai phải là số nguyên dương (nhận được ${sequence}).`);
	return `BL-${schoolCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

export interface ReceiptLine {
	itemCode: string;
	name: string;
	period: string;
	amount: Dong;
}

/** The fields a verification code vouches for. */
export interface ReceiptFields {
	receiptNumber: string;
	schoolCode: string;
	studentCode: string;
	payerName: string;
	/** ISO date of payment. */
	paidAt: string;
	total: Dong;
	lines: readonly ReceiptLine[];
	/** The bank's transaction id or the payment reference. */
	bankReference?: string;
}

/** FE40: the canonical text the code is computed over (fixed field order, NFC, lines in order). */
export function canonicalReceipt(f: ReceiptFields): string {
	const parts = [
		'sodiem-receipt-1',
		f.receiptNumber,
		f.schoolCode,
		f.studentCode,
		f.payerName.normalize('NFC').trim(),
		f.paidAt,
		String(f.total),
		f.bankReference ?? '',
		...f.lines.map((l) => [l.itemCode, l.period, String(l.amount)].join(':'))
	];
	return parts.join('\n');
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * FE40: a 16-character code "XXXX-XXXX-XXXX-XXXX" (80 bits) printed on the receipt, so anyone can
 * check it against the school's records: the first 10 bytes of HMAC-SHA256(key, canonical text),
 * or of `secret(bytes)` when a digest function is passed (a server-held key or a KMS). Without a
 * secret it is a plain SHA-256 of the text — only a checksum, not proof; the server passes a key.
 * The total must equal the sum of the lines.
 */
export function verificationCode(fields: ReceiptFields, secret?: Uint8Array | ((message: Uint8Array) => Uint8Array)): string {
	assertNonNegativeDong(fields.total, 'Tổng tiền');
	if (sumDong(fields.lines.map((l) => l.amount)) !== fields.total) throw new RangeError('Tổng tiền biên lai khác tổng các dòng.');
	const message = new TextEncoder().encode(canonicalReceipt(fields));
	// Without a secret: a plain SHA-256, which detects a mistyped receipt but anyone could recompute.
	const digest = secret === undefined ? sha256(message) : typeof secret === 'function' ? secret(message) : hmac(SHA256, secret, message);
	if (digest.length < 10) throw new RangeError('Hàm băm phải trả về ít nhất 10 byte.');
	let bits = 0n;
	for (const byte of digest.slice(0, 10)) bits = (bits << 8n) | BigInt(byte);
	let code = '';
	for (let i = 0; i < 16; i++) {
		code = CODE_ALPHABET[Number(bits & 31n)] + code;
		bits >>= 5n;
	}
	return code.match(/.{4}/g)!.join('-');
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

function readTriple(n: number, full: boolean): string[] {
	const h = Math.floor(n / 100);
	const t = Math.floor((n % 100) / 10);
	const u = n % 10;
	const words: string[] = [];
	if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
	if (t === 0) {
		if (u > 0 && words.length > 0) words.push('lẻ');
	} else if (t === 1) words.push('mười');
	else words.push(DIGITS[t]!, 'mươi');
	if (u > 0) {
		if (u === 1 && t >= 2) words.push('mốt');
		else if (u === 4 && t >= 2) words.push('tư');
		else if (u === 5 && t >= 1) words.push('lăm');
		else words.push(DIGITS[u]!);
	}
	return words;
}

/**
 * FE41: an amount in Vietnamese words for "Số tiền bằng chữ": "Một triệu hai trăm năm mươi nghìn
 * đồng". Groups of three digits; a group after a higher one reads its hundreds ("không trăm"),
 * "lẻ" before a lone unit, "mốt", "tư", "lăm" after tens; empty groups are not read.
 */
export function amountInWords(amount: Dong): string {
	assertNonNegativeDong(amount);
	if (amount === 0) return 'Không đồng';
	const groups: number[] = [];
	for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
	const words: string[] = [];
	for (let i = groups.length - 1; i >= 0; i--) {
		const g = groups[i]!;
		if (g === 0) continue;
		words.push(...readTriple(g, i < groups.length - 1));
		if (SCALES[i]) words.push(SCALES[i]!);
	}
	const text = words.join(' ');
	return `${text[0]!.toUpperCase()}${text.slice(1)} đồng`;
}

/**
 * FE42: what a certified e-invoice / e-receipt provider needs under Decree 123/2020/NĐ-CP, kept
 * with every receipt so one can be plugged in later. School fees are not subject to VAT: every
 * line is "KCT" (không chịu thuế). The provider's own fields start empty.
 */
export interface EInvoiceData {
	seller: { name: string; taxCode: string; address: string; bankAccount?: string; bankName?: string };
	buyer: { name: string; address?: string; taxCode?: string; studentName: string; studentCode: string; className: string };
	/** Ký hiệu mẫu số / ký hiệu hóa đơn, filled by the provider or the accountant. */
	templateCode?: string;
	series?: string;
	currency: 'VND';
	paymentMethod: 'CK' | 'TM' | 'TM/CK';
	lines: { no: number; name: string; period: string; unit: string; quantity: number; unitPrice: Dong; amount: Dong; vatRate: 'KCT' }[];
	totalBeforeVat: Dong;
	vatRate: 'KCT';
	vatAmount: 0;
	total: Dong;
	totalInWords: string;
	bankReference?: string;
	/** ISO date of payment. */
	paidAt: string;
	receiptNumber: string;
	verificationCode: string;
	/** Set by the provider after issuing: its document number, the tax authority's code (mã CQT), links. */
	provider?: { documentNumber?: string; taxAuthorityCode?: string; pdfUrl?: string; xmlUrl?: string };
}

export interface EInvoiceInput {
	school: EInvoiceData['seller'];
	payer: { name: string; address?: string; taxCode?: string };
	student: { name: string; code: string; className: string };
	receipt: ReceiptFields;
	verificationCode: string;
	paymentMethod?: EInvoiceData['paymentMethod'];
}

/** FE42: the e-invoice record for a receipt (each line: quantity 1, unit "khoản", no VAT). */
export function eInvoiceData(input: EInvoiceInput): EInvoiceData {
	const lines = input.receipt.lines.map((l, i) => ({ no: i + 1, name: l.name, period: l.period, unit: 'khoản', quantity: 1, unitPrice: l.amount, amount: l.amount, vatRate: 'KCT' as const }));
	const total = sumDong(lines.map((l) => l.amount));
	if (total !== input.receipt.total) throw new RangeError('Tổng tiền biên lai khác tổng các dòng.');
	const data: EInvoiceData = {
		seller: input.school,
		buyer: { name: input.payer.name, studentName: input.student.name, studentCode: input.student.code, className: input.student.className },
		currency: 'VND',
		paymentMethod: input.paymentMethod ?? 'CK',
		lines,
		totalBeforeVat: total,
		vatRate: 'KCT',
		vatAmount: 0,
		total,
		totalInWords: amountInWords(total),
		paidAt: input.receipt.paidAt,
		receiptNumber: input.receipt.receiptNumber,
		verificationCode: input.verificationCode
	};
	if (input.payer.address) data.buyer.address = input.payer.address;
	if (input.payer.taxCode) data.buyer.taxCode = input.payer.taxCode;
	if (input.receipt.bankReference) data.bankReference = input.receipt.bankReference;
	return data;
}

/** FE43: the required e-invoice fields that are empty, by their Vietnamese names (empty when complete). */
export function missingEInvoiceFields(d: EInvoiceData): string[] {
	const missing: string[] = [];
	if (!d.seller.name.trim()) missing.push('Tên đơn vị bán (trường)');
	if (!/^\d{10}(-\d{3})?$/.test(d.seller.taxCode)) missing.push('Mã số thuế của trường (10 chữ số, hoặc 10-3)');
	if (!d.seller.address.trim()) missing.push('Địa chỉ của trường');
	if (!d.buyer.name.trim()) missing.push('Họ tên người nộp');
	if (!d.buyer.studentName.trim() || !d.buyer.studentCode.trim()) missing.push('Học sinh (họ tên, mã)');
	if (d.lines.length === 0) missing.push('Các khoản thu');
	if (!d.paidAt) missing.push('Ngày thanh toán');
	return missing;
}
