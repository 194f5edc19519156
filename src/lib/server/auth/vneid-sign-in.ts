/**
 * The VNeID callback, start to finish: provider checks (vneid-client.ts), the personal ID
 * (match-person.ts), then — only when everything holds — one new session. Every refusal returns
 * before a session row exists, and is logged with a reason and at most a masked number.
 */
import type { Database } from '../../../../drizzle/database';
import { initialActingRole, type ActingRole } from '../../domain/access/acting-role';
import { hasHiddenCharacter } from '../../domain/identity/vietnamese-name';
import type { Keys } from '../keys';
import { encryptSensitiveText } from '../personal-id';
import { createSession, generateSessionToken, type Session } from '../session';
import { checkPersonalId, matchPerson, recordSignIn } from './match-person';
import type { CallbackInput, ProviderRefusal, VneidClient } from './vneid-client';

export type SignInRefusal = ProviderRefusal | 'invalid-personal-id' | 'invalid-name' | 'not-registered' | 'disabled' | 'identity-conflict';

export type SignInOutcome =
	| { ok: true; token: string; session: Session; personId: string; actingRoles: ActingRole[] }
	| { ok: false; refusal: SignInRefusal; maskedId?: string };

export interface SignInDeps {
	db: Database;
	keys: Keys;
	client: VneidClient;
	now: Date;
	log?: (line: string) => void;
}

export async function completeVneidSignIn(deps: SignInDeps, input: CallbackInput): Promise<SignInOutcome> {
	const log = deps.log ?? ((line: string) => console.warn(line));
	const refused = (refusal: SignInRefusal, detail: string, maskedId?: string): SignInOutcome => {
		log(`[auth] VNeID sign-in refused: ${refusal}${maskedId ? ` (${maskedId})` : ''} — ${detail}`);
		return { ok: false, refusal, maskedId };
	};

	const provided = await deps.client.finishAuthorization(input, deps.now);
	if (!provided.ok) return refused(provided.refusal, provided.detail);
	const { identity } = provided;

	const checked = checkPersonalId(identity.personalId, identity.birthdate, deps.now);
	if (!checked.ok) return refused('invalid-personal-id', `claim ${deps.client.config.claims.personalId} fails rule ${checked.code}`);

	// identity SPEC I16: a name with bidi controls or zero-width characters is refused wherever it enters.
	if (identity.name !== null && hasHiddenCharacter(identity.name)) {
		return refused('invalid-name', `claim ${deps.client.config.claims.name} holds a bidi control or zero-width character`, checked.masked);
	}

	const match = await matchPerson(deps.db, deps.keys, checked.id);
	if (match.kind === 'not-registered') return refused('not-registered', 'no staff member or guardian with this number', checked.masked);
	if (match.kind === 'disabled') return refused('disabled', `person ${match.personId} is disabled`, checked.masked);

	const recorded = await recordSignIn(deps.db, deps.keys, { issuer: identity.issuer, subject: identity.subject, personId: match.personId, now: deps.now });
	if (!recorded.ok) return refused('identity-conflict', `provider subject already bound to another person than ${match.personId}`, checked.masked);

	const token = generateSessionToken();
	const session = await createSession(deps.db, token, match.personId, deps.now, {
		activeRole: initialActingRole(match.grants),
		idTokenCiphertext: encryptSensitiveText(deps.keys.idEncryptionKey, provided.idToken)
	});
	console.info(`[auth] VNeID sign-in: person ${match.personId} (${match.actingRoles.join('+')})`);
	return { ok: true, token, session, personId: match.personId, actingRoles: match.actingRoles };
}
