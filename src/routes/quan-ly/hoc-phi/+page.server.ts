import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { validateFeeItem, type AmountRule, type FeeItem } from '$lib/domain/fees/items';
import { parseDong } from '$lib/domain/fees/money';
import { requireFeeOfficer } from '$lib/server/fees/access';
import { feeAccountOf } from '$lib/server/fees/account';
import { recentFeeChanges } from '$lib/server/fees/audit';
import { applyGeneration, createItem, itemsOf, planGeneration } from '$lib/server/fees/dues';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** The periods a generation may name: the school year's months, its terms, the whole year (FA5). */
function periodChoices(year: string) {
	const start = Number(year.slice(0, 4));
	const months = [9, 10, 11, 12, 1, 2, 3, 4, 5].map((m) => `${m >= 9 ? start : start + 1}-${String(m).padStart(2, '0')}`);
	return [
		...months.map((m) => ({ key: m, label: `Tháng ${Number(m.slice(5))}/${m.slice(0, 4)}` })),
		{ key: 'hk1', label: 'Học kỳ I' },
		{ key: 'hk2', label: 'Học kỳ II' },
		{ key: 'cn', label: 'Cả năm' }
	];
}

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db } = services();
	const scope = { school: officer.school, year: officer.year };
	const [items, account, recent] = await Promise.all([itemsOf(db, scope), feeAccountOf(db, officer.school), recentFeeChanges(db, officer.school)]);
	return {
		schoolName: officer.schoolName,
		year: officer.year,
		items,
		account,
		periods: periodChoices(officer.year),
		recent
	};
};

const ItemForm = v.object({
	code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{2,12}$/, 'Mã khoản thu gồm 2–12 chữ cái không dấu hoặc chữ số.')),
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'Nhập tên khoản thu.')),
	legalBasis: v.pipe(v.string(), v.trim(), v.minLength(2, 'Nhập căn cứ thu (số quyết định, nghị quyết).')),
	period: v.picklist(['month', 'term', 'year'], 'Chọn kỳ thu.'),
	ruleKind: v.picklist(['fixed', 'per_day', 'by_grade'], 'Chọn cách tính.'),
	amount: v.optional(v.string(), ''),
	grade6: v.optional(v.string(), ''),
	grade7: v.optional(v.string(), ''),
	grade8: v.optional(v.string(), ''),
	grade9: v.optional(v.string(), ''),
	mandatory: v.optional(v.string(), '')
});

export const actions: Actions = {
	createItem: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const values = Object.fromEntries(await request.formData()) as Record<string, string>;
		const parsed = v.safeParse(ItemForm, values);
		if (!parsed.success) return fail(400, { itemError: parsed.issues[0].message, values });
		const f = parsed.output;
		let rule: AmountRule;
		if (f.ruleKind === 'by_grade') {
			const amounts: Record<string, number> = {};
			for (const g of ['6', '7', '8', '9'] as const) {
				const value = f[`grade${g}`];
				if (value.trim() === '') continue;
				const amount = parseDong(value);
				if (amount === null) return fail(400, { itemError: `Số tiền khối ${g} không hợp lệ: "${value}". Nhập số đồng, ví dụ 1.250.000.`, values });
				amounts[g] = amount;
			}
			rule = { kind: 'by_grade', amounts };
		} else {
			const amount = parseDong(f.amount);
			if (amount === null) return fail(400, { itemError: `Số tiền không hợp lệ: "${f.amount}". Nhập số đồng, ví dụ 1.250.000.`, values });
			rule = f.ruleKind === 'fixed' ? { kind: 'fixed', amount } : { kind: 'per_day', amountPerDay: amount };
		}
		const item: FeeItem = { code: f.code, name: f.name, legalBasis: f.legalBasis, period: f.period, rule, mandatory: f.mandatory === 'on' };
		const problems = validateFeeItem(item);
		if (problems.length > 0) return fail(400, { itemError: problems.join(' '), values });
		const created = await createItem(services().db, { school: officer.school, year: officer.year }, officer.person.id, item);
		if (!created.ok) return fail(409, { itemError: created.message, values });
		return { message: `Đã tạo khoản thu ${item.code} — ${item.name}.` };
	},
	preview: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const periods = (await request.formData()).getAll('period').map(String);
		const valid = new Set(periodChoices(officer.year).map((p) => p.key));
		if (periods.length === 0 || periods.some((p) => !valid.has(p))) return fail(400, { generateError: 'Chọn ít nhất một kỳ thu.' });
		const plan = await planGeneration(services().db, { school: officer.school, year: officer.year }, periods);
		return {
			plan: {
				periods,
				totals: plan.totals,
				added: plan.added.length,
				changed: plan.changed.slice(0, 20).map((c) => ({ studentId: c.after.studentId, itemCode: c.after.itemCode, period: c.after.period, before: c.before.amount, after: c.after.amount })),
				changedCount: plan.changed.length,
				cancelled: plan.cancelled.length,
				unchanged: plan.unchanged,
				paidUntouched: plan.paidUntouched,
				exemptionsApplied: plan.exemptionsApplied,
				fingerprint: plan.fingerprint
			}
		};
	},
	generate: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const form = await request.formData();
		const periods = form.getAll('period').map(String);
		const applied = await applyGeneration(services().db, { school: officer.school, year: officer.year }, officer.person.id, periods, String(form.get('fingerprint') ?? ''));
		if (!applied.ok) return fail(409, { generateError: applied.message });
		return { message: `Đã tạo khoản thu: ${applied.added} khoản mới, ${applied.changed} khoản điều chỉnh, ${applied.cancelled} khoản hủy.` };
	}
};
