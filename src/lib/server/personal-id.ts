/**
 * Personal ID numbers at rest (docs/architecture.md §4, docs/domain/privacy.md §4): a keyed HMAC-SHA256
 * for matching (the ID space is small, so an unkeyed hash could be brute-forced) and AES-256-GCM
 * ciphertext for authorised display. Raw numbers are never logged.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export function hashPersonalId(key: Uint8Array, personalId: string): string {
	return createHmac('sha256', key).update(personalId, 'utf8').digest('hex');
}

/**
 * An OpenID provider's `sub`, which may be the personal ID number itself: kept only as a keyed
 * hash, under a key derived from the personal-ID hash key for this purpose alone, so a subject
 * hash can never be compared with a personal-ID hash.
 */
export function hashOidcSubject(idHashKey: Uint8Array, subject: string): string {
	const purposeKey = createHmac('sha256', idHashKey).update('so-diem/oidc-subject/v1', 'utf8').digest();
	return createHmac('sha256', purposeKey).update(subject, 'utf8').digest('hex');
}

export function encryptPersonalId(key: Uint8Array, personalId: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const ciphertext = Buffer.concat([cipher.update(personalId, 'utf8'), cipher.final()]);
	return `${VERSION}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
}

export function decryptPersonalId(key: Uint8Array, stored: string): string {
	const [version, payload] = stored.split(':');
	if (version !== VERSION || !payload) throw new Error('unknown personal ID ciphertext format');
	const bytes = Buffer.from(payload, 'base64url');
	const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
}

/** The same sealing for other text that names a personal ID, e.g. a provider's ID token kept for sign-out. */
export const encryptSensitiveText = encryptPersonalId;
export const decryptSensitiveText = decryptPersonalId;
