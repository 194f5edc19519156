import { error, fail } from '@sveltejs/kit';
import { nextSteps, type CheckMethod, type VerificationStep } from '$lib/domain/guardianship/verification';
import { compareQr, linkDetail, takeStep } from '$lib/server/guardianship/verification-desk';
import { requireLeader } from '$lib/server/leadership';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const leader = await requireLeader(locals);
	const { db, keys } = services();
	const detail = await linkDetail(db, keys, leader.school, leader.year, { guardianId: params.guardian, studentId: params.student });
	if (!detail) error(404, 'Không tìm thấy liên kết phụ huynh – học sinh này ở trường.');
	// Privacy SPEC PR4: the desk shows this student's and this guardian's identity data.
	await recordView(leader, {
		kind: 'page',
		target: `/quan-ly/xac-minh-phu-huynh/${params.guardian}/${params.student}`,
		what: 'Bàn xác minh phụ huynh — hồ sơ một liên kết phụ huynh – học sinh',
		scopes: [{ kind: 'student', school: leader.school, year: leader.year, student: params.student }]
	});
	return { detail, steps: nextSteps(detail.state) };
};

const text = (form: FormData, name: string, max = 2000) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
};

const METHODS: readonly CheckMethod[] = ['qr', 'sight', 'vneid'];

/** Runs one desk step; a refusal keeps the comparison (if any) so it stays on screen. */
async function step(locals: App.Locals, params: { guardian: string; student: string }, make: (form: FormData) => VerificationStep | null, form: FormData) {
	const leader = await requireLeader(locals);
	const built = make(form);
	if (!built) return fail(400, { error: 'Yêu cầu không hợp lệ.' });
	const { db, keys, sync, now } = services();
	const result = await takeStep(db, keys, sync, {
		schoolId: leader.school,
		year: leader.year,
		actorId: leader.person.id,
		now: now(),
		link: { guardianId: params.guardian, studentId: params.student },
		step: built,
		qrText: text(form, 'qrText')
	});
	return result.ok ? { message: result.message } : fail(400, { error: result.message, comparison: result.comparison ?? null });
}

export const actions: Actions = {
	/** GV7: compare only; nothing is recorded and the QR text is not kept. */
	'doi-chieu': async ({ locals, params, request }) => {
		const leader = await requireLeader(locals);
		const form = await request.formData();
		const { db, keys, now } = services();
		const detail = await linkDetail(db, keys, leader.school, leader.year, { guardianId: params.guardian, studentId: params.student });
		if (!detail) error(404, 'Không tìm thấy liên kết.');
		const compared = compareQr(detail, text(form, 'qrText'), now());
		if (!compared.ok) return fail(400, { error: compared.message, qrText: text(form, 'qrText') });
		return { comparison: compared.fields, allMatch: compared.allMatch, qrText: text(form, 'qrText') };
	},
	'kiem-tra': async ({ locals, params, request }) =>
		step(
			locals,
			params,
			(form) => {
				const method = text(form, 'method') as CheckMethod;
				if (!METHODS.includes(method)) return null;
				const evidence = method === 'qr' ? 'Mã QR trên căn cước khớp số định danh, họ tên, ngày sinh' : method === 'vneid' ? 'Đăng nhập VNeID với số định danh đã khai báo' : text(form, 'evidence');
				return { kind: 'school_check', method, evidence };
			},
			await request.formData()
		),
	'bo-sung': async ({ locals, params, request }) => step(locals, params, (form) => ({ kind: 'ask_more_info', reason: text(form, 'reason') }), await request.formData()),
	'tu-choi': async ({ locals, params, request }) => step(locals, params, (form) => ({ kind: 'reject', reason: text(form, 'reason') }), await request.formData()),
	'thu-hoi': async ({ locals, params, request }) => step(locals, params, (form) => ({ kind: 'revoke', reason: text(form, 'reason') }), await request.formData())
};
