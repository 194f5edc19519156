import { describe, expect, it } from 'vitest';
import { emptyGrants, isVerifiedGuardianOf, verifiedChildren } from './grants';

describe('verified guardianships (identity SPEC: only verified states open a child)', () => {
	const grants = {
		...emptyGrants('g1'),
		guardianOf: [
			{ student: 's-checked', state: 'school_checked' },
			{ student: 's-confirmed', state: 'authority_confirmed' },
			{ student: 's-declared', state: 'declared' },
			{ student: 's-revoked', state: 'revoked' },
			{ student: 's-more', state: 'needs_more_info' }
		]
	};

	it('lists only school-checked and authority-confirmed children', () => {
		expect(verifiedChildren(grants)).toEqual(['s-checked', 's-confirmed']);
	});

	it('refuses a declared, revoked or unknown child', () => {
		expect(isVerifiedGuardianOf(grants, 's-confirmed')).toBe(true);
		expect(isVerifiedGuardianOf(grants, 's-declared')).toBe(false);
		expect(isVerifiedGuardianOf(grants, 's-revoked')).toBe(false);
		expect(isVerifiedGuardianOf(grants, 'someone-else')).toBe(false);
	});
});
