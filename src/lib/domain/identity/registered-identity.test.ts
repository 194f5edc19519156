import { describe, expect, it } from 'vitest';
import { matchesRegisteredIdentity } from './registered-identity';

const registered = { fullName: 'Đỗ Thị Khác', birthDate: '1990-03-15' };

describe('adding a registered person (I18)', () => {
	it('I18 accepts the same name in NFD, another case, with extra spaces, and the same date', () => {
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khác'.normalize('NFD'), birthDate: '1990-03-15' }, registered)).toBe(true);
		expect(matchesRegisteredIdentity({ fullName: '  đỗ   THỊ khác ', birthDate: '1990-03-15' }, registered)).toBe(true);
	});

	it('I18 accepts old and new tone placement of the registered name', () => {
		expect(matchesRegisteredIdentity({ fullName: 'Lê Thị Hoà', birthDate: '1980-01-02' }, { fullName: 'Lê Thị Hòa', birthDate: '1980-01-02' })).toBe(true);
	});

	it('I18 refuses a right number with another name', () => {
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khá', birthDate: '1990-03-15' }, registered)).toBe(false);
		expect(matchesRegisteredIdentity({ fullName: 'Do Thi Khac', birthDate: '1990-03-15' }, registered)).toBe(false);
		expect(matchesRegisteredIdentity({ fullName: 'Nguyễn Văn A', birthDate: '1990-03-15' }, registered)).toBe(false);
	});

	it('I18 refuses another date in the same birth year (the number alone would accept it)', () => {
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khác', birthDate: '1990-03-16' }, registered)).toBe(false);
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khác', birthDate: '1990-01-01' }, registered)).toBe(false);
	});

	it('I18 refuses an invalid or differently written date', () => {
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khác', birthDate: '15/03/1990' }, registered)).toBe(false);
		expect(matchesRegisteredIdentity({ fullName: 'Đỗ Thị Khác', birthDate: '1990-02-30' }, { fullName: 'Đỗ Thị Khác', birthDate: '1990-02-30' })).toBe(false);
	});
});
