import { fail } from '@sveltejs/kit';
import { requireFeeOfficer } from '$lib/server/fees/access';
import { assignCredit, creditsToDecide, importSscPayments, importStatement, openDues, statementGrid } from '$lib/server/fees/reconciliation';
import { receiptKey } from '$lib/server/fees/receipts';
import { studentsOf } from '$lib/server/fees/dues';
import { applySurplus, recordRefund, surplusCredits } from '$lib/server/fees/surplus';
import { MAX_EXCHANGE_BYTES } from '$lib/server/exchange/workbook';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

const NONE: Array<{ line: number; message: string }> = [];

export const load: PageServerLoad = async ({ locals }) => {
	const officer = await requireFeeOfficer(locals);
	const { db } = services();
	const [credits, open, students, surplus] = await Promise.all([
		creditsToDecide(db, officer.school),
		openDues(db, officer.school),
		studentsOf(db, { school: officer.school, year: officer.year }),
		surplusCredits(db, officer.school)
	]);
	const names = new Map(students.map((s) => [s.id, `${s.name} (${s.code}, ${s.className})`]));
	// FA24: an over-payment for one child is decided in its own list (deduct or refund), not assigned by hand.
	const held = new Set(surplus.filter((c) => c.studentId).map((c) => c.id));
	return {
		schoolName: officer.schoolName,
		credits: credits.filter((c) => !held.has(c.id)),
		surplus: surplus
			.filter((c) => c.studentId)
			.map((c) => ({ ...c, student: names.get(c.studentId!) ?? c.studentId!, owing: open.filter((d) => d.studentId === c.studentId).reduce((sum, d) => sum + d.amountOutstanding, 0) })),
		// Choices for assigning a credit: every open due, labelled so a person can recognise it.
		open: open.map((d) => ({ id: d.id, label: `${names.get(d.studentId) ?? d.studentCode} — ${d.itemCode} ${d.period}, còn ${d.amountOutstanding.toLocaleString('vi-VN')} đ (${d.reference})` }))
	};
};

/** FA7 FA18: a bank statement or SSC's payment-status file, reconciled the same way. */
async function importFile(request: Request, locals: App.Locals, kind: 'statement' | 'ssc') {
	const officer = await requireFeeOfficer(locals);
	const file = (await request.formData()).get('statement');
	if (!(file instanceof File) || file.size === 0) return fail(400, { importError: 'Chọn tệp sao kê (.xlsx hoặc .csv).', problems: NONE });
	if (file.size > MAX_EXCHANGE_BYTES) return fail(400, { importError: 'Tệp lớn hơn 10 MB. Xuất sao kê theo từng tháng rồi nhập từng tệp.', problems: NONE });
	const grid = statementGrid(file.name, new Uint8Array(await file.arrayBuffer()));
	if (!grid.ok) return fail(400, { importError: grid.message, problems: NONE });
	const { db, keys } = services();
	const result = await (kind === 'ssc' ? importSscPayments : importStatement)(db, { school: officer.school, year: officer.year }, officer.person.id, file.name, grid.grid, receiptKey(keys.idHashKey));
	if (result.credits === 0 && result.problems.length > 0) return fail(400, { importError: 'Không đọc được giao dịch nào trong tệp.', problems: result.problems.slice(0, 20) });
	return {
		result: {
			fileName: file.name,
			credits: result.credits,
			newCredits: result.newCredits,
			matched: result.matched,
			partial: result.partial.map((p) => ({ ...p.credit, paid: p.amount })),
			over: result.over.map((p) => ({ ...p.credit, paid: p.amount })),
			duplicates: result.duplicates,
			unmatched: result.unmatched,
			problems: result.problems.slice(0, 20),
			receipts: result.receipts.length
		}
	};
}

export const actions: Actions = {
	import: ({ request, locals }) => importFile(request, locals, 'statement'),
	ssc: ({ request, locals }) => importFile(request, locals, 'ssc'),
	/** FA24: what is left of an over-payment deducted from the same child's open dues. */
	applySurplus: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const credit = Number((await request.formData()).get('credit'));
		if (!Number.isSafeInteger(credit) || credit <= 0) return fail(400, { surplusError: 'Chọn giao dịch nộp thừa.' });
		const { db, keys } = services();
		const applied = await applySurplus(db, { school: officer.school, year: officer.year }, officer.person.id, credit, receiptKey(keys.idHashKey));
		if (!applied.ok) return fail(409, { surplusError: applied.message });
		return { message: applied.message };
	},
	/** FA24: the school returned the money (over-payment or a transfer nobody owed); the note says how. */
	refund: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const form = await request.formData();
		const credit = Number(form.get('credit'));
		const note = String(form.get('note') ?? '').trim();
		if (!Number.isSafeInteger(credit) || credit <= 0) return fail(400, { surplusError: 'Chọn giao dịch cần hoàn trả.', credit: String(form.get('credit') ?? ''), note });
		if (note.length < 3) return fail(400, { surplusError: 'Ghi cách đã hoàn trả (ví dụ: chuyển khoản lại cho phụ huynh ngày 20/10, mã GD …).', credit: String(credit), note });
		const refunded = await recordRefund(services().db, { school: officer.school, year: officer.year }, officer.person.id, credit, note);
		if (!refunded.ok) return fail(409, { surplusError: refunded.message, credit: String(credit), note });
		return { message: refunded.message };
	},
	assign: async ({ request, locals }) => {
		const officer = await requireFeeOfficer(locals);
		const form = await request.formData();
		const credit = Number(form.get('credit'));
		const due = Number(form.get('due'));
		if (!Number.isSafeInteger(credit) || !Number.isSafeInteger(due) || due <= 0) return fail(400, { assignError: 'Chọn khoản phải thu để gán giao dịch.' });
		const { db, keys } = services();
		const assigned = await assignCredit(db, { school: officer.school, year: officer.year }, officer.person.id, credit, due, receiptKey(keys.idHashKey));
		if (!assigned.ok) return fail(409, { assignError: assigned.message });
		return { message: assigned.receipt ? `Đã gán giao dịch và lập biên lai ${assigned.receipt}.` : 'Đã gán giao dịch.' };
	}
};
