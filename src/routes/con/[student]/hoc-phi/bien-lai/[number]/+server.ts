import { error } from '@sveltejs/kit';
import { requireGuardianOf } from '$lib/server/fees/access';
import { receiptOf, receiptPdf } from '$lib/server/fees/receipts';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** FA12: the receipt PDF — only a receipt of this child, for the child's verified guardian. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { child } = await requireGuardianOf(locals, params.student);
	const receipt = await receiptOf(services().db, child.studentId, params.number);
	if (!receipt) error(404, 'Không tìm thấy biên lai này.');
	const pdf = await receiptPdf(receipt);
	return new Response(pdf as BodyInit, {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="bien-lai-${receipt.number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf"`, 'cache-control': 'no-store' }
	});
};
