import { fail } from '@sveltejs/kit';
import { KNOWN_BANKS, readCollectionAccount, samplePayload } from '$lib/domain/fees/account';
import { requireFeeOfficer } from '$lib/server/fees/access';
import { feeAccountOf, saveFeeAccount } from '$lib/server/fees/account';
import { qrDataUrl } from '$lib/server/fees/guardian';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['bankBin', 'bankName', 'accountNumber', 'accountName', 'taxCode', 'address'] as const;

/** The account as checked (FE47) with its sample code, for the accountant to scan before saving. */
async function previewOf(account: Parameters<typeof samplePayload>[0] & { accountName: string; bankName: string }) {
	const payload = samplePayload(account);
	return { payload, qr: await qrDataUrl(payload), accountName: account.accountName, bankName: account.bankName };
}

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const account = await feeAccountOf(services().db, officer.school);
	return {
		schoolName: officer.schoolName,
		account,
		banks: Object.entries(KNOWN_BANKS).map(([bin, name]) => ({ bin, name })),
		current: account ? await previewOf(account) : null
	};
};

function formValues(form: FormData): Record<(typeof FIELDS)[number], string> {
	return Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')])) as Record<(typeof FIELDS)[number], string>;
}

export const actions: Actions = {
	/** FE47: checks what was typed and shows the account as banks will read it, with a sample code; writes nothing. */
	preview: async ({ request, locals }) => {
		await requireFeeOfficer(locals);
		const values = formValues(await request.formData());
		const read = readCollectionAccount(values);
		if (!read.ok) return fail(400, { problems: read.problems, values });
		return { values: { ...values, ...read.account }, preview: await previewOf(read.account) };
	},
	/** FA22: saves the checked account (audited with before and after). */
	save: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const values = formValues(await request.formData());
		const read = readCollectionAccount(values);
		if (!read.ok) return fail(400, { problems: read.problems, values });
		await saveFeeAccount(services().db, officer.school, officer.person.id, read.account);
		return { message: `Đã lưu tài khoản nhận tiền ${read.account.accountNumber} (${read.account.bankName}). Các mã VietQR từ bây giờ trả vào tài khoản này.` };
	}
};
