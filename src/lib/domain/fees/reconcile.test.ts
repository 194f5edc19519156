import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile, reconcileTotals, type OpenDue, type ReconcileResult } from './reconcile';
import { paymentReference } from './reference';
import type { Credit } from './statement';

const ref = (id: string) => paymentReference(id);
const open: OpenDue[] = [
	{ id: 'd1', reference: ref('d1'), studentCode: '7910000001', amountOutstanding: 700_000 },
	{ id: 'd2', reference: ref('d2'), studentCode: '7910000001', amountOutstanding: 884_520, bundles: [ref('b1')] },
	{ id: 'd3', reference: ref('d3'), studentCode: '7910000002', amountOutstanding: 450_000, bundles: [ref('b1')] },
	{ id: 'd4', reference: ref('d4'), studentCode: '7910000003', amountOutstanding: 300_000 },
	{ id: 'd5', reference: ref('d5'), studentCode: '7910000003', amountOutstanding: 300_000 },
	{ id: 'd6', reference: ref('d6'), studentCode: '7910000004', amountOutstanding: 0 }
];
let n = 0;
const credit = (amount: number, description: string, transactionId = `T${++n}`): Credit => ({ transactionId, bookedAt: '2026-10-01', amount, description, line: n + 1 });
const none = new Set<string>();

function placements(r: ReconcileResult): string[] {
	return [
		...r.matched.map((m) => m.credit.transactionId),
		...r.partial.map((m) => m.credit.transactionId),
		...r.over.map((m) => m.credit.transactionId),
		...r.duplicates.map((c) => c.transactionId),
		...r.unmatched.map((c) => c.transactionId)
	];
}

describe('reconciliation', () => {
	it('FE29 matches an exact payment by its reference, even mangled by the bank', () => {
		const r = ref('d1');
		const c = credit(700_000, `MBVCB.1234.${r.slice(0, 6).toLowerCase()}-${r.slice(6)}.NGUYEN VAN AN CHUYEN TIEN`);
		const result = reconcile({ open, credits: [c], seenTransactionIds: none });
		expect(result.matched).toEqual([{ credit: c, dueIds: ['d1'], amount: 700_000, allocations: [{ dueId: 'd1', amount: 700_000 }], by: 'reference' }]);
	});

	it('FE29 a bundle reference pays every due of the bundle', () => {
		const c = credit(884_520 + 450_000, `BANTRU BHYT ${ref('b1')}`);
		const result = reconcile({ open, credits: [c], seenTransactionIds: none });
		expect(result.matched[0]).toMatchObject({ dueIds: ['d2', 'd3'], amount: 1_334_520 });
	});

	it('FE29 a due in two bundles (an older one and one made after a new month) is paid by either reference', () => {
		const dues: OpenDue[] = [
			{ id: 'a', reference: ref('a'), studentCode: '7910000009', amountOutstanding: 100_000, bundles: [ref('old'), ref('new')] },
			{ id: 'b', reference: ref('b'), studentCode: '7910000009', amountOutstanding: 200_000, bundles: [ref('new')] }
		];
		const result = reconcile({ open: dues, credits: [credit(100_000, ref('old')), credit(200_000, ref('new'))], seenTransactionIds: none });
		expect(result.matched.map((m) => m.allocations)).toEqual([[{ dueId: 'a', amount: 100_000 }], [{ dueId: 'b', amount: 200_000 }]]);
	});

	it('FE29 less than owed is partial (dues filled in order), more is over with the surplus', () => {
		const part = credit(1_000_000, ref('b1'));
		const over = credit(800_000, `tien an ${ref('d1')}`);
		const result = reconcile({ open, credits: [part, over], seenTransactionIds: none });
		expect(result.partial).toEqual([
			{
				credit: part,
				dueIds: ['d2', 'd3'],
				amount: 1_000_000,
				allocations: [
					{ dueId: 'd2', amount: 884_520 },
					{ dueId: 'd3', amount: 115_480 }
				],
				shortBy: 334_520
			}
		]);
		expect(result.over).toEqual([{ credit: over, dueIds: ['d1'], amount: 700_000, allocations: [{ dueId: 'd1', amount: 700_000 }], surplus: 100_000 }]);
	});

	it('FE29 FE30 paying an already paid due is an over-payment of the whole credit; a second payment in the same file sees the first', () => {
		const paid = credit(50_000, ref('d6'));
		const first = credit(700_000, ref('d1'));
		const again = credit(700_000, ref('d1'));
		const result = reconcile({ open, credits: [paid, first, again], seenTransactionIds: none });
		expect(result.matched.map((m) => m.credit)).toEqual([first]);
		expect(result.over).toEqual([
			{ credit: paid, dueIds: ['d6'], amount: 0, allocations: [], surplus: 50_000 },
			{ credit: again, dueIds: ['d1'], amount: 0, allocations: [], surplus: 700_000 }
		]);
	});

	it('FE31 without a reference, matches exact amount + student code; the whole of a student\'s dues also fits', () => {
		const one = credit(700_000, 'PH chuyen tien an HS7910000001');
		const all = credit(600_000, '7910000003 nop tien');
		const result = reconcile({ open, credits: [one, all], seenTransactionIds: none });
		expect(result.matched.map((m) => [m.credit.transactionId, m.dueIds, m.by])).toEqual([
			[one.transactionId, ['d1'], 'amount_and_code'],
			[all.transactionId, ['d4', 'd5'], 'amount_and_code']
		]);
		// Equal dues: the first in the order given.
		const twin = reconcile({ open, credits: [credit(300_000, 'HS 7910000003')], seenTransactionIds: none });
		expect(twin.matched[0]!.dueIds).toEqual(['d4']);
	});

	it('FE31 FE33 a wrong amount, an unknown code, an invalid reference or two fitting students is unmatched', () => {
		const credits = [
			credit(123_000, 'HS 7910000001'),
			credit(700_000, 'HS 7919999999'),
			credit(700_000, `${ref('d1').slice(0, -1)}${ref('d1').endsWith('0') ? '1' : '0'}`),
			credit(450_000, 'tien an'),
			credit(300_000, '7910000003 7910000002 450000')
		];
		const result = reconcile({ open: [...open, { id: 'd7', reference: ref('d7'), studentCode: '7910000002', amountOutstanding: 300_000 }], credits, seenTransactionIds: none });
		expect(result.unmatched).toEqual(credits);
	});

	it('FE32 a transaction already recorded or repeated in the file is a duplicate; importing twice changes nothing', () => {
		const a = credit(700_000, ref('d1'), 'FT001');
		const repeat = { ...a, line: 99 };
		const first = reconcile({ open, credits: [a, repeat], seenTransactionIds: none });
		expect(first.matched).toHaveLength(1);
		expect(first.duplicates).toEqual([repeat]);
		const second = reconcile({ open, credits: [a, repeat], seenTransactionIds: new Set([' ft001 ']) });
		expect(second).toEqual({ matched: [], partial: [], over: [], duplicates: [a, repeat], unmatched: [] });
	});

	const dueArb = fc.record({ student: fc.integer({ min: 1, max: 5 }), amount: fc.integer({ min: 0, max: 2_000_000 }), bundle: fc.option(fc.constantFrom('b1', 'b2'), { nil: undefined }) });
	const creditArb = fc.record({
		tx: fc.integer({ min: 1, max: 30 }),
		amount: fc.integer({ min: 1, max: 3_000_000 }),
		refs: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }).map((i) => `d${i}`), fc.constantFrom('b1', 'b2', 'b3')), { maxLength: 3 }),
		student: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
		noise: fc.string({ maxLength: 12 })
	});
	const scenario = fc.record({ dues: fc.array(dueArb, { maxLength: 12 }), credits: fc.array(creditArb, { maxLength: 25 }), seen: fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 5 }) }).map(({ dues, credits, seen }) => ({
		open: dues.map((d, i): OpenDue => ({ id: `d${i}`, reference: ref(`d${i}`), studentCode: `79100000${d.student}`, amountOutstanding: d.amount, bundles: d.bundle ? [ref(d.bundle)] : undefined })),
		credits: credits.map(
			(c, i): Credit => ({
				transactionId: `FT${c.tx}`,
				bookedAt: '2026-10-01',
				amount: c.amount,
				description: [c.noise, ...c.refs.map((r) => ref(r)), c.student ? `HS${79100000}${c.student}` : ''].join(' '),
				line: i + 2
			})
		),
		seenTransactionIds: new Set(seen.map((t) => `FT${t}`))
	}));

	it('FE30 FE34 every credit lands in one list, no due is paid beyond what it owed, totals are conserved (property)', () => {
		fc.assert(
			fc.property(scenario, (input) => {
				const result = reconcile(input);
				const placed = [...result.matched, ...result.partial, ...result.over].map((m) => m.credit).concat(result.duplicates, result.unmatched);
				expect(placed).toHaveLength(input.credits.length);
				expect(new Set(placed).size).toBe(input.credits.length);
				const totals = reconcileTotals(result);
				expect(totals.credited).toBe(input.credits.reduce((s, c) => s + c.amount, 0));
				const paid = new Map<string, number>();
				for (const m of [...result.matched, ...result.partial, ...result.over]) {
					expect(m.allocations.reduce((s, a) => s + a.amount, 0)).toBe(m.amount);
					for (const a of m.allocations) {
						expect(a.amount).toBeGreaterThan(0);
						expect(m.dueIds).toContain(a.dueId);
						paid.set(a.dueId, (paid.get(a.dueId) ?? 0) + a.amount);
					}
				}
				for (const due of input.open) expect(paid.get(due.id) ?? 0).toBeLessThanOrEqual(due.amountOutstanding);
				for (const m of result.matched) expect(m.amount).toBe(m.credit.amount);
				for (const m of result.partial) expect(m.amount).toBe(m.credit.amount);
				// No transaction id is used by two non-duplicate credits.
				const used = [...result.matched, ...result.partial, ...result.over].map((m) => m.credit.transactionId).concat(result.unmatched.map((c) => c.transactionId));
				expect(new Set(used).size).toBe(used.length);
				for (const id of used) expect(input.seenTransactionIds.has(id)).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});

	it('FE32 re-importing with the recorded transaction ids changes nothing (property)', () => {
		fc.assert(
			fc.property(scenario, (input) => {
				const first = reconcile(input);
				const recorded = new Set([...input.seenTransactionIds, ...placements(first)]);
				const second = reconcile({ ...input, seenTransactionIds: recorded });
				expect(second.matched).toEqual([]);
				expect(second.partial).toEqual([]);
				expect(second.over).toEqual([]);
				expect(second.unmatched).toEqual([]);
				expect(second.duplicates).toEqual(input.credits);
			}),
			{ numRuns: 200 }
		);
	});
});
