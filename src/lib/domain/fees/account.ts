/**
 * The school's collection account as typed by the accountant (fees SPEC FE47): what a VietQR
 * code pays into. Pure: reads and checks the form's text, says what is wrong in Vietnamese.
 */
import { foldToAscii, vietQrPayload } from './vietqr';

export interface CollectionAccount {
	bankBin: string;
	bankName: string;
	accountNumber: string;
	/** The name the bank holds for the account, as banking apps show it: upper-case, no diacritics. */
	accountName: string;
	/** 10 digits, or 10-3 for a branch (FE43); empty when not given. */
	taxCode: string;
	address: string;
}

/**
 * Some NAPAS BINs, to name the bank for the accountant (the list NAPAS publishes is longer and
 * changes; a BIN not listed here is accepted with the bank name the accountant types).
 */
export const KNOWN_BANKS: Readonly<Record<string, string>> = {
	'970436': 'Vietcombank',
	'970415': 'VietinBank',
	'970418': 'BIDV',
	'970405': 'Agribank',
	'970407': 'Techcombank',
	'970422': 'MB',
	'970416': 'ACB',
	'970432': 'VPBank',
	'970403': 'Sacombank',
	'970423': 'TPBank',
	'970437': 'HDBank',
	'970441': 'VIB',
	'970443': 'SHB',
	'970448': 'OCB',
	'970440': 'SeABank',
	'970431': 'Eximbank',
	'970426': 'MSB'
};

/** FE47: the account name as a bank shows it: diacritics dropped, upper case, single spaces. */
export function normaliseAccountName(name: string): string {
	return foldToAscii(name).toUpperCase().replace(/\s+/g, ' ').trim();
}

/**
 * FE47: reads the typed account. The BIN is 6 digits; the account number keeps letters and digits
 * only (spaces, dots and dashes people type are dropped) and has 1–19 of them, as VietQR allows;
 * the account name becomes what banks show (`normaliseAccountName`) and must have letters; a known
 * BIN names the bank, another needs the name typed; a tax code is 10 digits or 10-3. Returns the account
 * or every problem.
 */
export function readCollectionAccount(form: Partial<Record<keyof CollectionAccount, string>>): { ok: true; account: CollectionAccount } | { ok: false; problems: string[] } {
	const problems: string[] = [];
	const bankBin = (form.bankBin ?? '').replace(/\s/g, '');
	if (!/^\d{6}$/.test(bankBin)) problems.push('Mã BIN ngân hàng gồm đúng 6 chữ số (ví dụ 970436 của Vietcombank).');
	// A known BIN names its bank: a name left over from the previous account cannot stay by mistake.
	const bankName = KNOWN_BANKS[bankBin] ?? (form.bankName ?? '').trim();
	if (bankName === '') problems.push('Nhập tên ngân hàng (mã BIN này không có trong danh sách quen thuộc).');
	const accountNumber = (form.accountNumber ?? '').replace(/[\s.-]/g, '').toUpperCase();
	if (!/^[A-Z0-9]{1,19}$/.test(accountNumber)) problems.push('Số tài khoản chỉ gồm chữ số (và chữ cái), tối đa 19 ký tự.');
	const accountName = normaliseAccountName(form.accountName ?? '');
	if (!/[A-Z]/.test(accountName) || accountName.length > 70) problems.push('Nhập tên chủ tài khoản đúng như ngân hàng ghi (tối đa 70 ký tự).');
	const taxCode = (form.taxCode ?? '').trim();
	if (taxCode !== '' && !/^\d{10}(-\d{3})?$/.test(taxCode)) problems.push('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số.');
	const address = (form.address ?? '').trim();
	if (problems.length > 0) return { ok: false, problems };
	return { ok: true, account: { bankBin, bankName, accountNumber, accountName, taxCode, address } };
}

/** FE47: a sample payload for the account (10.000 đ, purpose "KIEM TRA TAI KHOAN") for the accountant to scan before families do. */
export function samplePayload(account: Pick<CollectionAccount, 'bankBin' | 'accountNumber'>): string {
	return vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: 10_000, purpose: 'KIEM TRA TAI KHOAN' });
}
