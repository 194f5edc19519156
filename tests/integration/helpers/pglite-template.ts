/**
 * Vitest global setup of the integration project: one PGlite data directory, created and migrated
 * once per run, that every suite's fresh PGlite database starts as a copy of
 * (tests/helpers/test-database.ts). Creating a data directory runs initdb in WebAssembly — 5–13 s
 * of a core on this kind of machine, against about a second to copy and open one — and the
 * integration suites open some thirty fresh ones. Suites that test creating a directory
 * (pglite-worker, document-keys-migration) open their own empty directories and still do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../../drizzle/database';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A migrated, closed PGlite data directory; copy it, never open it (tests/helpers/test-database.ts). */
		pgliteTemplate: string;
	}
}

export default async function createPgliteTemplate(project: TestProject): Promise<() => Promise<void>> {
	const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-pglite-template-'));
	const handle = await openDatabase({ kind: 'pglite', dataDir });
	await handle.close();
	project.provide('pgliteTemplate', dataDir);
	return () => rm(dataDir, { recursive: true, force: true });
}
