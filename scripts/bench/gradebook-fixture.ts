/**
 * The documents the load writes to: real gradebook names, header and roster (a grade-6 maths
 * class of 40), and for each client the cells it enters. Pure: the seed decides everything.
 */
import { assessmentColumns } from '../../src/lib/domain/curriculum/subjects';
import { formatDocumentName } from '../../src/lib/ydoc/document-name';
import type { GradebookMeta, RosterEntry } from '../../src/lib/ydoc/gradebook';

export const STUDENTS_PER_CLASS = 40;

const SCHOOL = 'thcs-bench';
const YEAR = '2025-2026';
const COLUMNS = assessmentColumns('toan', 6).map(({ key, label, kind }) => ({ key, label, kind }));

export function documentName(index: number): string {
	return formatDocumentName({ kind: 'gradebook', school: SCHOOL, year: YEAR, term: 'hk1', classCode: classCode(index), subject: 'toan' });
}

function classCode(index: number): string {
	return `6a${index + 1}`;
}

export function gradebookHeader(index: number): Omit<GradebookMeta, 'schemaVersion'> {
	return {
		school: SCHOOL,
		year: YEAR,
		term: 'hk1',
		classCode: classCode(index),
		className: `6A${index + 1}`,
		subjectCode: 'toan',
		subjectName: 'Toán',
		assessment: 'score',
		columns: COLUMNS
	};
}

export function roster(index: number): RosterEntry[] {
	return Array.from({ length: STUDENTS_PER_CLASS }, (_, student) => {
		const number = String(student + 1).padStart(2, '0');
		return { id: studentId(index, student), name: `Học sinh ${number}`, code: `hs${index + 1}-${number}` };
	});
}

function studentId(documentIndex: number, student: number): string {
	return `hs-${documentIndex + 1}-${student + 1}`;
}

export interface CellTarget {
	studentId: string;
	columnKey: string;
}

/**
 * The cells client `client` of `clients` enters, in order, as a teacher goes down a column: its
 * own share of the roster (no two clients write the same cell, so every change has one author
 * and its fan-out can be timed), column after column, then round again.
 */
export function cellPlan(documentIndex: number, client: number, clients: number): CellTarget[] {
	const students = Array.from({ length: STUDENTS_PER_CLASS }, (_, student) => student).filter((student) => student % clients === client);
	return COLUMNS.flatMap((column) => students.map((student) => ({ studentId: studentId(documentIndex, student), columnKey: column.key })));
}

/** mulberry32: a small seeded generator, so two runs offer the same load. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
