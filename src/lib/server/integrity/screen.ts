/**
 * One screening pass for every projection (integrity SPEC P1–P5): each change either reaches SQL
 * or is skipped with the problem it has; an accepted change whose entry is gone (its history was
 * erased) still reaches SQL, as a clear, and is reported too.
 */
import type { IntegrityProblem } from './alerts';

export interface ScreenableChange {
	newValue: string | null;
	oldValue: string | null;
	/** The document's entry now; undefined when it disappeared. */
	entry: unknown;
}

export interface Screened<C> {
	accepted: C[];
	/** Changes kept out of SQL, by key with the value the document holds. */
	skipped: Map<string, string | null>;
	problems: IntegrityProblem[];
}

export function screen<C extends ScreenableChange>(
	changes: readonly C[],
	keyOf: (change: C) => string,
	problemOf: (change: C) => IntegrityProblem['kind'] | null
): Screened<C> {
	const screened: Screened<C> = { accepted: [], skipped: new Map(), problems: [] };
	for (const change of changes) {
		const key = keyOf(change);
		const kind = problemOf(change);
		if (kind) {
			screened.skipped.set(key, change.newValue);
			screened.problems.push({ kind, key });
			continue;
		}
		screened.accepted.push(change);
		if (!change.entry) screened.problems.push({ kind: 'erased-history', key, note: `${change.oldValue ?? ''} → trống` });
	}
	return screened;
}
