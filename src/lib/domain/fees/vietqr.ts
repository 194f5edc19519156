/**
 * VietQR payment codes (fees SPEC FE13–FE17): the EMVCo merchant-presented QR payload with the
 * NAPAS template for a transfer to the school's account. Pure: builds and parses the text; the
 * image is drawn elsewhere.
 */
import { assertNonNegativeDong, type Dong } from './money';

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TO_ACCOUNT = 'QRIBFTTA';
export const SERVICE_TO_CARD = 'QRIBFTTC';
export const CURRENCY_VND = '704';
export const COUNTRY_VN = 'VN';
/** FE15: the longest purpose text (62.08) we emit; banks cut longer texts on the statement. */
export const MAX_PURPOSE_LENGTH = 25;

/** FE13: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) of ASCII text, as 4 upper-case hex digits. */
export function crc16(text: string): string {
	let crc = 0xffff;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code > 0x7f) throw new RangeError('Mã VietQR chỉ được chứa ký tự ASCII.');
		crc ^= code << 8;
		for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** FE14: one data object: 2-digit id, 2-digit length (characters), value. */
export function tlv(id: string, value: string): string {
	if (!/^\d{2}$/.test(id)) throw new RangeError(`Mã trường VietQR không hợp lệ: ${id}.`);
	if (value.length > 99) throw new RangeError(`Trường ${id} dài quá 99 ký tự.`);
	return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** FE15: Vietnamese text without diacritics (đ → d, Đ → D); any other non-ASCII character is dropped. */
export function foldToAscii(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.replace(/[^\x20-\x7e]/g, '');
}

/** FE15: the text for field 62.08: folded to ASCII, only letters, digits and single spaces. */
export function purposeText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.replace(/[^A-Za-z0-9]/g, ' ')
		.replace(/ +/g, ' ')
		.trim();
}

export interface VietQrInput {
	/** The beneficiary bank's 6-digit NAPAS BIN, e.g. "970436". */
	bankBin: string;
	/** The school's account number (letters and digits, at most 19). */
	accountNumber: string;
	/** The amount to pay, a positive whole number of đồng. */
	amount: Dong;
	/** What the payment is for; folded to ASCII and shortened so that, with the reference, it fits 25 characters. */
	purpose: string;
	/** The payment reference; always kept whole in the purpose text. */
	reference?: string;
	/** Optional merchant category code (field 52), e.g. "8211" for schools; omitted by default. */
	merchantCategoryCode?: string;
	/** Transfer to an account (default) or to a card number. */
	service?: 'account' | 'card';
}

/** FE15: the purpose text written into 62.08 for `purpose` and `reference`. */
export function buildPurpose(purpose: string, reference?: string): string {
	const text = purposeText(purpose);
	if (!reference) {
		if (text.length > MAX_PURPOSE_LENGTH) return text.slice(0, MAX_PURPOSE_LENGTH).trim();
		return text;
	}
	if (!/^[A-Z0-9]+$/.test(reference) || reference.length > MAX_PURPOSE_LENGTH) throw new RangeError(`Mã thanh toán "${reference}" không hợp lệ.`);
	if (text.replace(/ /g, '').includes(reference)) return text.length <= MAX_PURPOSE_LENGTH ? text : reference;
	const room = MAX_PURPOSE_LENGTH - reference.length - 1;
	const head = room > 0 ? text.slice(0, room).trim() : '';
	return head === '' ? reference : `${head} ${reference}`;
}

/**
 * FE14–FE16: the VietQR payload: 00 "01", 01 "12" (dynamic: one payment with its amount),
 * 38 (00 GUID A000000727, 01 (00 BIN, 01 account), 02 QRIBFTTA), [52 MCC], 53 "704",
 * 54 amount, 58 "VN", 62 (08 purpose), 63 CRC over everything before it including "6304".
 */
export function vietQrPayload(input: VietQrInput): string {
	if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError(`Mã BIN ngân hàng phải gồm 6 chữ số (nhận được "${input.bankBin}").`);
	if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNumber)) throw new RangeError(`Số tài khoản chỉ gồm chữ và số, tối đa 19 ký tự (nhận được "${input.accountNumber}").`);
	assertNonNegativeDong(input.amount, 'Số tiền');
	if (input.amount <= 0) throw new RangeError('Số tiền của mã VietQR động phải lớn hơn 0.');
	if (String(input.amount).length > 13) throw new RangeError('Số tiền quá lớn cho trường 54 (tối đa 13 chữ số).');
	if (input.merchantCategoryCode !== undefined && !/^\d{4}$/.test(input.merchantCategoryCode)) throw new RangeError('Mã ngành (MCC) phải gồm 4 chữ số.');
	const purpose = buildPurpose(input.purpose, input.reference);
	const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNumber);
	const merchant = tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', input.service === 'card' ? SERVICE_TO_CARD : SERVICE_TO_ACCOUNT);
	let payload =
		tlv('00', '01') +
		tlv('01', '12') +
		tlv('38', merchant) +
		(input.merchantCategoryCode ? tlv('52', input.merchantCategoryCode) : '') +
		tlv('53', CURRENCY_VND) +
		tlv('54', String(input.amount)) +
		tlv('58', COUNTRY_VN) +
		(purpose ? tlv('62', tlv('08', purpose)) : '');
	payload += '6304';
	return payload + crc16(payload);
}

/** One data object as read: id, value, in order. */
export interface TlvField {
	id: string;
	value: string;
}

/** FE17: splits TLV text into its data objects; throws on a length that runs past the end. */
export function readTlv(text: string): TlvField[] {
	const fields: TlvField[] = [];
	let i = 0;
	while (i < text.length) {
		const id = text.slice(i, i + 2);
		const lengthText = text.slice(i + 2, i + 4);
		if (!/^\d{2}$/.test(id) || !/^\d{2}$/.test(lengthText)) throw new Error(`Mã VietQR hỏng ở vị trí ${i}: cần mã trường và độ dài 2 chữ số.`);
		const length = Number(lengthText);
		const value = text.slice(i + 4, i + 4 + length);
		if (value.length !== length) throw new Error(`Mã VietQR hỏng: trường ${id} khai báo ${length} ký tự nhưng chỉ còn ${value.length}.`);
		fields.push({ id, value });
		i += 4 + length;
	}
	return fields;
}

export interface ParsedVietQr {
	/** Top-level data objects in order. */
	fields: TlvField[];
	payloadFormat: string | undefined;
	pointOfInitiation: string | undefined;
	guid: string | undefined;
	bankBin: string | undefined;
	accountNumber: string | undefined;
	service: string | undefined;
	merchantCategoryCode: string | undefined;
	currency: string | undefined;
	amount: Dong | undefined;
	country: string | undefined;
	purpose: string | undefined;
	crc: string | undefined;
	/** The CRC recomputed over the text up to and including "6304". */
	expectedCrc: string;
	crcValid: boolean;
}

/** FE17: reads a VietQR payload field by field and re-checks its CRC. */
export function parseVietQr(payload: string): ParsedVietQr {
	const fields = readTlv(payload);
	const get = (list: TlvField[], id: string) => list.find((f) => f.id === id)?.value;
	const merchantText = get(fields, '38');
	const merchant = merchantText ? readTlv(merchantText) : [];
	const beneficiaryText = get(merchant, '01');
	const beneficiary = beneficiaryText ? readTlv(beneficiaryText) : [];
	const additionalText = get(fields, '62');
	const additional = additionalText ? readTlv(additionalText) : [];
	const amountText = get(fields, '54');
	const crcAt = payload.lastIndexOf('6304');
	const expectedCrc = crcAt >= 0 ? crc16(payload.slice(0, crcAt + 4)) : '';
	const crc = get(fields, '63');
	return {
		fields,
		payloadFormat: get(fields, '00'),
		pointOfInitiation: get(fields, '01'),
		guid: get(merchant, '00'),
		bankBin: get(beneficiary, '00'),
		accountNumber: get(beneficiary, '01'),
		service: get(merchant, '02'),
		merchantCategoryCode: get(fields, '52'),
		currency: get(fields, '53'),
		amount: amountText !== undefined && /^\d+$/.test(amountText) ? Number(amountText) : undefined,
		country: get(fields, '58'),
		purpose: get(additional, '08'),
		crc,
		expectedCrc,
		crcValid: crc !== undefined && fields.at(-1)?.id === '63' && crcAt === payload.length - 8 && crc === expectedCrc
	};
}
