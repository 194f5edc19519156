import { json } from '@sveltejs/kit';
import { exchangeRequest } from '$lib/server/exchange/requests';
import { previewStaffExport } from '$lib/server/exchange/staff-import';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The change preview of an uploaded staff export (exchange SPEC CX15–CX16). Nothing is written. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const { workbook, target } = await exchangeRequest(locals, request, url);
	if (!workbook.ok) return json({ refused: { message: workbook.message, fix: workbook.fix } });
	const { db, keys } = services();
	const result = await previewStaffExport(db, keys, target, workbook.sheets);
	return json(result.ok ? { preview: result.preview } : { refused: { message: result.message, fix: result.fix } }, { headers: { 'cache-control': 'no-store' } });
};
