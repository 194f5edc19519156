import { error } from '@sveltejs/kit';
import { seesClassPayments } from '$lib/domain/access/fees';
import { requireViewer } from '$lib/server/access';
import { classStatus, dueFacts } from '$lib/server/fees/reports';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** FA2: a class's payment status for its homeroom teacher (and the fee officers) — paid or not, no exemption reasons. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireViewer(locals);
	if (!seesClassPayments(viewer.grants, params.school, params.year, params.class)) error(403, 'Chỉ giáo viên chủ nhiệm lớp, kế toán và hiệu trưởng xem được tình hình nộp khoản thu của lớp.');
	const facts = await dueFacts(services().db, { school: params.school, year: params.year }, params.class);
	return { classCode: params.class, className: facts[0]?.className ?? params.class, rows: classStatus(facts) };
};
