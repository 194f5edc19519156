/**
 * Our server refuses client writes to a gradebook's header and roster (sync-server SPEC V3): the
 * benchmark's gradebooks are provisioned in storage before the server starts, as the app's server
 * provisions real ones. (The reference server takes them from the first client, as before.)
 */
import * as Y from 'yjs';
import type { DocStorage } from '../../sync-server/persistence/doc-storage';
import { initGradebook } from '../../src/lib/ydoc/gradebook';
import { documentName, gradebookHeader, roster } from './gradebook-fixture';

/** Environment variable telling scripts/bench/memory-sync-server.ts how many gradebooks to provision. */
export const BENCH_DOCS_ENV = 'BENCH_PROVISION_DOCS';

/** Header and roster of gradebook `index`, as one update (no database code here: the memory server imports this). */
export function seed(index: number): { document: string; update: Uint8Array } {
	const doc = new Y.Doc();
	initGradebook(doc, gradebookHeader(index), roster(index));
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { document: documentName(index), update };
}

export async function provisionStorage(storage: DocStorage, docs: number): Promise<void> {
	for (let index = 0; index < docs; index += 1) {
		const { document, update } = seed(index);
		await storage.append(document, [update]);
	}
}
