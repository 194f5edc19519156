import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	NAME_COLLATION_LOCALE,
	checkPersonName,
	compareVietnameseNames,
	hasHiddenCharacter,
	nameMatchKey,
	sameVietnameseName,
	joinVietnameseName,
	normaliseVietnameseName,
	sortByVietnameseName,
	splitVietnameseName,
	toVietnameseNameCase
} from './vietnamese-name';

const letters = ['a', 'á', 'à', 'ả', 'ã', 'ạ', 'ă', 'ắ', 'â', 'ấ', 'b', 'd', 'đ', 'e', 'ê', 'ế', 'i', 'n', 'h', 'o', 'ô', 'ơ', 'ờ', 'u', 'ư', 'ữ', 'y', 'ỹ', 'A', 'Đ', 'Ă'];
const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

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


	it('I15 sortByVietnameseName gives the order of compareVietnameseNames, ties by the tie-breaker', () => {
		fc.assert(
			fc.property(fc.array(name, { maxLength: 40 }), (names) => {
				const items = names.map((fullName, index) => ({ fullName, index }));
				const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index;
				const expected = [...items].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || byIndex(a, b));
				expect(sortByVietnameseName(items, (i) => i.fullName, byIndex)).toEqual(expected);
			})
		);
		expect(sortByVietnameseName(['Đặng Văn Zơ', 'Trần Thị Anh', 'Nguyễn Văn Ân', 'Lê Anh'], (n) => n)).toEqual([
			'Lê Anh', 'Trần Thị Anh', 'Nguyễn Văn Ân', 'Đặng Văn Zơ'
		]);
	});

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

describe('names as they enter the system', () => {
	const HIDDEN = [
		...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e],
		...[0x2066, 0x2067, 0x2068, 0x2069],
		...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff],
		...[0x200e, 0x200f, 0x061c],
		...[0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9f]
	].map((cp) => String.fromCodePoint(cp));

	it('I16 refuses every bidi control, zero-width character and control character, anywhere in the name', () => {
		for (const hidden of HIDDEN) {
			for (const name of [`${hidden}Nguyễn Văn An`, `Nguyễn ${hidden}Văn An`, `Nguyễn Văn An${hidden}`]) {
				expect(hasHiddenCharacter(name)).toBe(true);
				const checked = checkPersonName(name);
				expect(checked.ok).toBe(false);
				if (!checked.ok) {
					expect(checked.code).toBe('hidden-character');
					expect(checked.message).toContain('ký tự ẩn');
				}
			}
		}
	});

	it('I16 refuses the classic right-to-left override that shows a name backwards', () => {
		expect(checkPersonName('Trần \u202Ehnaoh T\u202C')).toMatchObject({ ok: false, code: 'hidden-character' });
	});

	it('I16 accepts Vietnamese names in NFC or NFD and with ordinary whitespace, normalised by I14', () => {
		expect(checkPersonName('  Nguyễn\tThị   Ánh  '.normalize('NFD'))).toEqual({ ok: true, name: 'Nguyễn Thị Ánh'.normalize('NFC') });
		expect(checkPersonName('Đặng Quốc Bảo')).toEqual({ ok: true, name: 'Đặng Quốc Bảo' });
	});

	it('I16 limits a name to 2–100 characters', () => {
		expect(checkPersonName(' A ')).toMatchObject({ ok: false, code: 'name-length' });
		expect(checkPersonName('A'.repeat(101))).toMatchObject({ ok: false, code: 'name-length' });
		expect(checkPersonName('A'.repeat(100)).ok).toBe(true);
	});

	it('I16 finds no hidden character in any ordinary Vietnamese name', () => {
		fc.assert(fc.property(name, (n) => !hasHiddenCharacter(n)));
	});

	it('I17 matches NFC and NFD, case and extra spaces', () => {
		expect(sameVietnameseName('Nguyễn Thị Toán', 'Nguyễn Thị Toán'.normalize('NFD'))).toBe(true);
		expect(sameVietnameseName('Nguyễn Thị Toán', '  NGUYỄN   thị toán ')).toBe(true);
		expect(sameVietnameseName('Đỗ Thị Khác', 'đỗ thị khác')).toBe(true);
	});

	it('I17 matches old and new tone placement (Hòa/Hoà, Thúy/Thuý, Khỏe/Khoẻ)', () => {
		expect(sameVietnameseName('Lê Thị Hòa', 'Lê Thị Hoà')).toBe(true);
		expect(sameVietnameseName('Phan Thúy', 'Phan Thuý')).toBe(true);
		expect(sameVietnameseName('Vũ Khỏe', 'VŨ KHOẺ')).toBe(true);
	});

	it('I17 tells apart another tone, another letter, a missing word and another order', () => {
		expect(sameVietnameseName('Nguyễn Thị Toán', 'Nguyễn Thị Toàn')).toBe(false);
		expect(sameVietnameseName('Nguyễn Thị Toán', 'Nguyen Thi Toan')).toBe(false);
		expect(sameVietnameseName('Đỗ Thị Khác', 'Do Thị Khác')).toBe(false);
		expect(sameVietnameseName('Nguyễn Thị Toán', 'Nguyễn Toán')).toBe(false);
		expect(sameVietnameseName('Nguyễn Thị Toán', 'Toán Thị Nguyễn')).toBe(false);
		expect(sameVietnameseName('Lê Ân', 'Lê Ấn')).toBe(false);
	});

	it('I17 gives every NFC/NFD, case and spacing variant of a name the same key', () => {
		fc.assert(
			fc.property(name, fc.boolean(), fc.boolean(), (n, nfd, upper) => {
				let variant = nfd ? n.normalize('NFD') : n.normalize('NFC');
				if (upper) variant = variant.toLocaleUpperCase('vi');
				variant = ` ${variant.replace(/ /g, '   ')} `;
				expect(nameMatchKey(variant)).toBe(nameMatchKey(n));
			})
		);
	});
});
