/**
 * Fees without cash (server SPEC FA, src/lib/server/fees/SPEC.md) on PostgreSQL and PGlite, through
 * the composed app with the demo school: items → preview → confirm → a guardian's VietQR → a
 * statement imported (twice: the second changes nothing) → paid, receipt PDF; partial, over,
 * unmatched and assignment; history and audit; who may see what, over real HTTP.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../drizzle/database';
import * as t from '../../drizzle/schema';
import { DEMO_ACCOUNTANT } from '../../scripts/demo/demo-accountant';
import { parseVietQr } from '../../src/lib/domain/fees/vietqr';
import { applyGeneration, createItem, planGeneration, recordAgreement, recordExemption, studentsOf, type FeeStudent } from '../../src/lib/server/fees/dues';
import { guardianFees } from '../../src/lib/server/fees/guardian';
import { assignCredit, creditsToDecide, importSscPayments, importStatement, parseCsv } from '../../src/lib/server/fees/reconciliation';
import { sscDuesCsv } from '../../src/lib/server/fees/ssc-export';
import { issueReceipt, receiptKey, receiptOf, receiptPdf } from '../../src/lib/server/fees/receipts';
import { dueFacts, feeReport } from '../../src/lib/server/fees/reports';
import { recordConsent } from '../../src/lib/server/privacy/consent';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/session';
import { startComposedApp, type RunningApp } from './helpers/composed-app';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const scope = { school: SCHOOL, year: YEAR };
const HEADER = ['Ngày giao dịch', 'Số tiền ghi có', 'Số tiền ghi nợ', 'Nội dung', 'Mã giao dịch'];

function csv(rows: string[][]): string[][] {
	// Through the CSV reader the route uses (FA7), quotes and all.
	return parseCsv([HEADER, ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
}

describe.each(['postgres', 'pglite'] as const)('fees on %s', (backend) => {
	let running: RunningApp;
	const db = () => running.app.services.db;
	const key = () => receiptKey(running.app.services.keys.idHashKey);
	let principalId: string;
	let teacherId: string;
	let child: FeeStudent;
	let exempt: FeeStudent;
	let other: FeeStudent;
	let guardianId: string;
	let otherGuardianId: string;
	let guardianFetch: (path: string) => Promise<Response>;

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-fees-', { serveApp: true });
		principalId = (await db().select().from(t.staffRoles).where(eq(t.staffRoles.role, 'principal')))[0]!.personId;
		teacherId = (await db().select().from(t.teachingAssignments).where(eq(t.teachingAssignments.classCode, '6a1')))[0]!.personId;
		const students = await studentsOf(db(), scope);
		const links = await db().select().from(t.guardianships).where(eq(t.guardianships.state, 'school_checked'));
		// Two verified guardians with one child each, in different families.
		const single = links.filter((l) => links.filter((m) => m.guardianId === l.guardianId).length === 1);
		const first = single[0]!;
		const second = single.find((l) => l.studentId !== first.studentId && l.guardianId !== first.guardianId)!;
		child = students.find((s) => s.id === first.studentId)!;
		other = students.find((s) => s.id === second.studentId)!;
		exempt = students.find((s) => s.id !== child.id && s.id !== other.id && s.classCode === child.classCode)!;
		guardianId = first.guardianId;
		otherGuardianId = second.guardianId;
		const token = generateSessionToken();
		await createSession(db(), token, guardianId, new Date(), { activeRole: 'guardian' });
		await recordConsent(db(), guardianId, new Date());
		guardianFetch = (path) => fetch(`${running.origin}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' });
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('FA4 FA5 items, an exemption and an agreement; preview then confirm; the same plan again changes nothing', async () => {
		expect(await createItem(db(), scope, DEMO_ACCOUNTANT.id, { code: 'BANTRU', name: 'Tiền ăn bán trú', legalBasis: 'Nghị quyết mẫu', period: 'month', rule: { kind: 'fixed', amount: 1_200_000 }, mandatory: true })).toEqual({ ok: true });
		expect(await createItem(db(), scope, DEMO_ACCOUNTANT.id, { code: 'TACN', name: 'Tiếng Anh tăng cường', legalBasis: 'Nghị quyết mẫu', period: 'month', rule: { kind: 'fixed', amount: 300_000 }, mandatory: false })).toEqual({ ok: true });
		// The code is taken: refused, the item unchanged.
		const again = await createItem(db(), scope, DEMO_ACCOUNTANT.id, { code: 'BANTRU', name: 'khác', legalBasis: 'x', period: 'month', rule: { kind: 'fixed', amount: 1 }, mandatory: true });
		expect(again.ok).toBe(false);
		await recordExemption(db(), scope, DEMO_ACCOUNTANT.id, { studentId: exempt.id, itemCode: 'BANTRU', category: 'Hộ nghèo', percent: 50, evidence: 'Giấy chứng nhận hộ nghèo số 1/2025' });
		await recordAgreement(db(), scope, DEMO_ACCOUNTANT.id, { studentId: child.id, itemCode: 'TACN', agreedBy: guardianId });

		const plan = await planGeneration(db(), scope, ['2025-09']);
		const students = await studentsOf(db(), scope);
		// Every student owes BANTRU; only the agreeing student owes the optional TACN.
		expect(plan.added.filter((d) => d.itemCode === 'BANTRU')).toHaveLength(students.length);
		expect(plan.added.filter((d) => d.itemCode === 'TACN').map((d) => d.studentId)).toEqual([child.id]);
		expect(plan.added.find((d) => d.studentId === exempt.id && d.itemCode === 'BANTRU')).toMatchObject({ gross: 1_200_000, reduction: 600_000, amount: 600_000, exemptionCategory: 'Hộ nghèo' });
		expect(plan.exemptionsApplied).toBe(1);
		expect(plan.totals.reduce((s, r) => s + r.amount, 0)).toBe(students.length * 1_200_000 - 600_000 + 300_000);
		expect(await db().select().from(t.feeDues)).toHaveLength(0); // a preview writes nothing

		expect(await applyGeneration(db(), scope, DEMO_ACCOUNTANT.id, ['2025-09'], 'stale')).toMatchObject({ ok: false });
		expect(await applyGeneration(db(), scope, DEMO_ACCOUNTANT.id, ['2025-09'], plan.fingerprint)).toEqual({ ok: true, added: students.length + 1, changed: 0, cancelled: 0 });
		const second = await planGeneration(db(), scope, ['2025-09']);
		expect({ added: second.added.length, changed: second.changed.length, cancelled: second.cancelled.length, unchanged: second.unchanged }).toEqual({ added: 0, changed: 0, cancelled: 0, unchanged: students.length + 1 });
		const history = await db().select().from(t.feeDueHistory);
		expect(history).toHaveLength(students.length + 1);
		expect(new Set(history.map((h) => h.changedBy))).toEqual(new Set([DEMO_ACCOUNTANT.id]));
		const actions = (await db().select().from(t.feeAudit)).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['item.create', 'exemption.record', 'agreement.record', 'dues.generate']));
	});

	it('FA4 FA5 an exemption ended → the next generation adjusts the due: a new version, the old one kept', async () => {
		await db().update(t.feeExemptions).set({ endedAt: new Date() }).where(eq(t.feeExemptions.studentId, exempt.id));
		const plan = await planGeneration(db(), scope, ['2025-09']);
		expect(plan.changed.map((c) => [c.before.amount, c.after.amount])).toEqual([[600_000, 1_200_000]]);
		await applyGeneration(db(), scope, DEMO_ACCOUNTANT.id, ['2025-09'], plan.fingerprint);
		const [due] = await db().select().from(t.feeDues).where(and(eq(t.feeDues.studentId, exempt.id), eq(t.feeDues.itemCode, 'BANTRU')));
		expect(due).toMatchObject({ amount: 1_200_000, version: 2, state: 'open' });
		const versions = await db().select().from(t.feeDueHistory).where(eq(t.feeDueHistory.dueId, due!.id)).orderBy(t.feeDueHistory.version);
		expect(versions.map((v) => [v.version, v.amount, v.reason])).toEqual([
			[1, 600_000, 'generated'],
			[2, 1_200_000, 'adjusted']
		]);
	});

	it('FA3 FA14 the guardian sees the child’s dues with a VietQR payload for the school account, amount and reference', async () => {
		const fees = await guardianFees(db(), child.id);
		expect(fees.dues.map((d) => d.itemName).sort()).toEqual(['Tiếng Anh tăng cường', 'Tiền ăn bán trú']);
		const bantru = fees.dues.find((d) => d.itemName === 'Tiền ăn bán trú')!;
		const qr = parseVietQr(bantru.payment!.payload);
		expect(qr).toMatchObject({ bankBin: '970436', accountNumber: '0123456789', amount: 1_200_000 });
		expect(JSON.stringify(qr)).toContain(bantru.reference);
		expect(bantru.payment!.qr).toMatch(/^data:image\/png;base64,/);

		// Over HTTP, as the guardian: their own child's JSON; another child → 404 and none of its data.
		const own = await guardianFetch(`/con/${child.id}/hoc-phi`);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain(bantru.reference);
		const foreign = await guardianFetch(`/con/${other.id}/hoc-phi`);
		expect(foreign.status).toBe(404);
		const otherRef = (await guardianFees(db(), other.id)).dues[0]!.reference;
		expect(await foreign.text()).not.toContain(otherRef);
	});

	it('FA6 FA8 FA11 a statement pays by reference; imported twice, the second import changes nothing', async () => {
		const dues = await db().select().from(t.feeDues).where(inArray(t.feeDues.studentId, [child.id, other.id]));
		const childBantru = dues.find((d) => d.studentId === child.id && d.itemCode === 'BANTRU')!;
		const childTacn = dues.find((d) => d.studentId === child.id && d.itemCode === 'TACN')!;
		const otherBantru = dues.find((d) => d.studentId === other.id && d.itemCode === 'BANTRU')!;
		const grid = csv([
			['2025-09-10', '1.200.000', '', `CT DEN:123 ${childBantru.reference.toLowerCase()} BANTRU`, 'FT001'],
			['2025-09-10', '', '50.000', 'Phi dich vu', 'FT002'],
			['2025-09-11', '100.000', '', `TACN ${childTacn.reference}`, 'FT003'],
			['2025-09-11', '1.500.000', '', `nop tien ${otherBantru.reference}`, 'FT004'],
			['2025-09-12', '777.000', '', 'ung ho quy lop', 'FT005']
		]);
		const first = await importStatement(db(), scope, DEMO_ACCOUNTANT.id, 'sao-ke.csv', grid, key());
		expect(first.credits).toBe(4); // the debit is ignored
		expect(first.matched).toBe(1);
		expect(first.partial.map((p) => p.credit.transactionId)).toEqual(['FT003']);
		expect(first.over.map((p) => p.credit.transactionId)).toEqual(['FT004']);
		expect(first.unmatched.map((c) => c.transactionId)).toEqual(['FT005']);
		expect(first.receipts).toHaveLength(3);

		const state = async () => ({
			dues: (await db().select({ id: t.feeDues.id, state: t.feeDues.state, version: t.feeDues.version }).from(t.feeDues).orderBy(t.feeDues.id)).map((d) => `${d.id}:${d.state}:${d.version}`),
			allocations: (await db().select().from(t.feeAllocations)).length,
			receipts: (await db().select().from(t.feeReceipts)).length,
			transactions: (await db().select().from(t.bankTransactions)).length
		});
		const before = await state();
		const second = await importStatement(db(), scope, DEMO_ACCOUNTANT.id, 'sao-ke.csv', grid, key());
		expect(second.duplicates).toHaveLength(4);
		expect(second.matched + second.partial.length + second.over.length + second.unmatched.length).toBe(0);
		expect(await state()).toEqual(before);

		const [paid] = await db().select().from(t.feeDues).where(eq(t.feeDues.id, childBantru.id));
		expect(paid!.state).toBe('paid');
		const [tacn] = await db().select().from(t.feeDues).where(eq(t.feeDues.id, childTacn.id));
		expect(tacn!.state).toBe('open'); // 100.000 of 300.000
		expect((await guardianFees(db(), child.id)).dues.find((d) => d.id === childBantru.id)!.state).toBe('paid');
		expect((await db().select().from(t.feeStatementImports)).map((i) => [i.credits, i.newCredits])).toEqual([
			[4, 4],
			[4, 0]
		]);
	});

	it('FA10 a person assigns the unmatched credit; a spent credit is refused', async () => {
		const waiting = await creditsToDecide(db(), SCHOOL);
		const unmatched = waiting.find((c) => c.transactionId === 'FT005')!;
		expect(unmatched.left).toBe(777_000);
		const [due] = await db().select().from(t.feeDues).where(and(eq(t.feeDues.studentId, exempt.id), eq(t.feeDues.itemCode, 'BANTRU')));
		const assigned = await assignCredit(db(), scope, DEMO_ACCOUNTANT.id, unmatched.id, due!.id, key());
		expect(assigned).toMatchObject({ ok: true });
		expect((await assignCredit(db(), scope, DEMO_ACCOUNTANT.id, unmatched.id, due!.id, key())).ok).toBe(false);
		const allocations = await db().select().from(t.feeAllocations).where(eq(t.feeAllocations.dueId, due!.id));
		expect(allocations.map((a) => [a.amount, a.how, a.allocatedBy])).toEqual([[777_000, 'person', DEMO_ACCOUNTANT.id]]);
		expect((await db().select().from(t.feeAudit).where(eq(t.feeAudit.action, 'credit.assign'))).length).toBe(1);
	});

	it('FA18 SSC: the open dues exported in the adapter\'s layout; SSC\'s payment status imported once, the second time a duplicate', async () => {
		const open = await db().select().from(t.feeDues).where(and(eq(t.feeDues.schoolId, SCHOOL), eq(t.feeDues.state, 'open'), eq(t.feeDues.itemCode, 'BANTRU')));
		const due = open.find((d) => d.studentId !== exempt.id); // nothing allocated to it yet
		const exported = parseCsv((await sscDuesCsv(db(), scope)).replace(/^\uFEFF/, ''));
		expect(exported[0]).toContain('Mã thanh toán');
		expect(exported.some((row) => row.includes(due!.reference))).toBe(true);
		expect(exported.some((row) => row.includes(child.code) && row.includes('BANTRU'))).toBe(false); // paid, not exported
		const grid = [
			['Mã thanh toán', 'Số tiền đã nộp', 'Ngày nộp'],
			[due!.reference, String(due!.amount), '2025-09-20']
		];
		const first = await importSscPayments(db(), scope, DEMO_ACCOUNTANT.id, 'ssc.csv', grid, key());
		expect(first.matched).toBe(1);
		const [paid] = await db().select().from(t.feeDues).where(eq(t.feeDues.id, due!.id));
		expect(paid!.state).toBe('paid');
		const second = await importSscPayments(db(), scope, DEMO_ACCOUNTANT.id, 'ssc.csv', grid, key());
		expect(second.duplicates).toHaveLength(1);
		expect((await db().select().from(t.bankTransactions).where(eq(t.bankTransactions.source, 'ssc'))).length).toBe(1);
	});

	it('FA11 FA12 the receipt: verification code, PDF with the school, payer and "not an e-invoice"; the guardian downloads it, another guardian cannot', async () => {
		const [receipt] = await db().select().from(t.feeReceipts).where(eq(t.feeReceipts.studentId, child.id)).orderBy(t.feeReceipts.id);
		expect(receipt!.verificationCode.length).toBeGreaterThan(5);
		expect(receipt!.einvoiceNumber).toBeNull();
		const view = (await receiptOf(db(), child.id, receipt!.number))!;
		expect(view.lines).toEqual([{ itemCode: 'BANTRU', name: 'Tiền ăn bán trú', period: '2025-09', amount: 1_200_000 }]);
		expect(await receiptOf(db(), other.id, receipt!.number)).toBeNull();
		const pdf = await receiptPdf(view);
		expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
		const download = await guardianFetch(`/con/${child.id}/hoc-phi/bien-lai/${receipt!.number}`);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		const token = generateSessionToken();
		await createSession(db(), token, otherGuardianId, new Date(), { activeRole: 'guardian' });
		await recordConsent(db(), otherGuardianId, new Date());
		const stranger = await fetch(`${running.origin}/con/${child.id}/hoc-phi/bien-lai/${receipt!.number}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' });
		expect(stranger.status).toBe(404);
	});

	it('FA16 reports: collected and outstanding per item and class; overdue families', async () => {
		const facts = await dueFacts(db(), scope);
		const report = feeReport(facts, '2025-12-01');
		const total = facts.reduce((s, f) => s + f.amount, 0);
		const item = report.byItem.find((r) => r.key === 'BANTRU')!;
		expect(item.collected).toBe(1_200_000 + 1_200_000 + 777_000 + 1_200_000); // FT001, FT004's part, the assignment, SSC
		expect(report.byItem.reduce((s, r) => s + r.due, 0)).toBe(total);
		expect(report.byClass.reduce((s, r) => s + r.outstanding, 0)).toBe(report.byItem.reduce((s, r) => s + r.outstanding, 0));
		expect(report.overdue.some((r) => r.studentCode === child.code)).toBe(true); // TACN still partly open
		// The items as the accountant reads them: "Tiếng Anh tăng cường tháng 9/2025", not the period key.
		expect(report.overdue.find((r) => r.studentCode === child.code)!.items).toContain('Tiếng Anh tăng cường tháng 9/2025');
		expect(report.overdue.some((r) => r.studentCode === other.code)).toBe(false);
	});

	it('FA11 two imports issuing receipts at the same moment number them in turn: the second waits for the first, no clash, no gap', async () => {
		const [credit] = await db().select().from(t.bankTransactions).where(eq(t.bankTransactions.schoolId, SCHOOL)).limit(1);
		const [due] = await db().select().from(t.feeDues).where(eq(t.feeDues.studentId, child.id)).limit(1);
		const paid = [{ due: { id: String(due!.id), studentId: due!.studentId, itemCode: due!.itemCode, period: due!.period }, amount: 1 }];
		const existing = (await db().select({ number: t.feeReceipts.number }).from(t.feeReceipts).where(eq(t.feeReceipts.schoolId, SCHOOL))).length;
		// The first import has issued its receipt and is still open when the second issues one.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let issuedFirst!: (n: string) => void;
		const firstIssued = new Promise<string>((resolve) => (issuedFirst = resolve));
		const first = db().transaction(async (tx) => {
			const number = await issueReceipt(tx as unknown as Database, scope, credit!, paid, key());
			issuedFirst(number);
			await held;
			return number;
		});
		await firstIssued;
		const second = db().transaction(async (tx) => issueReceipt(tx as unknown as Database, scope, credit!, paid, key()));
		await new Promise((resolve) => setTimeout(resolve, 300));
		release();
		const numbers = await Promise.all([first, second]);
		const expected = (n: number) => `BL-THCSNVB-2025-${String(n).padStart(6, '0')}`;
		expect(numbers).toEqual([expected(existing + 1), expected(existing + 2)]);
		// These two were only for numbering: gone, so the counts below stay those of the imports.
		await db().delete(t.feeReceipts).where(inArray(t.feeReceipts.number, numbers));
	});

	it('FA1 FA2 who may open the fee pages: the accountant and principal yes, a teacher no; a homeroom teacher sees their class only, without exemption reasons', async () => {
		// A page's data answers 200 with the error inside (SvelteKit); the download answers with the status.
		const REFUSED = 'Chỉ kế toán và hiệu trưởng mới dùng được trang học phí, khoản thu.';
		for (const [person, allowed] of [
			[DEMO_ACCOUNTANT.id, true],
			[principalId, true],
			[teacherId, false]
		] as const) {
			const as = await running.signedIn(person);
			for (const page of ['/quan-ly/hoc-phi/__data.json', '/quan-ly/hoc-phi/doi-soat/__data.json', '/quan-ly/hoc-phi/bao-cao/__data.json']) {
				const body = await (await as(page)).text();
				expect(body.includes(REFUSED), `${person} ${page}`).toBe(!allowed);
				expect(body.includes('BANTRU'), `${person} ${page}`).toBe(allowed);
			}
			expect((await as('/quan-ly/hoc-phi/bao-cao.xlsx')).status, person).toBe(allowed ? 200 : 403);
		}
		// A full exemption in the class: its due (amount 0) is on the page, its category is not.
		const veteranChild = (await studentsOf(db(), scope)).find((s) => s.classCode === exempt.classCode && ![child.id, exempt.id, other.id].includes(s.id))!;
		await recordExemption(db(), scope, DEMO_ACCOUNTANT.id, { studentId: veteranChild.id, itemCode: 'BANTRU', category: 'Con thương binh', percent: 100, evidence: 'Giấy xác nhận số 7' });
		const plan = await planGeneration(db(), scope, ['2025-09']);
		expect(plan.changed.map((c) => c.after)).toEqual([expect.objectContaining({ studentId: veteranChild.id, amount: 0, exemptionCategory: 'Con thương binh' })]);
		await applyGeneration(db(), scope, DEMO_ACCOUNTANT.id, ['2025-09'], plan.fingerprint);
		const [homeroom] = await db().select().from(t.homeroomAssignments).where(eq(t.homeroomAssignments.classCode, exempt.classCode));
		const asHomeroom = await running.signedIn(homeroom!.personId);
		// The home page links this year's class's payments, not last year's class of the same name.
		await db().insert(t.homeroomAssignments).values({ schoolId: SCHOOL, year: '2024-2025', classCode: exempt.classCode, personId: homeroom!.personId });
		const home = await (await asHomeroom('/__data.json')).text();
		expect(home).toContain(`/lop/${SCHOOL}/${YEAR}/${exempt.classCode}/hoc-phi`);
		expect(home).not.toContain(`/lop/${SCHOOL}/2024-2025/${exempt.classCode}/hoc-phi`);
		await db().delete(t.homeroomAssignments).where(and(eq(t.homeroomAssignments.year, '2024-2025'), eq(t.homeroomAssignments.personId, homeroom!.personId)));
		const page = await asHomeroom(`/lop/${SCHOOL}/${YEAR}/${exempt.classCode}/hoc-phi/__data.json`);
		expect(page.status).toBe(200);
		const text = await page.text();
		expect(text).toContain(veteranChild.name);
		expect(text).not.toContain('Con thương binh');
		expect(text).not.toContain('Giấy xác nhận');
		const otherClass = (await db().select().from(t.classes).where(eq(t.classes.schoolId, SCHOOL))).find((c) => c.code !== exempt.classCode)!;
		const refused = await (await asHomeroom(`/lop/${SCHOOL}/${YEAR}/${otherClass.code}/hoc-phi/__data.json`)).text();
		expect(refused).toContain('Chỉ giáo viên chủ nhiệm lớp');
		expect(refused).not.toContain('BANTRU');
	});
});
