import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './school';

/**
 * Sessions the Lucia-guide way: the id is the SHA-256 of the cookie token, never the token.
 * `activeRole` is the capacity the person acts in (staff or guardian); null until a person who is
 * both has chosen. The ID token is kept only for RP-initiated logout (`id_token_hint`), encrypted
 * because it carries the personal ID number.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		personId: text('person_id').notNull().references(() => people.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		activeRole: text('active_role', { enum: ['staff', 'guardian'] }),
		idTokenCiphertext: text('id_token_ciphertext')
	},
	(t) => [index('sessions_person_idx').on(t.personId)]
);

/**
 * Identities at an OpenID provider (issuer + subject) that signed in as a person. The person is
 * matched by personal ID number; this records which provider account did so, and when. The
 * subject is stored only as a keyed hash (`hashOidcSubject`): a provider may use the personal ID
 * number itself as `sub` (the simulator does; VNeID's choice is not public).
 */
export const oidcIdentities = pgTable(
	'oidc_identities',
	{
		issuer: text('issuer').notNull(),
		subjectHash: text('subject_hash').notNull(),
		personId: text('person_id').notNull().references(() => people.id),
		firstSignInAt: timestamp('first_sign_in_at', { withTimezone: true }).notNull(),
		lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.issuer, t.subjectHash] }), index('oidc_identities_person_idx').on(t.personId)]
);
