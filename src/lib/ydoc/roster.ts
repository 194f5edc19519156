/**
 * The `students` map of a class document (gradebook, homeroom record): who has a row. Only the
 * server writes it (sync-server SPEC V3, V12). Students are added and renamed, never removed: a
 * student who left keeps their row, marks and history, read-only (V19).
 */
import type * as Y from 'yjs';

/** The root map of the roster, the same name in a gradebook and a homeroom record. */
export const ROSTER_ROOT = 'students';

export interface RosterEntry {
	id: string;
	name: string;
	code: string;
}

/** Server side: adds the students not on the roster yet and updates changed names and codes; removes nobody. */
export function mergeRoster(doc: Y.Doc, roster: readonly RosterEntry[]): void {
	doc.transact(() => {
		const students = doc.getMap<RosterEntry>(ROSTER_ROOT);
		for (const entry of roster) {
			const current = students.get(entry.id);
			if (!current || current.name !== entry.name || current.code !== entry.code) students.set(entry.id, { id: entry.id, name: entry.name, code: entry.code });
		}
	});
}
