import { error, json } from '@sveltejs/kit';
import { exchangeRequest } from '$lib/server/exchange/requests';
import { commitStaffExport, recordStaffImportFailure } from '$lib/server/exchange/staff-import';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Applies the staff changes a leader selected and confirmed (exchange SPEC CX17–CX18): a form with
 * the file (`tep`) and the selected changes (`chon`, the preview's ids). One transaction; every
 * attempt, an unreadable file included, is recorded for the status section (CX10).
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const form = await request.formData().catch(() => error(400, 'Yêu cầu không hợp lệ.'));
	const file = form.get('tep');
	if (!(file instanceof File)) error(400, 'Thiếu tệp.');
	const selected = new Set(form.getAll('chon').filter((v): v is string => typeof v === 'string' && /^(d\d{1,6}|p[\w.:-]{1,120})$/.test(v)));
	const { leader, workbook, target } = await exchangeRequest(locals, request, url, new Uint8Array(await file.arrayBuffer()));
	const { db, keys, sync } = services();
	if (!workbook.ok) {
		await recordStaffImportFailure(db, target, workbook.message);
		return json({ ok: false, message: workbook.message, fix: workbook.fix }, { status: 400 });
	}
	const result = await commitStaffExport(db, sync, keys, target, workbook.sheets, selected);
	console.info(`[csdl] staff import by ${leader.person.id} at ${leader.school}: ${result.ok ? `applied ${result.applied}, skipped ${result.skipped}` : 'refused'}`);
	return json(result, { status: result.ok ? 200 : 422 });
};
