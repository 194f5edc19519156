/**
 * Issue 7, item 7: provider subjects stored in plain text before the keyed hash (they may be
 * personal ID numbers) are purged by the migration, not carried over. A PostgreSQL database is
 * migrated up to just before the purge, given a plain-text row, then migrated to the end.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../drizzle/database';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A copy of the migrations folder whose journal stops before the purge migration. */
async function migrationsBeforePurge(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'sodiem-migrations-'));
	cleanups.push(() => rm(folder, { recursive: true, force: true }));
	await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
	const purge = journal.entries.findIndex((entry) => entry.tag.includes('purge_plain_oidc_subjects'));
	expect(purge).toBeGreaterThan(0);
	await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, purge) }));
	return folder;
}

it('the migration deletes every OIDC identity stored with a plain-text subject', async () => {
	const database: TestDatabase = await createTestDatabase();
	cleanups.push(() => database.drop());
	const before = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 1 }, await migrationsBeforePurge());
	await before.db.execute(sql`insert into people (id, full_name, birth_date, gender) values ('p-1', 'Nguyễn Thị Toán', '1985-03-15', 'female')`);
	await before.db.execute(sql`insert into oidc_identities (issuer, subject, person_id, first_sign_in_at, last_sign_in_at)
		values ('https://vneid.example', '079185700003', 'p-1', now(), now())`);
	await before.close();

	const after = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 1 });
	try {
		const rows = (await after.db.execute(sql`select t::text as row from oidc_identities t`)) as unknown as { rows: unknown[] };
		expect(rows.rows).toEqual([]);
		const columns = (await after.db.execute(
			sql`select column_name from information_schema.columns where table_name = 'oidc_identities' order by column_name`
		)) as unknown as { rows: Array<{ column_name: string }> };
		expect(columns.rows.map((c) => c.column_name)).toEqual(['first_sign_in_at', 'issuer', 'last_sign_in_at', 'person_id', 'subject_hash']);
	} finally {
		await after.close();
	}
});
