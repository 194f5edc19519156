import { fail } from '@sveltejs/kit';
import { documentNamePrefix } from '$lib/ydoc/document-name';
import * as v from 'valibot';
import { requireLeader } from '$lib/server/leadership';
import { recordSchoolPageView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import { correctionRequestsOf, decideCorrection } from '$lib/server/grades/corrections';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { formatLocalDateTime, formatStoredMark } from '$lib/domain/display/vietnamese-format';
import type { Actions, PageServerLoad } from './$types';

function ofSchool(school: string) {
	return (document: string) => document.startsWith(documentNamePrefix('gradebook', school));
}

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	// Privacy SPEC PR4: students' data on a page is a view, logged before it is served.
	await recordSchoolPageView(leader, '/quan-ly/yeu-cau-sua-diem', `Yêu cầu sửa điểm toàn trường, năm học ${leader.year}`);
	const { db } = services();
	const requests = await correctionRequestsOf(db, { schools: [leader.school] });
	const describe = await describer(
		db,
		requests.map((r) => r.document),
		requests.flatMap((r) => [...r.cells.map((c) => c.studentId), r.decidedBy ?? ''])
	);
	return {
		requests: requests.map((r) => ({
			id: r.id,
			title: describe.document(r.document),
			teacher: r.personName,
			createdAt: formatLocalDateTime(r.createdAt),
			status: r.status,
			reason: r.reason,
			decidedBy: describe.person(r.decidedBy),
			cells: r.cells.map((c) => ({
				student: describe.person(c.studentId),
				code: describe.studentCode(c.studentId),
				column: columnLabel(c.columnKey),
				oldValue: c.oldValue === null ? null : formatStoredMark(c.oldValue),
				newValue: c.newValue === null ? null : formatStoredMark(c.newValue)
			}))
		}))
	};
};

const Decision = v.object({ id: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), reason: v.optional(v.string(), '') });

async function decide(request: Request, locals: App.Locals, approve: boolean) {
	const leader = await requireLeader(locals);
	const parsed = v.safeParse(Decision, Object.fromEntries(await request.formData()));
	if (!parsed.success) return fail(400, { message: 'Yêu cầu không hợp lệ.' });
	const { db, sync, now } = services();
	const [target] = (await correctionRequestsOf(db, { schools: [leader.school] })).filter((r) => r.id === parsed.output.id);
	if (!target || !ofSchool(leader.school)(target.document)) return fail(404, { message: 'Không tìm thấy yêu cầu này.' });
	const result = await decideCorrection(db, sync, {
		requestId: parsed.output.id,
		approve,
		reason: parsed.output.reason,
		by: { personId: leader.person.id, name: leader.person.fullName },
		now: now()
	});
	if (!result.ok) {
		const messages = {
			'not-found': 'Không tìm thấy yêu cầu này.',
			'already-decided': 'Yêu cầu này đã được xử lý.',
			'reason-required': 'Hãy ghi lý do từ chối để giáo viên biết.'
		};
		return fail(400, { message: messages[result.reason], id: parsed.output.id });
	}
	return { message: approve ? 'Đã duyệt: điểm đã được cập nhật vào sổ.' : 'Đã từ chối yêu cầu.' };
}

export const actions: Actions = {
	approve: ({ request, locals }) => decide(request, locals, true),
	reject: ({ request, locals }) => decide(request, locals, false)
};
