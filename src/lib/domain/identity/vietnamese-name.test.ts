import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	NAME_COLLATION_LOCALE,
	compareVietnameseNames,
	joinVietnameseName,
	normaliseVietnameseName,
	splitVietnameseName,
	toVietnameseNameCase
} from './vietnamese-name';

const sortNames = (names: readonly string[]) => [...names].sort(compareVietnameseNames);

describe('vietnamese-name', () => {
	it('I14 splits họ, đệm and tên', () => {
		expect(splitVietnameseName('Nguyễn Văn An')).toEqual({ family: 'Nguyễn', middle: 'Văn', given: 'An' });
		expect(splitVietnameseName('Lê Bảo')).toEqual({ family: 'Lê', middle: '', given: 'Bảo' });
		expect(splitVietnameseName('Tôn Nữ Thị Ngọc Hân')).toEqual({ family: 'Tôn', middle: 'Nữ Thị Ngọc', given: 'Hân' });
		expect(splitVietnameseName('Hoa')).toEqual({ family: '', middle: '', given: 'Hoa' });
		expect(splitVietnameseName('   ')).toEqual({ family: '', middle: '', given: '' });
	});

	it('I14 normalises to NFC with single spaces', () => {
		const nfd = '  Trần   Thị\tÁnh '.normalize('NFD');
		expect(normaliseVietnameseName(nfd)).toBe('Trần Thị Ánh'.normalize('NFC'));
		expect(splitVietnameseName(nfd).given).toBe('Ánh');
		expect(joinVietnameseName({ family: 'Lê', middle: '', given: 'Bảo' })).toBe('Lê Bảo');
	});

	it('I14 turns the upper-case card form into name case', () => {
		expect(toVietnameseNameCase('NGUYỄN THỊ MAI')).toBe('Nguyễn Thị Mai');
		expect(toVietnameseNameCase('đặng  ĐỨC ánh'.normalize('NFD'))).toBe('Đặng Đức Ánh');
	});

	it('I15 uses the Vietnamese collation', () => {
		expect(NAME_COLLATION_LOCALE).toBe('vi');
	});

	it('I15 orders by tên first: An < Ánh < Bảo', () => {
		expect(sortNames(['Lê Bảo', 'Trần Thị Ánh', 'Nguyễn Văn An'])).toEqual(['Nguyễn Văn An', 'Trần Thị Ánh', 'Lê Bảo']);
	});

	it('I15 compares base letters before tones, with ă â đ … as letters of their own', () => {
		const given = ['Yến', 'Đức', 'Ân', 'Bảo', 'Ánh', 'Dũng', 'Anh', 'Ăn', 'An', 'Ô', 'Ơn', 'Oanh', 'Uyên', 'Ưng'];
		expect(sortNames(given.map((g) => `Lê ${g}`)).map((n) => splitVietnameseName(n).given)).toEqual([
			'An', 'Anh', 'Ánh', 'Ăn', 'Ân', 'Bảo', 'Dũng', 'Đức', 'Oanh', 'Ô', 'Ơn', 'Uyên', 'Ưng', 'Yến'
		]);
	});

	it('I15 breaks ties by họ, then đệm', () => {
		expect(sortNames(['Trần Văn An', 'Nguyễn Văn An', 'Đỗ Văn An', 'Dương Văn An'])).toEqual([
			'Dương Văn An', 'Đỗ Văn An', 'Nguyễn Văn An', 'Trần Văn An'
		]);
		expect(sortNames(['Nguyễn Văn An', 'Nguyễn Thị An', 'Nguyễn An', 'Nguyễn Bảo An'])).toEqual([
			'Nguyễn An', 'Nguyễn Bảo An', 'Nguyễn Thị An', 'Nguyễn Văn An'
		]);
	});

	it('I15 returns 0 only for names equal after normalisation', () => {
		expect(compareVietnameseNames('Trần Thị Ánh', ' Trần  Thị Ánh'.normalize('NFD'))).toBe(0);
		expect(compareVietnameseNames('Trần Thị Ánh', 'Trần Thị Anh')).not.toBe(0);
		// A zero-width space is ignored by the collator, but the names still differ.
		expect(compareVietnameseNames('Lê An', 'Lê A\u200bn')).not.toBe(0);
	});

	const letters = ['a', 'á', 'à', 'ả', 'ã', 'ạ', 'ă', 'ắ', 'â', 'ấ', 'b', 'd', 'đ', 'e', 'ê', 'ế', 'i', 'n', 'h', 'o', 'ô', 'ơ', 'ờ', 'u', 'ư', 'ữ', 'y', 'ỹ', 'A', 'Đ', 'Ă'];
	const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
	const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

	it('I15 is a total order: antisymmetric, transitive, 0 only on equal names', () => {
		fc.assert(
			fc.property(name, name, name, (a, b, c) => {
				const ab = Math.sign(compareVietnameseNames(a, b));
				expect(Math.sign(compareVietnameseNames(b, a))).toBe(-ab || 0);
				expect(ab === 0).toBe(normaliseVietnameseName(a) === normaliseVietnameseName(b));
				const bc = Math.sign(compareVietnameseNames(b, c));
				if (ab <= 0 && bc <= 0) expect(compareVietnameseNames(a, c)).toBeLessThanOrEqual(0);
			}),
			{ numRuns: 500 }
		);
	});

	it('I15 sorts any permutation to the same order', () => {
		fc.assert(
			fc.property(
				fc.array(name, { maxLength: 25 }).chain((names) => fc.tuple(fc.constant(names), fc.shuffledSubarray(names, { minLength: names.length }))),
				([names, shuffled]) => {
					expect(sortNames(shuffled)).toEqual(sortNames(names));
				}
			)
		);
	});

	it('I15 sorts NFC and NFD spellings identically', () => {
		fc.assert(
			fc.property(fc.array(name, { maxLength: 25 }), (names) => {
				const nfc = sortNames(names.map((n) => n.normalize('NFC')));
				const nfd = sortNames(names.map((n) => n.normalize('NFD')));
				expect(nfd.map((n) => n.normalize('NFC'))).toEqual(nfc);
			})
		);
	});
});
