/**
 * Our server refuses client writes to a gradebook's header and roster (sync-server SPEC V3): the
 * benchmark's gradebooks are provisioned in storage before the server starts, as the app's server
 * provisions real ones. (The reference server takes them from the first client, as before.)
 */
import * as Y from 'yjs';
import { openDatabase, type DatabaseLocation } from '../../drizzle/database';
import { yjsUpdates } from '../../drizzle/schema/sync';
import type { DocStorage } from '../../sync-server/persistence/doc-storage';
import { initGradebook } from '../../src/lib/ydoc/gradebook';
import { documentName, gradebookHeader, roster } from './gradebook-fixture';

/** Environment variable telling scripts/bench/memory-sync-server.ts how many gradebooks to provision. */
export const BENCH_DOCS_ENV = 'BENCH_PROVISION_DOCS';

function seed(index: number): { document: string; update: Uint8Array } {
	const doc = new Y.Doc();
	initGradebook(doc, gradebookHeader(index), roster(index));
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { document: documentName(index), update };
}

export async function provisionDatabase(location: DatabaseLocation, docs: number): Promise<void> {
	const handle = await openDatabase(location);
	try {
		const rows = Array.from({ length: docs }, (_, index) => seed(index)).map(({ document, update }) => ({ document, data: update }));
		if (rows.length > 0) await handle.db.insert(yjsUpdates).values(rows);
	} finally {
		await handle.close();
	}
}

export async function provisionStorage(storage: DocStorage, docs: number): Promise<void> {
	for (let index = 0; index < docs; index += 1) {
		const { document, update } = seed(index);
		await storage.append(document, [update]);
	}
}
