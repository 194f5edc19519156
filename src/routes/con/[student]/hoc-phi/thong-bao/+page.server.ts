import { requireGuardianOf } from '$lib/server/fees/access';
import { guardianFees } from '$lib/server/fees/guardian';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** FA15: the printable A5 notice of one child's open dues, with the same QR codes. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { child } = await requireGuardianOf(locals, params.student);
	const fees = await guardianFees(services().db, child.studentId);
	return { child: { name: child.name, className: child.className }, dues: fees.dues.filter((d) => d.state === 'open' && d.payment) };
};
