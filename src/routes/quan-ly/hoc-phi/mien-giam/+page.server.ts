import { fail } from '@sveltejs/kit';
import { formatDay } from '$lib/domain/display/vietnamese-format';
import { isIsoDay } from '$lib/domain/fees/spans';
import { vietnamDate } from '$lib/domain/calendar/vietnam-time';
import { requireFeeOfficer } from '$lib/server/fees/access';
import { endExemption, exemptionsOf, itemsOf, recordExemption, studentsOf } from '$lib/server/fees/dues';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** The first day of next month in Vietnam, the usual day an exemption stops. */
function nextMonthStart(now: Date): string {
	const [year, month] = vietnamDate(now.getTime()).split('-').map(Number) as [number, number];
	return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db } = services();
	const scope = { school: officer.school, year: officer.year };
	const [items, exemptions, students] = await Promise.all([itemsOf(db, scope), exemptionsOf(db, scope), studentsOf(db, scope)]);
	const byId = new Map(students.map((s) => [s.id, s]));
	return {
		schoolName: officer.schoolName,
		year: officer.year,
		items: items.map((i) => ({ code: i.code, name: i.name })),
		defaultEnd: nextMonthStart(services().now()),
		exemptions: exemptions.map((e) => {
			const s = byId.get(e.studentId);
			return { ...e, student: s ? `${s.name} (${s.code}, ${s.className})` : e.studentId };
		})
	};
};

export const actions: Actions = {
	/** FE7 FA1: records an exemption with its category and the evidence seen. */
	record: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const values = Object.fromEntries(await request.formData()) as Record<string, string>;
		const scope = { school: officer.school, year: officer.year };
		const { db } = services();
		const student = (await studentsOf(db, scope)).find((s) => s.code === values.studentCode?.trim());
		if (!student) return fail(400, { recordError: `Không có học sinh mã "${values.studentCode ?? ''}" trong năm học này.`, values });
		const percent = Number(values.percent);
		if (!Number.isInteger(percent) || percent < 1 || percent > 100) return fail(400, { recordError: 'Mức giảm là số nguyên từ 1 đến 100 (%).', values });
		if (!values.category?.trim() || !values.evidence?.trim()) return fail(400, { recordError: 'Nhập diện chính sách và giấy tờ đã xem.', values });
		if (!(await itemsOf(db, scope)).some((i) => i.code === values.itemCode)) return fail(400, { recordError: 'Chọn khoản thu được giảm.', values });
		await recordExemption(db, scope, officer.person.id, { studentId: student.id, itemCode: values.itemCode!, category: values.category.trim(), percent, evidence: values.evidence.trim() });
		return { message: `Đã ghi miễn giảm ${percent}% ${values.itemCode} cho ${student.name}. Tạo khoản thu lại để áp dụng.` };
	},
	/** FA19: ends an exemption from a day, with the reason. */
	end: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const values = Object.fromEntries(await request.formData()) as Record<string, string>;
		const id = Number(values.id);
		const endsFrom = (values.endsFrom ?? '').trim();
		const reason = (values.reason ?? '').trim();
		if (!Number.isSafeInteger(id) || id <= 0) return fail(400, { endError: 'Chọn miễn giảm cần thôi áp dụng.', endId: values.id, values });
		if (!isIsoDay(endsFrom)) return fail(400, { endError: 'Chọn ngày thôi áp dụng.', endId: values.id, values });
		if (reason.length < 3) return fail(400, { endError: 'Nhập lý do thôi miễn giảm (ví dụ: hết hạn giấy chứng nhận hộ nghèo).', endId: values.id, values });
		const ended = await endExemption(services().db, { school: officer.school, year: officer.year }, officer.person.id, { id, endsFrom, reason });
		if (!ended.ok) return fail(409, { endError: ended.message, endId: values.id, values });
		return { message: `Đã thôi miễn giảm từ ngày ${formatDay(endsFrom)}. Tạo khoản thu lại cho các kỳ từ ngày đó để áp dụng.` };
	}
};
