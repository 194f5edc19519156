import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './school';

/** Sessions the Lucia-guide way: the id is the SHA-256 of the cookie token, never the token. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		personId: text('person_id').notNull().references(() => people.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sessions_person_idx').on(t.personId)]
);
