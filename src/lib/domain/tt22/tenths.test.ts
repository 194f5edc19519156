import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, formatTenths, parseTenths, parseTenthsText, tenthsFromInteger, tenthsToNumber, Tt22Error, type Tenths } from './index';
import { thrown } from './test-fixtures';

describe('G1 mark values: 0–10, at most one decimal, integer tenths inside', () => {
	it.each([
		[0, 0],
		[10, 100],
		[7.5, 75],
		[6.5, 65],
		[1.1, 11],
		[0.1, 1],
		[9.9, 99],
		[8.3, 83]
	])('G1 parses %s as %s tenths', (value, tenths) => {
		expect(parseTenths(value)).toBe(tenths);
	});

	it('G1 refuses 7.25 (two decimals) with TOO_MANY_DECIMALS', () => {
		const error = thrown(() => parseTenths(7.25));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
	});

	it('G1 refuses 10.5 with MARK_OUT_OF_RANGE and the Vietnamese message', () => {
		expect(thrown(() => parseTenths(10.5))).toMatchObject({ code: 'MARK_OUT_OF_RANGE', message: 'Điểm phải từ 0 đến 10' });
	});

	it('G1 refuses -1 with MARK_OUT_OF_RANGE', () => {
		expect(thrown(() => parseTenths(-1))).toMatchObject({ code: 'MARK_OUT_OF_RANGE' });
	});

	it.each([NaN, Infinity, -Infinity, '7.5', null, undefined])('G1 refuses %s with NOT_A_NUMBER', (value) => {
		expect(thrown(() => parseTenths(value))).toMatchObject({ code: 'NOT_A_NUMBER', message: 'Điểm phải là một số' });
	});

	it('G1 refuses a float artefact such as 0.1 + 0.2 rather than rounding it silently', () => {
		expect(thrown(() => parseTenths(0.1 + 0.2))).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
	});

	it('G1 reads -0 as 0', () => {
		expect(Object.is(parseTenths(-0), 0)).toBe(true);
	});

	it('G1 attempt(parseTenths) returns a result value instead of throwing', () => {
		expect(attempt(() => parseTenths(7.5))).toEqual({ ok: true, value: 75 });
		expect(attempt(() => parseTenths(11, 'ĐĐGck'))).toEqual({
			ok: false,
			code: 'MARK_OUT_OF_RANGE',
			reason: 'Điểm phải từ 0 đến 10',
			field: 'ĐĐGck'
		});
	});

	it('G1 every one-decimal value 0.0–10.0 round-trips number → tenths → number (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 100 }), (tenths) => {
				const asNumber = Number(`${Math.floor(tenths / 10)}.${tenths % 10}`);
				expect(parseTenths(asNumber)).toBe(tenths);
				expect(tenthsToNumber(parseTenths(asNumber))).toBe(asNumber);
			})
		);
	});

	it('G1 any value with a second significant decimal is refused (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9 }), (tenths, hundredth) => {
				const value = (tenths * 10 + hundredth) / 100;
				expect(thrown(() => parseTenths(value))).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
			})
		);
	});

	it('G1 tenthsFromInteger brands stored integers and refuses others', () => {
		expect(tenthsFromInteger(65)).toBe(65);
		expect(thrown(() => tenthsFromInteger(6.5))).toMatchObject({ code: 'TOO_MANY_DECIMALS' });
		expect(thrown(() => tenthsFromInteger(101))).toMatchObject({ code: 'MARK_OUT_OF_RANGE' });
		expect(thrown(() => tenthsFromInteger(-1))).toMatchObject({ code: 'MARK_OUT_OF_RANGE' });
	});

	it.each([
		['7', 70],
		['7,5', 75],
		['7.5', 75],
		[' 10,0 ', 100],
		['7,50', 75],
		['0', 0],
		['-0', 0]
	])('G1 parses the typed text %j as %s tenths', (text, tenths) => {
		expect(parseTenthsText(text)).toBe(tenths);
	});

	it.each([
		['7,25', 'TOO_MANY_DECIMALS'],
		['10,5', 'MARK_OUT_OF_RANGE'],
		['11', 'MARK_OUT_OF_RANGE'],
		['-1', 'MARK_OUT_OF_RANGE'],
		['abc', 'NOT_A_NUMBER'],
		['7,', 'NOT_A_NUMBER'],
		[',5', 'NOT_A_NUMBER'],
		['1e1', 'NOT_A_NUMBER'],
		['', 'MISSING_MARK'],
		['   ', 'MISSING_MARK']
	])('G1 refuses the typed text %j with %s', (text, code) => {
		expect(thrown(() => parseTenthsText(text))).toMatchObject({ code });
	});

	it('G1 formats tenths with exactly one decimal and a Vietnamese comma by default', () => {
		expect(formatTenths(83 as Tenths)).toBe('8,3');
		expect(formatTenths(100 as Tenths)).toBe('10,0');
		expect(formatTenths(5 as Tenths, '.')).toBe('0.5');
	});
});
