import { fail } from '@sveltejs/kit';
import { isIsoDay } from '$lib/domain/fees/spans';
import { vietnamDate } from '$lib/domain/calendar/vietnam-time';
import { requireFeeOfficer } from '$lib/server/fees/access';
import { AGREEMENT_METHODS, agreementsOf, itemsOf, recordAgreement, studentsOf, withdrawAgreement, type AgreementMethod } from '$lib/server/fees/dues';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** Today in Vietnam, by the app's clock. */
const today = () => vietnamDate(services().now().getTime());

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db } = services();
	const scope = { school: officer.school, year: officer.year };
	const [items, agreements, students] = await Promise.all([itemsOf(db, scope), agreementsOf(db, scope), studentsOf(db, scope)]);
	const byId = new Map(students.map((s) => [s.id, s]));
	return {
		schoolName: officer.schoolName,
		year: officer.year,
		today: today(),
		methods: Object.entries(AGREEMENT_METHODS).map(([value, label]) => ({ value, label })),
		optional: items.filter((i) => !i.mandatory).map((i) => ({ code: i.code, name: i.name })),
		agreements: agreements.map((a) => {
			const s = byId.get(a.studentId);
			return { ...a, student: s ? `${s.name} (${s.code}, ${s.className})` : a.studentId, method: a.method ? AGREEMENT_METHODS[a.method as AgreementMethod] : null };
		})
	};
};

export const actions: Actions = {
	/** FE6 FA20: records who agreed, how and on which day; the next generation charges the item. */
	record: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const values = Object.fromEntries(await request.formData()) as Record<string, string>;
		const scope = { school: officer.school, year: officer.year };
		const { db } = services();
		const student = (await studentsOf(db, scope)).find((s) => s.code === values.studentCode?.trim());
		if (!student) return fail(400, { recordError: `Không có học sinh mã "${values.studentCode ?? ''}" trong năm học này.`, values });
		const item = (await itemsOf(db, scope)).find((i) => i.code === values.itemCode);
		if (!item || item.mandatory) return fail(400, { recordError: 'Chọn một khoản thu tự nguyện.', values });
		const agreedBy = (values.agreedBy ?? '').trim();
		if (agreedBy.length < 3) return fail(400, { recordError: 'Nhập họ tên và quan hệ của người đồng ý (ví dụ: Nguyễn Thị Lan, mẹ).', values });
		if (!(values.method && values.method in AGREEMENT_METHODS)) return fail(400, { recordError: 'Chọn hình thức đồng ý.', values });
		const agreedOn = (values.agreedOn ?? '').trim();
		if (!isIsoDay(agreedOn) || agreedOn > today()) return fail(400, { recordError: 'Ngày đồng ý phải là một ngày đã qua hoặc hôm nay.', values });
		await recordAgreement(db, scope, officer.person.id, { studentId: student.id, itemCode: item.code, agreedBy, method: values.method as AgreementMethod, agreedOn });
		return { message: `Đã ghi ${agreedBy} đồng ý khoản ${item.code} cho ${student.name}. Tạo khoản thu lại để thu khoản này.` };
	},
	/** FA20: the guardian withdraws; later generations no longer charge it (dues already paid stay). */
	withdraw: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const form = await request.formData();
		const withdrawn = await withdrawAgreement(services().db, { school: officer.school, year: officer.year }, officer.person.id, { studentId: String(form.get('studentId') ?? ''), itemCode: String(form.get('itemCode') ?? '') });
		if (!withdrawn.ok) return fail(409, { withdrawError: withdrawn.message });
		return { message: 'Đã ghi rút đăng ký. Tạo khoản thu lại: các khoản chưa thu của khoản này sẽ bị hủy.' };
	}
};
