/**
 * Migrations 0009–0010 (document keys and their backfill) on a database created by the schema before them (migrations up to 0006):
 * every document is still there, every document name is keyed exactly as documentRow() keys new
 * ones, its updates still load, and the listings find it. PostgreSQL and PGlite alike.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseLocation } from '../../drizzle/database';
import * as t from '../../drizzle/schema';
import { accessibleDocuments } from '../../src/lib/server/documents';
import { documentRow } from '../../src/lib/ydoc/document-name';
import { DrizzleDocStorage } from '../../sync-server/persistence/drizzle-doc-storage';
import { createTestDatabase } from '../helpers/test-database';

const LAST_OLD_MIGRATION = 6;

const DOCUMENTS = [
	'gradebook/thcs-a/2025-2026/hk1/6a1/toan',
	'gradebook/thcs-a/2025-2026/hk2/9a3/khtn',
	'gradebook/thcs-b/2024-2025/hk1/7a2/ngu-van',
	'homeroom/thcs-a/2025-2026/hk2/6a1',
	'homeroom/thcs-b/2024-2025/hk1/7a2',
	'timetable/thcs-a/2025-2026/v3',
	'student/hs-0001/2025-2026',
	'student/hs-0002/2024-2025'
];
/** Stored by some older code under a name no parser accepts: it must survive, unkeyed. */
const MALFORMED = 'gradebook/thcs-a/2025-2026/hk3/6a1/toan';

/** A copy of the migrations folder that ends at 0006: the schema a deployed database has today. */
async function oldMigrations(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'sodiem-migrations-'));
	await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ idx: number; tag: string }> };
	for (const entry of journal.entries.filter((e) => e.idx > LAST_OLD_MIGRATION)) await rm(join(folder, `${entry.tag}.sql`));
	journal.entries = journal.entries.filter((e) => e.idx <= LAST_OLD_MIGRATION);
	await writeFile(journalPath, JSON.stringify(journal));
	return folder;
}

function updateOf(name: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('meta').set('name', name);
	return Y.encodeStateAsUpdate(doc);
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function location(backend: 'postgres' | 'pglite'): Promise<DatabaseLocation> {
	if (backend === 'postgres') {
		const database = await createTestDatabase();
		cleanups.push(() => database.drop());
		return { kind: 'postgres', url: database.url };
	}
	const dataDir = await mkdtemp(join(tmpdir(), 'sodiem-pglite-'));
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
	return { kind: 'pglite', dataDir };
}

describe.each(['postgres', 'pglite'] as const)('document key migration on %s', (backend) => {
	it(
		'keys every document stored under the schema of 0006 and loses none',
		async () => {
			const where = await location(backend);
			const folder = await oldMigrations();
			cleanups.push(() => rm(folder, { recursive: true, force: true }));

			const old = await openDatabase(where, folder);
			try {
				// Only the columns the 0006 schema has: name and kind.
				for (const name of [...DOCUMENTS, MALFORMED]) {
					await old.db.execute(sql`insert into yjs_documents (name, kind) values (${name}, ${name.split('/')[0]})`);
					await old.db.execute(sql`insert into yjs_updates (document, data) values (${name}, ${updateOf(name)})`);
				}
				await old.db.execute(sql`insert into organisations (id, kind, name) values ('thcs-a', 'school', 'THCS A')`);
				await old.db.execute(sql`insert into school_years (school_id, year, current) values ('thcs-a', '2025-2026', true)`);
				await old.db.execute(sql`insert into people (id, full_name, birth_date, gender) values ('hieu-truong', 'Nguyễn Thị Hiệu', '1975-05-05', 'female')`);
				await old.db.execute(sql`insert into staff_roles (person_id, organisation_id, role) values ('hieu-truong', 'thcs-a', 'principal')`);
			} finally {
				await old.close();
			}

			const migrated = await openDatabase(where);
			try {
				const rows = await migrated.db.select().from(t.yjsDocuments);
				expect(rows.map((r) => r.name).sort()).toEqual([...DOCUMENTS, MALFORMED].sort());
				for (const name of DOCUMENTS) {
					const { createdAt: _, ...row } = rows.find((r) => r.name === name)!;
					expect(row).toEqual(documentRow(name));
				}
				expect(rows.find((r) => r.name === MALFORMED)).toMatchObject({ kind: 'gradebook', school: null, year: null, classCode: null });

				const storage = new DrizzleDocStorage(migrated.db);
				for (const name of [...DOCUMENTS, MALFORMED]) {
					const doc = new Y.Doc();
					for (const update of (await storage.load(name)).updates) Y.applyUpdate(doc, update);
					expect(doc.getMap('meta').get('name')).toBe(name);
				}

				const principal = {
					personId: 'hieu-truong',
					disabled: false,
					roles: [{ organisation: 'thcs-a', role: 'principal' as const }],
					districtSchools: [],
					teaching: [],
					homeroom: [],
					guardianOf: []
				};
				expect((await accessibleDocuments(migrated.db, principal)).map((d) => d.name)).toEqual([
					'gradebook/thcs-a/2025-2026/hk1/6a1/toan',
					'gradebook/thcs-a/2025-2026/hk2/9a3/khtn',
					'homeroom/thcs-a/2025-2026/hk2/6a1',
					'timetable/thcs-a/2025-2026/v3'
				]);
			} finally {
				await migrated.close();
			}
		},
		120_000
	);
});
