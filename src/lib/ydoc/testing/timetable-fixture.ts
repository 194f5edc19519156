/** A small timetable header and roster for tests: two classes, three teachers, one special room. */
import { DEFAULT_GRID } from '../../domain/timetable/period-grid';
import { defaultBells, type TimetableMeta, type TimetableRoster } from '../timetable';

export function timetableHeader(overrides: Partial<Omit<TimetableMeta, 'schemaVersion'>> = {}): Omit<TimetableMeta, 'schemaVersion'> {
	return {
		school: 'thcs-nvb',
		year: '2025-2026',
		version: 'v1',
		label: 'Thời khóa biểu số 1',
		effectiveFrom: '2025-09-08',
		copiedFrom: null,
		grid: DEFAULT_GRID,
		bells: defaultBells(DEFAULT_GRID),
		dailyMaximum: 5,
		noSessionSplit: true,
		...overrides
	};
}

export function timetableRoster(): TimetableRoster {
	return {
		classes: [
			{ code: '6a1', name: '6A1', grade: 6, subjects: [{ subject: 'toan', teacher: 'gv-lan' }, { subject: 'ngu-van', teacher: 'gv-minh' }, { subject: 'tin-hoc', teacher: 'gv-hoa' }] },
			{ code: '6a2', name: '6A2', grade: 6, subjects: [{ subject: 'toan', teacher: 'gv-lan' }, { subject: 'ngu-van', teacher: 'gv-minh' }, { subject: 'tin-hoc', teacher: null }] }
		],
		teachers: [
			{ id: 'gv-lan', name: 'Nguyễn Thị Lan', subjects: ['toan'], weeklyNorm: 19 },
			{ id: 'gv-minh', name: 'Trần Văn Minh', subjects: ['ngu-van'], weeklyNorm: 15 },
			{ id: 'gv-hoa', name: 'Lê Thị Hoa', subjects: ['tin-hoc'], weeklyNorm: null }
		],
		rooms: [{ id: 'phong-may', name: 'Phòng máy' }],
		subjects: [
			{ code: 'toan', name: 'Toán', shortName: 'Toán' },
			{ code: 'ngu-van', name: 'Ngữ văn', shortName: 'Văn' },
			{ code: 'tin-hoc', name: 'Tin học', shortName: 'Tin' },
			{ code: 'chao-co', name: 'Chào cờ', shortName: 'Chào cờ' },
			{ code: 'sinh-hoat-lop', name: 'Sinh hoạt lớp', shortName: 'SHL' }
		]
	};
}
