/**
 * The demo's one officer of the education office above the school (role `district_officer`), so
 * the office's pages (/phong-gd/…) can be tried and tested. Fixed data outside the school's seeded
 * generator, so adding this person changes nothing else in the demo school.
 */
import { encodeCitizenId } from '../../src/lib/domain/identity/citizen-id';
import type { DemoPerson } from './demo-school-types';

export const DEMO_DISTRICT_OFFICER: DemoPerson = {
	id: 'office-01',
	fullName: 'Hoàng Minh Tuấn',
	familyName: 'Hoàng',
	middleName: 'Minh',
	givenName: 'Tuấn',
	sex: 'male',
	dateOfBirth: '1976-03-21',
	citizenId: encodeCitizenId({ province: '079', sex: 'male', birthYear: 1976, serial: 636_363 })
};
