import { describe, expect, it } from 'vitest';
import { consentGate, consentNeeded } from './consent';
import { CURRENT_NOTICE_VERSION, PURPOSE_NOTICE } from './notice';

describe('consent needed (PR1, PR2)', () => {
	it('PR1: a guardian who has accepted nothing is asked; staff and a session without a role never', () => {
		expect(consentNeeded('guardian', [], '2026-01')).toBe(true);
		expect(consentNeeded('staff', [], '2026-01')).toBe(false);
		expect(consentNeeded(null, [], '2026-01')).toBe(false);
	});
	it('PR1: the current version accepted opens the way', () => {
		expect(consentNeeded('guardian', ['2026-01'], '2026-01')).toBe(false);
	});
	it('PR2: a new version asks again, whatever was accepted before', () => {
		expect(consentNeeded('guardian', ['2026-01'], '2026-07')).toBe(true);
		expect(consentNeeded('guardian', ['2026-01', '2026-07'], '2026-07')).toBe(false);
	});
	it('PR1: the notice in code says what, why, who, how long, rights and whom to contact, and carries a version', () => {
		expect(CURRENT_NOTICE_VERSION).toBe(PURPOSE_NOTICE.version);
		expect(PURPOSE_NOTICE.sections.map((s) => s.heading)).toEqual(['Dữ liệu nào được xử lý', 'Để làm gì', 'Ai được xem', 'Lưu trong bao lâu', 'Quyền của phụ huynh', 'Liên hệ']);
		const text = PURPOSE_NOTICE.sections.flatMap((s) => s.paragraphs).join(' ');
		expect(text).toContain('sổ liên lạc giấy');
		expect(text.normalize('NFC')).toBe(text);
	});
});

describe('consent gate (PR3)', () => {
	it('guardian pages redirect to the notice', () => {
		for (const path of ['/', '/con', '/con/hs-1', '/con/hs-1/ai-da-xem', '/con/hs-1/du-lieu', '/con/hs-1/du-lieu.json']) expect(consentGate(path), path).toBe('redirect');
	});
	it('APIs, sync tickets included, are refused', () => {
		for (const path of ['/api/sync-ticket', '/api/correction-requests', '/api/me/x']) expect(consentGate(path), path).toBe('refuse');
	});
	it('the notice, signing in and out, choosing a role stay open', () => {
		for (const path of ['/dong-y', '/dang-xuat', '/dang-nhap', '/login/vneid/callback', '/chon-vai-tro', '/api/me', '/healthz', '/favicon.png', '/cong-an', '/conan']) expect(consentGate(path), path).toBe('open');
	});
});
