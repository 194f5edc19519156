/**
 * The demo school's accountant (role `accountant`, "Kế toán"), who manages fees (/quan-ly/hoc-phi).
 * Fixed data outside the school's seeded generator, like the district officer, so adding this person
 * changes nothing else in the demo school.
 */
import { encodeCitizenId } from '../../src/lib/domain/identity/citizen-id';
import type { DemoPerson } from './demo-school-types';

export const DEMO_ACCOUNTANT: DemoPerson = {
	id: 'accountant-01',
	fullName: 'Phan Thị Ngọc Hân',
	familyName: 'Phan',
	middleName: 'Thị Ngọc',
	givenName: 'Hân',
	sex: 'female',
	dateOfBirth: '1984-08-09',
	citizenId: encodeCitizenId({ province: '079', sex: 'female', birthYear: 1984, serial: 727_272 })
};

/** The demo school's collection account (fictitious; BIN 970436 used for illustration). */
export const DEMO_FEE_ACCOUNT = {
	bankBin: '970436',
	bankName: 'Ngân hàng mẫu (minh họa)',
	accountNumber: '0123456789',
	accountName: 'TRUONG THCS MAU',
	taxCode: '0301234567',
	address: 'Thành phố Hồ Chí Minh'
} as const;
