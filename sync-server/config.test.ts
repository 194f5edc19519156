import { describe, expect, it } from 'vitest';
import { originPolicy } from './config';

describe('originPolicy', () => {
	it('allows listed browser origins and non-browser clients only', () => {
		const allowed = originPolicy(['https://sodiem.example/']);
		expect(allowed('https://sodiem.example')).toBe(true);
		expect(allowed('HTTPS://SODIEM.EXAMPLE')).toBe(true);
		expect(allowed('http://evil.example')).toBe(false);
		expect(allowed(undefined)).toBe(true);
		expect(originPolicy([])('https://sodiem.example')).toBe(false);
	});
});
