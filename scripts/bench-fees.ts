/**
 * `npm run bench:fees` (fees SPEC FE19, FE28): for a generated 1,500-student school (grades 6–9,
 * 40 classes), the time to generate a year of dues (months, terms, year; meals per day attended,
 * optional items with agreements, exemptions), to diff a regeneration, to give every due a payment
 * reference and a VietQR payload; then to read and reconcile a 5,000-line bank statement.
 * Target: generation and reconciliation each under 5 s. Prints figures; asserts nothing.
 */
import { loadavg } from 'node:os';
import { diffDues, generateDues, schoolYearPeriods, totalsByClass, type Agreement, type DueStudent } from '../src/lib/domain/fees/dues';
import type { Exemption, FeeItem } from '../src/lib/domain/fees/items';
import { reconcile, reconcileTotals, type OpenDue } from '../src/lib/domain/fees/reconcile';
import { paymentReference } from '../src/lib/domain/fees/reference';
import { readStatement } from '../src/lib/domain/fees/statement';
import { vietQrPayload } from '../src/lib/domain/fees/vietqr';
import { createRng } from './demo/prng';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 1_500);
const LINES = Number(process.env.BENCH_LINES ?? 5_000);
const rng = createRng(12);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const time = <T>(label: string, f: () => T): T => {
	const t0 = performance.now();
	const value = f();
	console.log(`${label}: ${ms(performance.now() - t0)}`);
	return value;
};

const periods = schoolYearPeriods(2026);
const months = periods.filter((p) => /^\d{4}-\d{2}$/.test(p));
const classCodes = [6, 7, 8, 9].flatMap((g) => Array.from({ length: 10 }, (_, i) => `${g}A${i + 1}`));
const students: (DueStudent & { code: string })[] = Array.from({ length: STUDENTS }, (_, i) => {
	const classCode = classCodes[i % classCodes.length]!;
	return { id: `st-${i}`, code: `79100${String(i).padStart(5, '0')}`, classCode, grade: Number(classCode[0]) };
});
const items: FeeItem[] = [
	{ code: 'HOCPHI', name: 'Học phí', legalBasis: 'Nghị quyết HĐND TP (trường tư thục)', period: 'month', rule: { kind: 'by_grade', amounts: { '6': 300_000, '7': 300_000, '8': 320_000, '9': 320_000 } }, mandatory: true },
	{ code: 'BANTRU', name: 'Tiền ăn bán trú', legalBasis: 'Thỏa thuận với cha mẹ học sinh', period: 'month', rule: { kind: 'per_day', amountPerDay: 35_000, schoolDays: Object.fromEntries(months.map((m) => [m, 20])) }, mandatory: false },
	{ code: 'HOC2BUOI', name: 'Học 2 buổi/ngày', legalBasis: 'Nghị quyết HĐND TP về dịch vụ hỗ trợ giáo dục', period: 'month', rule: { kind: 'fixed', amount: 200_000 }, mandatory: false },
	{ code: 'TIENGANH', name: 'Tiếng Anh tăng cường', legalBasis: 'Nghị quyết HĐND TP về dịch vụ hỗ trợ giáo dục', period: 'term', rule: { kind: 'by_class', amounts: Object.fromEntries(classCodes.map((c) => [c, 450_000])) }, mandatory: false },
	{ code: 'BHYT', name: 'Bảo hiểm y tế học sinh', legalBasis: 'Luật Bảo hiểm y tế', period: 'year', rule: { kind: 'fixed', amount: 884_520 }, mandatory: true }
];
const agreements: Agreement[] = [];
const exemptions: Exemption[] = [];
const attendanceDays = new Map<string, number>();
for (const s of students) {
	for (const code of ['BANTRU', 'HOC2BUOI', 'TIENGANH']) if (rng.chance(0.7)) agreements.push({ studentId: s.id, itemCode: code });
	if (rng.chance(0.05)) for (const code of ['HOCPHI', 'BANTRU', 'BHYT']) exemptions.push({ studentId: s.id, itemCode: code, category: 'Hộ nghèo', percent: rng.pick([50, 70, 100]), evidence: 'GCN hộ nghèo' });
	for (const m of months) attendanceDays.set(`${s.id}:${m}`, rng.int(14, 22));
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ${students.length} students, ${classCodes.length} classes, ${items.length} items, ${periods.length} periods`);
const input = { items, students, periods, agreements, exemptions, attendanceDays };
const dues = time('generate a year of dues', () => generateDues(input));
console.log(`  ${dues.length} dues, ${dues.filter((d) => d.reduction > 0).length} with an exemption`);
time('totals per class', () => totalsByClass(dues, students));
for (const m of months.slice(0, 2)) for (const s of students) if (rng.chance(0.1)) attendanceDays.set(`${s.id}:${m}`, rng.int(10, 22));
const next = generateDues(input);
const diff = time('diff against a regeneration', () => diffDues(dues, next));
console.log(`  ${diff.changed.length} changed, ${diff.unchanged.length} unchanged`);
const refs = time('a payment reference for every due', () => dues.map((_, i) => paymentReference(`due-${i}`)));
time('a VietQR payload for every due', () => dues.map((d, i) => (d.amount > 0 ? vietQrPayload({ bankBin: '970436', accountNumber: '0123456789', amount: d.amount, purpose: `${d.itemCode} ${d.period}`, reference: refs[i] }) : '')));

// A statement of LINES credits: most by reference, some by amount + code, partial, over, duplicate, unknown.
const codeOf = new Map(students.map((s) => [s.id, s.code]));
const open: OpenDue[] = dues.map((d, i) => ({ id: `due-${i}`, reference: refs[i]!, studentCode: codeOf.get(d.studentId)!, amountOutstanding: d.amount }));
const payable = open.filter((d) => d.amountOutstanding > 0);
const grid: string[][] = [['NGÂN HÀNG TMCP — SAO KÊ TÀI KHOẢN'], [], ['STT', 'Ngày GD', 'Số bút toán', 'Số tiền ghi nợ', 'Số tiền ghi có', 'Diễn giải']];
const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
for (let i = 0; i < LINES; i++) {
	const due = payable[(i * 7919) % payable.length]!;
	const kind = rng.weighted([
		['ref', 70],
		['code', 12],
		['partial', 4],
		['over', 3],
		['dup', 5],
		['unknown', 6]
	] as const);
	const id = kind === 'dup' && i > 0 ? `FT${i - 1}` : `FT${i}`;
	const amount = kind === 'partial' ? Math.max(1, Math.floor(due.amountOutstanding / 2)) : kind === 'over' ? due.amountOutstanding + 10_000 : kind === 'unknown' ? rng.int(1, 99) * 10_000 : due.amountOutstanding;
	const description =
		kind === 'code' ? `PH NOP TIEN HS ${due.studentCode}` : kind === 'unknown' ? 'CHUYEN TIEN' : `MBVCB.${i}.${due.reference.slice(0, 7).toLowerCase()} ${due.reference.slice(7)}.NGUYEN VAN AN`;
	grid.push([String(i + 1), `0${(i % 9) + 1}/10/2026 10:${String(i % 60).padStart(2, '0')}:00`, id, '', fmt(amount), description]);
	if (i % 10 === 0) grid.push(['', '05/10/2026', `DB${i}`, '11.000', '', 'Phi SMS']);
}
const statement = time(`read a ${LINES}-line statement`, () => readStatement(grid));
const result = time('reconcile it', () => reconcile({ open, credits: statement.credits, seenTransactionIds: new Set() }));
const totals = reconcileTotals(result);
console.log(
	`  ${statement.credits.length} credits, ${statement.problems.length} problems; matched ${result.matched.length}, partial ${result.partial.length}, over ${result.over.length}, duplicates ${result.duplicates.length}, unmatched ${result.unmatched.length}; conserved: ${totals.credited === statement.credits.reduce((s, c) => s + c.amount, 0)}`
);
const recorded = new Set(statement.credits.map((c) => c.transactionId));
const again = time('re-import the same statement', () => reconcile({ open, credits: statement.credits, seenTransactionIds: recorded }));
console.log(`  duplicates ${again.duplicates.length}, anything else ${again.matched.length + again.partial.length + again.over.length + again.unmatched.length}`);
