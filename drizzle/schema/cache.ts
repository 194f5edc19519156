import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * A counter per kind of derived data a process may keep in memory (e.g. `staff`: the district
 * staff in roster order). Triggers bump it in the transaction that changes the data it derives
 * from (migration 0019), whoever writes — the app, an import, another instance — so a process
 * reads one row to know whether what it keeps is still true.
 */
export const cacheVersions = pgTable('cache_versions', {
	name: text('name').primaryKey(),
	version: bigint('version', { mode: 'number' }).notNull().default(0)
});
