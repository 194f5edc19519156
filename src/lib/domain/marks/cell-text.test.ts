import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markFromText, markToText } from './cell-text';

describe('marks as canonical text', () => {
	it('formats tenths with one decimal, exactly', () => {
		expect(markToText(75)).toBe('7.5');
		expect(markToText(100)).toBe('10.0');
		expect(markToText(3)).toBe('0.3');
		expect(markToText('CĐ')).toBe('CĐ');
		expect(markToText(null)).toBeNull();
	});

	it('reads back everything it writes, and refuses anything else', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), (tenths) => {
				expect(markFromText(markToText(tenths))).toBe(tenths);
			})
		);
		expect(markFromText('10.1')).toBeUndefined();
		expect(markFromText('7,5')).toBeUndefined();
		expect(markFromText('x')).toBeUndefined();
	});
});
