/**
 * A database for a sync-server child process, on every backend the project supports: a fresh
 * PostgreSQL database, or a PGlite data directory. PGlite allows one instance per directory
 * (a second would corrupt it), so its rows can be read only while no server runs on it.
 */
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { openDatabase } from '../../../drizzle/database';
import { yjsUpdates } from '../../../drizzle/schema/sync';
import { storageBackends, type Backend, type BackendName } from '../../helpers/test-database';
import { gradebookSeed } from './test-gradebook';
import { uniqueDocument } from './sync-clients';

export interface SyncBackend {
	name: BackendName;
	/** DATABASE_URL or DATA_DIR for the server process. */
	env: Record<string, string>;
	/** Every stored row of `document`, applied to a fresh Y.Doc. PGlite: stop the server first. */
	readDocument(document: string): Promise<{ doc: Y.Doc; rows: number }>;
	/**
	 * `count` new gradebooks with header and roster stored, as the server provisions them (clients
	 * cannot write either: sync-server SPEC V3). PGlite: before the server starts.
	 */
	provisionGradebooks(count: number): Promise<string[]>;
	cleanup(): Promise<void>;
}

export const syncBackendNames: BackendName[] = storageBackends().map((backend) => backend.name);

export async function openSyncBackend(name: BackendName): Promise<SyncBackend> {
	const backend = storageBackends().find((candidate) => candidate.name === name) as Backend;
	const opened = await backend.open();
	// Migrated by open(); the server process gets the database to itself from here on.
	await opened.handle.close();
	const location = opened.location;
	const env: Record<string, string> =
		location.kind === 'postgres' ? { DATABASE_URL: location.url } : location.kind === 'pglite' ? { DATA_DIR: location.dataDir } : {};
	return {
		name,
		env,
		async readDocument(document) {
			const handle = await openDatabase(location);
			try {
				const rows = await handle.db
					.select({ data: yjsUpdates.data })
					.from(yjsUpdates)
					.where(eq(yjsUpdates.document, document))
					.orderBy(asc(yjsUpdates.id));
				const doc = new Y.Doc();
				for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
				return { doc, rows: rows.length };
			} finally {
				await handle.close();
			}
		},
		async provisionGradebooks(count) {
			const documents = Array.from({ length: count }, () => uniqueDocument());
			const handle = await openDatabase(location);
			try {
				await handle.db.insert(yjsUpdates).values(documents.map((document) => ({ document, data: gradebookSeed(document) })));
			} finally {
				await handle.close();
			}
			return documents;
		},
		cleanup: () => opened.cleanup()
	};
}
