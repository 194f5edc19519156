/**
 * Our server refuses client writes to a gradebook's header and roster (sync-server SPEC V3): the
 * benchmark's gradebooks are provisioned in storage before the server starts, as the app's server
 * provisions real ones. (The reference server takes them from the first client, as before.)
 */
import * as Y from 'yjs';
import type { DocStorage } from '../../sync-server/persistence/doc-storage';
import { initGradebook, writeCell } from '../../src/lib/ydoc/gradebook';
import { cellPlan, documentName, gradebookHeader, roster } from './gradebook-fixture';

/** Environment variable telling scripts/bench/memory-sync-server.ts which gradebooks to provision (JSON, `ProvisionedDocument[]`). */
export const BENCH_DOCS_ENV = 'BENCH_PROVISION_DOCS';

/** A gradebook the run uses: its fixture index, and how many marks it holds before the load starts. */
export interface ProvisionedDocument {
	index: number;
	marks: number;
}

/** Header and roster of gradebook `index`, plus `marks` marks already entered, as one update (no database code here: the memory server imports this). */
export function seed(index: number, marks = 0): { document: string; update: Uint8Array } {
	const doc = new Y.Doc();
	initGradebook(doc, gradebookHeader(index), roster(index));
	const cells = cellPlan(index, 0, 1);
	const actor = { id: 'bench-seed', name: 'Giáo viên cũ' };
	for (let mark = 0; mark < marks; mark += 1) {
		const cell = cells[mark % cells.length]!;
		writeCell(doc, cell.studentId, cell.columnKey, 40 + ((mark * 7) % 61), { actor, at: Date.UTC(2025, 9, 1) + mark * 1000, offline: false });
	}
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { document: documentName(index), update };
}

export async function provisionStorage(storage: DocStorage, documents: readonly ProvisionedDocument[]): Promise<void> {
	for (const { index, marks } of documents) {
		const { document, update } = seed(index, marks);
		await storage.append(document, [update]);
	}
}
