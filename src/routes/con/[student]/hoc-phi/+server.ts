import { json } from '@sveltejs/kit';
import { requireGuardianOf } from '$lib/server/fees/access';
import { guardianFees } from '$lib/server/fees/guardian';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** FA13–FA14: one child's dues (with VietQR) and receipts, for the child's verified guardian only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { child } = await requireGuardianOf(locals, params.student);
	return json(await guardianFees(services().db, child.studentId), { headers: { 'cache-control': 'no-store' } });
};
