/**
 * The fee officer's remaining pages and the enrolment dates (server SPEC FA19–FA22, domain
 * FE45–FE47) on PostgreSQL and PGlite, through the composed app with the demo school: an exemption
 * ended from a day; a guardian's agreement recorded (who, how, when) and withdrawn; students who
 * came or left during the year billed only for their periods; the collection account edited, with
 * the server deciding who may; a guardian's one code for all open dues (FA23); an over-payment held
 * for the family, deducted from the next due or recorded as refunded (FA24).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../drizzle/schema';
import { DEMO_ACCOUNTANT } from '../../scripts/demo/demo-accountant';
import { parseVietQr } from '../../src/lib/domain/fees/vietqr';
import { feeAccountOf } from '../../src/lib/server/fees/account';
import { guardianFees } from '../../src/lib/server/fees/guardian';
import { receiptKey } from '../../src/lib/server/fees/receipts';
import { importStatement, parseCsv } from '../../src/lib/server/fees/reconciliation';
import { applySurplus, heldCredit, recordRefund, surplusCredits } from '../../src/lib/server/fees/surplus';
import { agreementsOf, applyGeneration, createItem, endExemption, exemptionsOf, planGeneration, recordAgreement, recordExemption, studentsOf, withdrawAgreement, type FeeStudent } from '../../src/lib/server/fees/dues';
import { startComposedApp, type RunningApp } from './helpers/composed-app';

const SCHOOL = 'thcs-nvb';
const YEAR = '2025-2026';
const scope = { school: SCHOOL, year: YEAR };
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01'];

describe.each(['postgres', 'pglite'] as const)('fee pages on %s', (backend) => {
	let running: RunningApp;
	const db = () => running.app.services.db;
	let students: FeeStudent[];
	let teacherId: string;

	const generate = async (periods: string[]) => {
		const plan = await planGeneration(db(), scope, periods);
		const applied = await applyGeneration(db(), scope, DEMO_ACCOUNTANT.id, periods, plan.fingerprint);
		expect(applied.ok).toBe(true);
	};
	const duesOf = async (studentId: string, itemCode: string) =>
		(await db().select().from(t.feeDues).where(and(eq(t.feeDues.studentId, studentId), eq(t.feeDues.itemCode, itemCode)))).sort((a, b) => a.period.localeCompare(b.period));
	const post = async (person: string, path: string, fields: Record<string, string>) => {
		const as = await running.signedIn(person);
		const response = await as(path, {
			method: 'POST',
			headers: { origin: running.formOrigin, 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams(fields).toString()
		});
		return response.text();
	};

	beforeAll(async () => {
		running = await startComposedApp(backend, 'sodiem-fee-pages-', { serveApp: true });
		students = await studentsOf(db(), scope);
		teacherId = (await db().select().from(t.teachingAssignments).where(eq(t.teachingAssignments.classCode, '6a1')))[0]!.personId;
		expect(await createItem(db(), scope, DEMO_ACCOUNTANT.id, { code: 'BANTRU', name: 'Tiền ăn bán trú', legalBasis: 'Nghị quyết mẫu', period: 'month', rule: { kind: 'fixed', amount: 1_000_000 }, mandatory: true })).toEqual({ ok: true });
		expect(await createItem(db(), scope, DEMO_ACCOUNTANT.id, { code: 'TACN', name: 'Tiếng Anh tăng cường', legalBasis: 'Nghị quyết mẫu', period: 'month', rule: { kind: 'fixed', amount: 300_000 }, mandatory: false })).toEqual({ ok: true });
	}, 180_000);

	afterAll(async () => {
		await running?.stop();
	});

	it('FA21 FE45 a student who came in November is not billed for September or October; one who left in October not from November', async () => {
		const [came, left, stayed] = students;
		await db().update(t.enrolments).set({ status: 'chuyen-den', statusDate: '2025-11-10' }).where(and(eq(t.enrolments.studentId, came!.id), eq(t.enrolments.year, YEAR)));
		await db().update(t.enrolments).set({ status: 'chuyen-di', statusDate: '2025-10-15' }).where(and(eq(t.enrolments.studentId, left!.id), eq(t.enrolments.year, YEAR)));
		// A state's date that is not an arrival or a departure (the first import's day) bills the whole year.
		await db().update(t.enrolments).set({ status: 'dang-hoc', statusDate: '2025-12-01' }).where(and(eq(t.enrolments.studentId, stayed!.id), eq(t.enrolments.year, YEAR)));
		await generate(MONTHS);
		expect((await duesOf(came!.id, 'BANTRU')).map((d) => d.period)).toEqual(['2025-11', '2025-12', '2026-01']);
		expect((await duesOf(left!.id, 'BANTRU')).map((d) => d.period)).toEqual(['2025-09', '2025-10']);
		expect((await duesOf(stayed!.id, 'BANTRU')).map((d) => d.period)).toEqual(MONTHS);
		// The arrival date recorded late: the dues generated before it are cancelled, never deleted.
		await db().update(t.enrolments).set({ status: 'chuyen-den', statusDate: '2025-10-01' }).where(and(eq(t.enrolments.studentId, stayed!.id), eq(t.enrolments.year, YEAR)));
		await generate(MONTHS);
		expect((await duesOf(stayed!.id, 'BANTRU')).map((d) => [d.period, d.state])).toEqual([['2025-09', 'cancelled'], ...MONTHS.slice(1).map((m) => [m, 'open'])]);
	});

	it('FA19 FE46 an exemption ended from 1 December keeps September–November reduced and charges December on; audited; ending twice is refused', async () => {
		const s = students[5]!;
		await recordExemption(db(), scope, DEMO_ACCOUNTANT.id, { studentId: s.id, itemCode: 'BANTRU', category: 'Hộ nghèo', percent: 100, evidence: 'GCN hộ nghèo 1/2025' });
		await generate(MONTHS);
		expect((await duesOf(s.id, 'BANTRU')).map((d) => d.amount)).toEqual([0, 0, 0, 0, 0]);
		const [exemption] = (await exemptionsOf(db(), scope)).filter((e) => e.studentId === s.id);
		expect(await endExemption(db(), scope, DEMO_ACCOUNTANT.id, { id: exemption!.id, endsFrom: '2025-12-01', reason: 'Hết hạn giấy chứng nhận' })).toEqual({ ok: true });
		expect((await endExemption(db(), scope, DEMO_ACCOUNTANT.id, { id: exemption!.id, endsFrom: '2026-01-01', reason: 'lần hai' })).ok).toBe(false);
		// Another school's officer cannot end it (the id alone is not enough).
		expect((await endExemption(db(), { school: 'khac', year: YEAR }, DEMO_ACCOUNTANT.id, { id: exemption!.id, endsFrom: '2026-01-01', reason: 'khác' })).ok).toBe(false);
		await generate(MONTHS);
		expect((await duesOf(s.id, 'BANTRU')).map((d) => [d.period, d.amount])).toEqual([
			['2025-09', 0],
			['2025-10', 0],
			['2025-11', 0],
			['2025-12', 1_000_000],
			['2026-01', 1_000_000]
		]);
		const [row] = await db().select().from(t.feeExemptions).where(eq(t.feeExemptions.id, exemption!.id));
		expect(row).toMatchObject({ endsFrom: '2025-12-01', endReason: 'Hết hạn giấy chứng nhận', endedBy: DEMO_ACCOUNTANT.id });
		const audits = await db().select().from(t.feeAudit).where(eq(t.feeAudit.action, 'exemption.end'));
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ personId: DEMO_ACCOUNTANT.id, subject: `${s.id}:BANTRU`, detail: expect.objectContaining({ endsFrom: '2025-12-01', reason: 'Hết hạn giấy chứng nhận' }) });
	});

	it('FA20 FE6 an agreement records who, how and when; withdrawn, the next generation cancels the unpaid optional dues', async () => {
		const s = students[6]!;
		await recordAgreement(db(), scope, DEMO_ACCOUNTANT.id, { studentId: s.id, itemCode: 'TACN', agreedBy: 'Nguyễn Thị Lan, mẹ', method: 'giay', agreedOn: '2025-08-28' });
		expect((await agreementsOf(db(), scope)).find((a) => a.studentId === s.id)).toMatchObject({ itemCode: 'TACN', agreedBy: 'Nguyễn Thị Lan, mẹ', method: 'giay', agreedOn: '2025-08-28', recordedBy: 'Phan Thị Ngọc Hân' });
		await generate(['2025-09', '2025-10']);
		expect((await duesOf(s.id, 'TACN')).map((d) => d.state)).toEqual(['open', 'open']);
		expect(await withdrawAgreement(db(), scope, DEMO_ACCOUNTANT.id, { studentId: s.id, itemCode: 'TACN' })).toEqual({ ok: true });
		expect((await withdrawAgreement(db(), scope, DEMO_ACCOUNTANT.id, { studentId: s.id, itemCode: 'TACN' })).ok).toBe(false);
		expect((await agreementsOf(db(), scope)).some((a) => a.studentId === s.id)).toBe(false);
		await generate(['2025-09', '2025-10']);
		expect((await duesOf(s.id, 'TACN')).map((d) => d.state)).toEqual(['cancelled', 'cancelled']);
		const actions = (await db().select().from(t.feeAudit).where(eq(t.feeAudit.subject, `${s.id}:TACN`))).map((a) => a.action);
		expect(actions).toEqual(['agreement.record', 'agreement.withdraw']);
	});

	it('FA22 FA1 FE47 the account is edited through the page by a fee officer only: bad input refused with the values kept, a good one saved and audited', async () => {
		const fields = { bankBin: '970415', bankName: '', accountNumber: '1122 3344 55', accountName: 'Trường THCS Nguyễn Văn Bé', taxCode: '0309876543', address: 'Quận 7' };
		const before = await feeAccountOf(db(), SCHOOL);
		// A teacher: refused, nothing written.
		expect(await post(teacherId, '/quan-ly/hoc-phi/tai-khoan?/save', fields)).toContain('Chỉ kế toán và hiệu trưởng');
		expect(await feeAccountOf(db(), SCHOOL)).toEqual(before);
		// A wrong BIN: a Vietnamese message, what was typed comes back, nothing written.
		const bad = await post(DEMO_ACCOUNTANT.id, '/quan-ly/hoc-phi/tai-khoan?/save', { ...fields, bankBin: '97041' });
		expect(bad).toContain('Mã BIN ngân hàng gồm đúng 6 chữ số');
		expect(bad).toContain('1122 3344 55');
		expect(await feeAccountOf(db(), SCHOOL)).toEqual(before);
		// The preview shows the name as banks read it and a sample code, and writes nothing.
		const preview = await post(DEMO_ACCOUNTANT.id, '/quan-ly/hoc-phi/tai-khoan?/preview', fields);
		expect(preview).toContain('TRUONG THCS NGUYEN VAN BE');
		expect(preview).toContain('data:image/png;base64');
		expect(await feeAccountOf(db(), SCHOOL)).toEqual(before);
		await post(DEMO_ACCOUNTANT.id, '/quan-ly/hoc-phi/tai-khoan?/save', fields);
		expect(await feeAccountOf(db(), SCHOOL)).toEqual({ bankBin: '970415', bankName: 'VietinBank', accountNumber: '1122334455', accountName: 'TRUONG THCS NGUYEN VAN BE', taxCode: '0309876543', address: 'Quận 7' });
		const [audit] = await db().select().from(t.feeAudit).where(eq(t.feeAudit.action, 'account.update'));
		expect(audit).toMatchObject({ personId: DEMO_ACCOUNTANT.id, detail: { before, after: expect.objectContaining({ accountNumber: '1122334455' }) } });
		// The other new pages refuse a teacher too.
		const asTeacher = await running.signedIn(teacherId);
		for (const page of ['/quan-ly/hoc-phi/mien-giam/__data.json', '/quan-ly/hoc-phi/dang-ky/__data.json', '/quan-ly/hoc-phi/tai-khoan/__data.json']) {
			expect(await (await asTeacher(page)).text(), page).toContain('Chỉ kế toán và hiệu trưởng');
		}
		expect(await post(teacherId, '/quan-ly/hoc-phi/mien-giam?/end', { id: '1', endsFrom: '2026-01-01', reason: 'thử' })).toContain('Chỉ kế toán và hiệu trưởng');
		expect(await post(teacherId, '/quan-ly/hoc-phi/dang-ky?/record', { studentCode: students[0]!.code, itemCode: 'TACN', agreedBy: 'Ai đó', method: 'giay', agreedOn: '2025-09-01' })).toContain('Chỉ kế toán và hiệu trưởng');
	});

	it('FA23 FA24 one code pays every open due; an over-payment is held for the family, deducted from the next due, or refunded', async () => {
		const key = receiptKey(running.app.services.keys.idHashKey);
		const statement = (rows: string[][]) => parseCsv([['Ngày giao dịch', 'Số tiền ghi có', 'Nội dung', 'Mã giao dịch'], ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));
		const links = await db().select().from(t.guardianships).where(eq(t.guardianships.state, 'school_checked'));
		const link = links.find((l) => students.findIndex((s) => s.id === l.studentId) > 6)!;
		const child = link.studentId;
		const open = async () => (await guardianFees(db(), child, link.guardianId)).dues.filter((d) => d.state === 'open');
		expect(await open()).toHaveLength(MONTHS.length);

		// FA23: one code for the five months, the bundle made once (audited once) however often it is asked for.
		const first = await guardianFees(db(), child, link.guardianId);
		expect(first.bundle).toMatchObject({ count: 5, amount: 5_000_000 });
		expect(parseVietQr(first.bundle!.payment.payload)).toMatchObject({ amount: 5_000_000, crcValid: true });
		expect((await guardianFees(db(), child, link.guardianId)).bundle!.reference).toBe(first.bundle!.reference);
		expect(await db().select().from(t.feeAudit).where(eq(t.feeAudit.subject, first.bundle!.reference))).toHaveLength(1);
		// Without the person asking (the printed notice), no bundle is made.
		expect((await guardianFees(db(), child)).bundle).toBeNull();

		// Two months' money to the bundle's reference pays two of its dues; the next code covers the other three.
		const paidTwo = await importStatement(db(), scope, DEMO_ACCOUNTANT.id, 'a.csv', statement([['05/10/2025', '2.000.000', `CK ${first.bundle!.reference}`, 'FTB001']]), key);
		expect(paidTwo.partial).toHaveLength(1);
		expect(await open()).toHaveLength(3);
		const second = await guardianFees(db(), child, link.guardianId);
		expect(second.bundle).toMatchObject({ count: 3, amount: 3_000_000 });
		expect(second.credit).toBe(0);

		// FA24: 1.500.000 for a 1.000.000 due: 500.000 held for the family, shown to the guardian and listed for the accountant.
		const target = (await open())[0]!;
		const over = await importStatement(db(), scope, DEMO_ACCOUNTANT.id, 'b.csv', statement([['06/10/2025', '1.500.000', target.reference, 'FTB002']]), key);
		expect(over.over).toHaveLength(1);
		expect(await heldCredit(db(), child)).toBe(500_000);
		expect((await guardianFees(db(), child, link.guardianId)).credit).toBe(500_000);
		const [held] = (await surplusCredits(db(), SCHOOL)).filter((c) => c.transactionId === 'FTB002');
		expect(held).toMatchObject({ left: 500_000, studentId: child });

		// Deducted from the child's next due (earliest due date): half of it paid, the code asks for the rest.
		const applied = await applySurplus(db(), scope, DEMO_ACCOUNTANT.id, held!.id, key);
		expect(applied).toMatchObject({ ok: true });
		const next = (await open()).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
		expect(next).toMatchObject({ paid: 500_000 });
		expect(parseVietQr(next.payment!.payload).amount).toBe(500_000);
		expect(await heldCredit(db(), child)).toBe(0);
		expect((await surplusCredits(db(), SCHOOL)).some((c) => c.transactionId === 'FTB002')).toBe(false);
		expect((await applySurplus(db(), scope, DEMO_ACCOUNTANT.id, held!.id, key)).ok).toBe(false);

		// Another over-payment, refunded: no longer held, audited with the amount and how.
		await importStatement(db(), scope, DEMO_ACCOUNTANT.id, 'c.csv', statement([['07/10/2025', '1.200.000', next.reference, 'FTB003']]), key);
		expect(await heldCredit(db(), child)).toBe(700_000);
		const [again] = (await surplusCredits(db(), SCHOOL)).filter((c) => c.transactionId === 'FTB003');
		expect(await recordRefund(db(), scope, DEMO_ACCOUNTANT.id, again!.id, 'Chuyển khoản lại ngày 08/10/2025')).toMatchObject({ ok: true });
		expect((await recordRefund(db(), scope, DEMO_ACCOUNTANT.id, again!.id, 'lần hai')).ok).toBe(false);
		expect(await heldCredit(db(), child)).toBe(0);
		const [refund] = await db().select().from(t.feeAudit).where(eq(t.feeAudit.action, 'credit.refund'));
		expect(refund).toMatchObject({ subject: 'FTB003', detail: { amount: 700_000, note: 'Chuyển khoản lại ngày 08/10/2025' } });
	});
});
