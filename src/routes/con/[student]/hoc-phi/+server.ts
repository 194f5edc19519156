import { json } from '@sveltejs/kit';
import { requireGuardianOf } from '$lib/server/fees/access';
import { guardianFees } from '$lib/server/fees/guardian';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** FA13–FA14 FA23 FA24: one child's dues (with VietQR, and one code for all), credit held and receipts, for the child's verified guardian only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { child, person } = await requireGuardianOf(locals, params.student);
	return json(await guardianFees(services().db, child.studentId, person.id), { headers: { 'cache-control': 'no-store' } });
};
