/**
 * Opens the database the configuration names and applies the migrations: PostgreSQL when a URL
 * is given, otherwise embedded PGlite in a data directory (or in memory, for tests). Both run the
 * same drizzle migrations, so everything above this file sees one `Database` type.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
	db: Database;
	kind: DatabaseKind;
	close(): Promise<void>;
}

export type DatabaseLocation =
	| { kind: 'postgres'; url: string; poolSize?: number }
	| { kind: 'pglite'; dataDir: string }
	| { kind: 'pglite-memory' };

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(
	location: DatabaseLocation,
	migrationsFolder = MIGRATIONS_FOLDER
): Promise<DatabaseHandle> {
	if (location.kind === 'postgres') {
		const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
		// An idle client losing its connection must not crash the process; the next query reconnects.
		pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', error.message));
		const db = drizzlePg({ client: pool, schema });
		await migratePg(db, { migrationsFolder });
		return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
	}
	let client: PGlite;
	if (location.kind === 'pglite') {
		// PGlite neither creates parent directories nor locks against a second instance (TOOLCHAIN trap 3).
		mkdirSync(location.dataDir, { recursive: true });
		client = new PGlite(location.dataDir);
	} else {
		client = new PGlite();
	}
	const db = drizzlePglite({ client, schema });
	await migratePglite(db, { migrationsFolder });
	return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
}

export { schema };
