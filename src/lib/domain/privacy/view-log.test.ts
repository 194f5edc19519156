import { describe, expect, it } from 'vitest';
import { emptyGrants, type Grants } from '../access/grants';
import { entryConcernsChild, scopeColumns, viewerRoleLabel, VIEW_LOG_RETENTION_MONTHS, viewLogCutoff, type ChildPlacement, type LoggedScope } from './view-log';

const child: ChildPlacement = {
	student: 'hs-1',
	school: 's1',
	enrolments: [
		{ school: 's1', year: '2024-2025', classCode: '6a1' },
		{ school: 's1', year: '2025-2026', classCode: '7a1' }
	]
};

const entry = (scope: Partial<LoggedScope>): LoggedScope => ({ schoolId: 's1', year: '2025-2026', classCode: null, studentId: null, ...scope });

describe('scope columns (PR5)', () => {
	it('a class view is one row naming the class, never its students', () => {
		expect(scopeColumns({ kind: 'class', school: 's1', year: '2025-2026', classCode: '7a1' })).toEqual({ schoolId: 's1', year: '2025-2026', classCode: '7a1', studentId: null });
		expect(scopeColumns({ kind: 'student', school: 's1', year: null, student: 'hs-1' })).toEqual({ schoolId: 's1', year: null, classCode: null, studentId: 'hs-1' });
		expect(scopeColumns({ kind: 'school', school: 's1', year: '2025-2026' })).toEqual({ schoolId: 's1', year: '2025-2026', classCode: null, studentId: null });
	});
});

describe('which entries concern a child (PR7)', () => {
	it('an entry naming the child does; one naming another student never', () => {
		expect(entryConcernsChild(entry({ studentId: 'hs-1' }), child)).toBe(true);
		expect(entryConcernsChild(entry({ studentId: 'hs-2' }), child)).toBe(false);
		expect(entryConcernsChild(entry({ studentId: 'hs-2', classCode: '7a1' }), child)).toBe(false);
	});
	it('a class entry does for the class the child was in that year only', () => {
		expect(entryConcernsChild(entry({ classCode: '7a1' }), child)).toBe(true);
		expect(entryConcernsChild(entry({ classCode: '6a1', year: '2024-2025' }), child)).toBe(true);
		expect(entryConcernsChild(entry({ classCode: '6a1' }), child)).toBe(false);
		expect(entryConcernsChild(entry({ classCode: '7a2' }), child)).toBe(false);
		expect(entryConcernsChild(entry({ classCode: '7a1', schoolId: 's2' }), child)).toBe(false);
	});
	it('a school-wide entry does for a school and year the child was enrolled at', () => {
		expect(entryConcernsChild(entry({}), child)).toBe(true);
		expect(entryConcernsChild(entry({ year: null }), child)).toBe(true);
		expect(entryConcernsChild(entry({ year: '2023-2024' }), child)).toBe(false);
		expect(entryConcernsChild(entry({ schoolId: 's2' }), child)).toBe(false);
	});
});

describe('role labels (PR6)', () => {
	const teacher: Grants = {
		...emptyGrants('t'),
		roles: [{ organisation: 's1', role: 'teacher' }],
		teaching: [{ school: 's1', year: '2025-2026', classCode: '7a1', subject: 'toan' }],
		homeroom: [{ school: 's1', year: '2025-2026', classCode: '7a2' }]
	};
	const inClass = (classCode: string, subject?: { code: string; name: string }) => ({ school: 's1', year: '2025-2026', classCode, ...(subject ? { subject } : {}) });
	it('a subject teacher in their gradebook: "Giáo viên bộ môn Toán"', () => {
		expect(viewerRoleLabel(teacher, inClass('7a1', { code: 'toan', name: 'Toán' }))).toBe('Giáo viên bộ môn Toán');
		expect(viewerRoleLabel(teacher, inClass('7a1'))).toBe('Giáo viên bộ môn');
	});
	it('the homeroom teacher of the class', () => {
		expect(viewerRoleLabel(teacher, inClass('7a2'), '7A2')).toBe('Giáo viên chủ nhiệm lớp 7A2');
	});
	it('leaders by their title, before any teaching they do', () => {
		const principal: Grants = { ...teacher, roles: [{ organisation: 's1', role: 'principal' }, ...teacher.roles] };
		expect(viewerRoleLabel(principal, inClass('7a1', { code: 'toan', name: 'Toán' }))).toBe('Hiệu trưởng');
		expect(viewerRoleLabel({ ...emptyGrants('v'), roles: [{ organisation: 's1', role: 'vice_principal' }] }, { school: 's1' })).toBe('Phó hiệu trưởng');
		// A leader of another school is not labelled a leader here.
		expect(viewerRoleLabel({ ...teacher, roles: [{ organisation: 's2', role: 'principal' }, ...teacher.roles] }, { school: 's1' })).toBe('Giáo viên');
	});
	it('a guardian by relation', () => {
		expect(viewerRoleLabel(emptyGrants('g'), { school: 's1', relation: 'mother' })).toBe('Phụ huynh (mẹ)');
		expect(viewerRoleLabel(emptyGrants('g'), { school: 's1', relation: 'guardian' })).toBe('Phụ huynh (người giám hộ)');
	});
});

describe('view-log retention (PR16)', () => {
	it('PR16 the cutoff is the same instant 24 calendar months earlier', () => {
		expect(VIEW_LOG_RETENTION_MONTHS).toBe(24);
		expect(viewLogCutoff(new Date('2026-11-30T14:05:00.000Z')).toISOString()).toBe('2024-11-30T14:05:00.000Z');
		expect(viewLogCutoff(new Date('2026-01-15T00:00:00.000Z')).toISOString()).toBe('2024-01-15T00:00:00.000Z');
	});

	it('PR16 a day the earlier month lacks clamps to its last day', () => {
		expect(viewLogCutoff(new Date('2026-02-28T08:00:00.000Z')).toISOString()).toBe('2024-02-28T08:00:00.000Z');
		expect(viewLogCutoff(new Date('2027-02-28T08:00:00.000Z')).toISOString()).toBe('2025-02-28T08:00:00.000Z');
		expect(viewLogCutoff(new Date('2026-03-31T08:00:00.000Z')).toISOString()).toBe('2024-03-31T08:00:00.000Z');
		expect(viewLogCutoff(new Date('2027-05-31T08:00:00.000Z')).toISOString()).toBe('2025-05-31T08:00:00.000Z');
		expect(viewLogCutoff(new Date('2028-02-29T08:00:00.000Z')).toISOString()).toBe('2026-02-28T08:00:00.000Z');
	});
});
