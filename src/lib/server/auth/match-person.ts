/**
 * Who signed in: the personal ID number from the provider, validated (identity SPEC I1–I4) and
 * looked up by keyed hash among the people a school registered as staff or guardian
 * (docs/architecture.md §4: no plaintext comparison, ever).
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { oidcIdentities, people } from '../../../../drizzle/schema';
import { actingRolesOf, type ActingRole } from '../../domain/access/acting-role';
import type { Grants } from '../../domain/access/grants';
import { vietnamToday } from '../../domain/calendar/vietnam-time';
import { parseIsoDate } from '../../domain/identity/calendar-date';
import { maskCitizenId, validateCitizenId, type CitizenId } from '../../domain/identity/citizen-id';
import { loadGrants, suspendedSchoolsOf } from '../grants';
import type { Keys } from '../keys';
import { hashOidcSubject, hashPersonalId } from '../personal-id';

export type PersonalIdCheck = { ok: true; id: CitizenId; masked: string } | { ok: false; code: string };

/** Rules I1–I4 on the claim; the provider's birthdate, when given, must agree with the number (I4). */
export function checkPersonalId(raw: string, birthdate: string | null, now: Date): PersonalIdCheck {
	// "Today" in Việt Nam, where the birth years on the numbers are counted.
	const today = vietnamToday(now);
	const dateOfBirth = birthdate ? (parseIsoDate(birthdate) ?? undefined) : undefined;
	// Only the digits are trusted as the number: no trimming of what a provider sends.
	if (!/^[0-9]{12}$/.test(raw)) return { ok: false, code: 'not-12-digits' };
	const result = validateCitizenId(raw, { today, dateOfBirth });
	return result.ok ? { ok: true, id: result.id, masked: maskCitizenId(result.id) } : { ok: false, code: result.code };
}

export type PersonMatch =
	| { kind: 'matched'; personId: string; fullName: string; actingRoles: ActingRole[]; grants: Grants }
	| { kind: 'not-registered' }
	| { kind: 'disabled'; personId: string };

export async function matchPerson(db: Database, keys: Keys, personalId: CitizenId): Promise<PersonMatch> {
	const [person] = await db
		.select({ id: people.id, fullName: people.fullName, disabledAt: people.disabledAt })
		.from(people)
		.where(eq(people.personalIdHash, hashPersonalId(keys.idHashKey, personalId)));
	if (!person) return { kind: 'not-registered' };
	if (person.disabledAt) return { kind: 'disabled', personId: person.id };
	const grants = await loadGrants(db, person.id);
	const actingRoles = actingRolesOf(grants);
	if (actingRoles.length === 0) {
		// Disabled at every school they worked at (access SPEC A10), and no guardian either.
		if ((await suspendedSchoolsOf(db, person.id)).length > 0) return { kind: 'disabled', personId: person.id };
		// Known to the school, but neither as staff nor as a guardian (e.g. only as a student).
		return { kind: 'not-registered' };
	}
	return { kind: 'matched', personId: person.id, fullName: person.fullName, actingRoles, grants };
}

/**
 * Remembers which provider account signed in as the person, and marks the person "verified by
 * VNeID" on the first sign-in (the verification dashboard counts it). A provider subject already
 * bound to someone else is refused: it would mean the number moved between accounts. The subject
 * is stored and looked up only as its keyed hash.
 */
export async function recordSignIn(
	db: Database,
	keys: Keys,
	sign: { issuer: string; subject: string; personId: string; now: Date }
): Promise<{ ok: true } | { ok: false; reason: 'identity-conflict' }> {
	const subjectHash = hashOidcSubject(keys.idHashKey, sign.subject);
	const [bound] = await db
		.select({ personId: oidcIdentities.personId })
		.from(oidcIdentities)
		.where(and(eq(oidcIdentities.issuer, sign.issuer), eq(oidcIdentities.subjectHash, subjectHash)));
	if (bound && bound.personId !== sign.personId) return { ok: false, reason: 'identity-conflict' };
	if (bound) {
		await db
			.update(oidcIdentities)
			.set({ lastSignInAt: sign.now })
			.where(and(eq(oidcIdentities.issuer, sign.issuer), eq(oidcIdentities.subjectHash, subjectHash)));
	} else {
		await db
			.insert(oidcIdentities)
			.values({ issuer: sign.issuer, subjectHash, personId: sign.personId, firstSignInAt: sign.now, lastSignInAt: sign.now });
	}
	await db
		.update(people)
		.set({ verifiedBy: 'vneid', verifiedAt: sign.now })
		.where(and(eq(people.id, sign.personId), or(isNull(people.verifiedBy), ne(people.verifiedBy, 'vneid'))));
	return { ok: true };
}
