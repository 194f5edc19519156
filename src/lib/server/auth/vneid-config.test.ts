import { describe, expect, it } from 'vitest';
import { checkPersonalId } from './match-person';
import { readVneidConfig } from './vneid-config';

const app = { origin: 'https://sodiem.example.vn', production: true };

describe('VNeID configuration (README table)', () => {
	it('is off without VNEID_ISSUER, and says so when other VNEID_ variables are set alone', () => {
		expect(readVneidConfig({}, app)).toBeNull();
		expect(() => readVneidConfig({ VNEID_CLIENT_ID: 'so-diem' }, app)).toThrow(/VNEID_ISSUER/);
	});

	it('defaults: redirect and post-logout URIs from ORIGIN, openid profile, personal_id/name/birthdate claims', () => {
		expect(readVneidConfig({ VNEID_ISSUER: 'https://sso.vneid.example', VNEID_CLIENT_ID: 'so-diem', VNEID_CLIENT_SECRET: 's3cret' }, app)).toEqual({
			issuer: 'https://sso.vneid.example',
			clientId: 'so-diem',
			clientSecret: 's3cret',
			redirectUri: 'https://sodiem.example.vn/login/vneid/callback',
			postLogoutRedirectUri: 'https://sodiem.example.vn/dang-nhap',
			scopes: ['openid', 'profile'],
			claims: { personalId: 'personal_id', name: 'name', birthdate: 'birthdate' }
		});
	});

	it('takes the VNeID-specific claim names and scopes from the environment', () => {
		const config = readVneidConfig(
			{ VNEID_ISSUER: 'https://sso.vneid.example', VNEID_CLIENT_ID: 'x', VNEID_SCOPES: 'openid  vneid.profile', VNEID_ID_CLAIM: 'so_dinh_danh', VNEID_NAME_CLAIM: 'ho_ten', VNEID_BIRTHDATE_CLAIM: 'ngay_sinh' },
			app
		)!;
		expect(config.scopes).toEqual(['openid', 'vneid.profile']);
		expect(config.claims).toEqual({ personalId: 'so_dinh_danh', name: 'ho_ten', birthdate: 'ngay_sinh' });
		expect(config.clientSecret).toBeNull();
	});

	it('refuses a half or unsafe configuration', () => {
		expect(() => readVneidConfig({ VNEID_ISSUER: 'https://sso.vneid.example' }, app)).toThrow(/VNEID_CLIENT_ID/);
		expect(() => readVneidConfig({ VNEID_ISSUER: 'http://sso.vneid.example', VNEID_CLIENT_ID: 'x' }, app)).toThrow(/https/);
		expect(() => readVneidConfig({ VNEID_ISSUER: 'https://sso.vneid.example', VNEID_CLIENT_ID: 'x', VNEID_SCOPES: 'profile' }, app)).toThrow(/openid/);
		expect(() => readVneidConfig({ VNEID_ISSUER: 'https://sso.vneid.example', VNEID_CLIENT_ID: 'x', VNEID_ID_CLAIM: 'a b' }, app)).toThrow(/VNEID_ID_CLAIM/);
		expect(readVneidConfig({ VNEID_ISSUER: 'http://127.0.0.1:4455', VNEID_CLIENT_ID: 'x' }, { ...app, production: false })?.issuer).toBe('http://127.0.0.1:4455');
	});
});

describe('the personal ID claim (identity SPEC I1–I4)', () => {
	const now = new Date('2026-03-01T00:00:00Z');

	it('accepts a valid number and masks it', () => {
		expect(checkPersonalId('079190123456', '1990-03-15', now)).toEqual({ ok: true, id: '079190123456', masked: '0791******56' });
		expect(checkPersonalId('079190123456', null, now).ok).toBe(true);
	});

	it('refuses what a provider should never send: separators, wrong length, unknown province, a birthdate from another year', () => {
		expect(checkPersonalId('079 190 123 456', null, now)).toEqual({ ok: false, code: 'not-12-digits' });
		expect(checkPersonalId('07919012345', null, now)).toEqual({ ok: false, code: 'not-12-digits' });
		expect(checkPersonalId('003190123456', null, now)).toEqual({ ok: false, code: 'unknown-province' });
		expect(checkPersonalId('079190123456', '1991-03-15', now)).toEqual({ ok: false, code: 'birth-year-mismatch' });
		expect(checkPersonalId('079330123456', null, now)).toEqual({ ok: false, code: 'birth-year-in-future' });
	});
});
