import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashOidcSubject, hashPersonalId } from './personal-id';

describe('keyed hashes of identity data', () => {
	const key = randomBytes(32);
	const subject = '079185700003';

	it('an OIDC subject is stored as a keyed hash that never shows the subject', () => {
		const hash = hashOidcSubject(key, subject);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain(subject);
		expect(hashOidcSubject(key, subject)).toBe(hash);
		expect(hashOidcSubject(key, '079185700004')).not.toBe(hash);
	});

	it('uses its own purpose key: a subject hash never equals the personal-ID hash of the same number', () => {
		expect(hashOidcSubject(key, subject)).not.toBe(hashPersonalId(key, subject));
	});

	it('depends on the key', () => {
		expect(hashOidcSubject(randomBytes(32), subject)).not.toBe(hashOidcSubject(key, subject));
	});
});
