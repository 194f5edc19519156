/**
 * Matching bank credits to what families owe (fees SPEC FE28–FE34). Pure: the server passes the
 * open dues, the credits of the imported statement and the transaction ids it has already
 * recorded, and stores what a person confirms.
 */
import { sumDong, type Dong } from './money';
import { findReferences } from './reference';
import type { Credit } from './statement';

export interface OpenDue {
	id: string;
	/** The due's own payment reference. */
	reference: string;
	/** The student's code as families write it (MOET code). */
	studentCode: string;
	/** What is still owed (0 for a due already paid: a second payment is then an over-payment). */
	amountOutstanding: Dong;
	/** The references of the guardians' bundles this due belongs to (a due may be in several: a bundle made before a new month was added keeps paying its dues). */
	bundles?: readonly string[];
}

export interface Allocation {
	dueId: string;
	amount: Dong;
}

export interface MatchedCredit {
	credit: Credit;
	dueIds: string[];
	/** Applied to the dues: the whole credit. */
	amount: Dong;
	allocations: Allocation[];
	by: 'reference' | 'amount_and_code';
}

export interface PartialCredit {
	credit: Credit;
	dueIds: string[];
	/** Applied to the dues: the whole credit, less than they owed. */
	amount: Dong;
	allocations: Allocation[];
	/** Still owed on these dues after this credit. */
	shortBy: Dong;
}

export interface OverCredit {
	credit: Credit;
	dueIds: string[];
	/** Applied to the dues: what they still owed (0 when already paid). */
	amount: Dong;
	allocations: Allocation[];
	/** Paid beyond what was owed; a person decides (refund or keep as credit). */
	surplus: Dong;
}

export interface ReconcileInput {
	open: readonly OpenDue[];
	credits: readonly Credit[];
	/** Transaction ids already recorded by earlier imports (matched or not). */
	seenTransactionIds: ReadonlySet<string>;
}

export interface ReconcileResult {
	matched: MatchedCredit[];
	partial: PartialCredit[];
	over: OverCredit[];
	/** Already recorded by an earlier import, or repeated in this file. */
	duplicates: Credit[];
	unmatched: Credit[];
}

/** FE32: a transaction id compared without surrounding spaces and case. */
export const transactionKey = (id: string) => id.trim().toUpperCase();

/** FE31: alphanumeric words of a description, upper-cased, also split where letters meet digits ("HS7910000123" → "HS", "7910000123"). */
function descriptionTokens(description: string): Set<string> {
	const tokens = new Set<string>();
	const words = description
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[đĐ]/g, 'D')
		.toUpperCase()
		.split(/[^A-Z0-9]+/);
	for (const w of words) {
		if (w === '') continue;
		tokens.add(w);
		for (const part of w.match(/[A-Z]+|[0-9]+/g) ?? []) tokens.add(part);
	}
	return tokens;
}

/**
 * FE28–FE34: each credit lands in exactly one list.
 * 1. FE32 duplicates: a transaction id recorded by an earlier import, or one already read
 *    earlier in this file, is a duplicate and changes nothing — importing a statement twice
 *    changes nothing.
 * 2. FE29 by reference: the valid references in the description (FE12) name dues (a due's own
 *    reference) and bundles (every due of the bundle). The credit is spread over those dues in
 *    the order given, each filled before the next: equal to what they owe → matched; less →
 *    partial (the last due partly paid); more → over (all paid, the rest is surplus; a reference
 *    whose dues are already paid is an over-payment with surplus = the whole credit).
 * 3. FE31 without a known reference, by exact amount and student code: a student code written in
 *    the description whose student owes, on one due, exactly the credit (the first such due in
 *    the order given), else in total exactly the credit (all their owing dues) → matched. Codes
 *    of two different students that both fit make it ambiguous: unmatched.
 * 4. FE33 anything else is unmatched, for a person to decide.
 * FE30: credits are taken in file order and each one's allocations lower what the dues still
 * owe, so no due is ever paid beyond its outstanding amount by allocations and no credit is
 * used twice. FE34: the credits' total equals matched + partial + over (applied + surplus) +
 * duplicates + unmatched.
 */
export function reconcile(input: ReconcileInput): ReconcileResult {
	const result: ReconcileResult = { matched: [], partial: [], over: [], duplicates: [], unmatched: [] };
	const remaining = new Map<string, Dong>();
	const byReference = new Map<string, OpenDue[]>();
	const byStudent = new Map<string, OpenDue[]>();
	const push = <K, V>(map: Map<K, V[]>, key: K, v: V) => {
		const list = map.get(key);
		if (list) list.push(v);
		else map.set(key, [v]);
	};
	for (const due of input.open) {
		if (remaining.has(due.id)) throw new RangeError(`Khoản phải thu ${due.id} bị lặp.`);
		if (!Number.isSafeInteger(due.amountOutstanding) || due.amountOutstanding < 0) throw new RangeError(`Số còn nợ của khoản ${due.id} không hợp lệ.`);
		remaining.set(due.id, due.amountOutstanding);
		push(byReference, due.reference.toUpperCase(), due);
		for (const bundle of due.bundles ?? []) push(byReference, bundle.toUpperCase(), due);
		if (due.studentCode) push(byStudent, due.studentCode.toUpperCase(), due);
	}
	const seen = new Set([...input.seenTransactionIds].map(transactionKey));
	const allocate = (dues: readonly OpenDue[], money: Dong) => {
		const allocations: Allocation[] = [];
		let left = money;
		for (const due of dues) {
			const owed = remaining.get(due.id)!;
			const pay = Math.min(owed, left);
			if (pay > 0) {
				allocations.push({ dueId: due.id, amount: pay });
				remaining.set(due.id, owed - pay);
				left -= pay;
			}
		}
		return { allocations, applied: money - left, left };
	};
	for (const credit of input.credits) {
		const key = transactionKey(credit.transactionId);
		if (seen.has(key)) {
			result.duplicates.push(credit);
			continue;
		}
		seen.add(key);
		// 2. By reference.
		const targets: OpenDue[] = [];
		for (const ref of findReferences(credit.description)) {
			for (const due of byReference.get(ref) ?? []) if (!targets.includes(due)) targets.push(due);
		}
		if (targets.length > 0) {
			const owed = sumDong(targets.map((d) => remaining.get(d.id)!));
			const dueIds = targets.map((d) => d.id);
			const { allocations, applied, left } = allocate(targets, credit.amount);
			if (credit.amount === owed) result.matched.push({ credit, dueIds, amount: applied, allocations, by: 'reference' });
			else if (credit.amount < owed) result.partial.push({ credit, dueIds, amount: applied, allocations, shortBy: owed - applied });
			else result.over.push({ credit, dueIds, amount: applied, allocations, surplus: left });
			continue;
		}
		// 3. By exact amount and student code.
		const tokens = descriptionTokens(credit.description);
		const fits: OpenDue[][] = [];
		for (const token of tokens) {
			const dues = byStudent.get(token);
			if (!dues) continue;
			const owing = dues.filter((d) => remaining.get(d.id)! > 0);
			const single = owing.find((d) => remaining.get(d.id) === credit.amount);
			if (single) fits.push([single]);
			else if (owing.length > 0 && sumDong(owing.map((d) => remaining.get(d.id)!)) === credit.amount) fits.push(owing);
		}
		if (fits.length === 1) {
			const dues = fits[0]!;
			const { allocations, applied } = allocate(dues, credit.amount);
			result.matched.push({ credit, dueIds: dues.map((d) => d.id), amount: applied, allocations, by: 'amount_and_code' });
			continue;
		}
		result.unmatched.push(credit);
	}
	return result;
}

/** FE34: the conservation check, for tests and for the server to assert before it stores a result. */
export function reconcileTotals(result: ReconcileResult): { credited: Dong; applied: Dong; surplus: Dong; duplicates: Dong; unmatched: Dong } {
	const applied = sumDong([...result.matched, ...result.partial, ...result.over].map((m) => m.amount));
	const surplus = sumDong(result.over.map((o) => o.surplus));
	const duplicates = sumDong(result.duplicates.map((c) => c.amount));
	const unmatched = sumDong(result.unmatched.map((c) => c.amount));
	return { credited: applied + surplus + duplicates + unmatched, applied, surplus, duplicates, unmatched };
}
