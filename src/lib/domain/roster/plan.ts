/**
 * What committing a checked roster would do (roster SPEC RI13–RI14): each student and guardian
 * matched with the database by personal ID and MOET code, conflicts reported as errors, and every
 * person and link classified create / update / unchanged — so the same file again changes nothing
 * and a corrected file updates the records it names instead of adding new ones.
 */
import { matchesRegisteredIdentity } from '../identity/registered-identity';
import type { Relation } from './cells';
import type { ColumnKey } from './columns';
import type { GuardianRecord, RosterIssue, RowResult, StudentRecord } from './validate-rows';

/** A person the database already holds under a number the file names. */
export interface KnownPerson {
	personId: string;
	fullName: string;
	birthDate: string;
	gender: 'male' | 'female';
	phone: string | null;
	/**
	 * True when only this school's roster vouches for the person (a student of this school or a
	 * guardian of its students only, never signed in, no staff role): the school may correct them.
	 * Anyone else is only recognised when name and date of birth match (identity I18).
	 */
	editable: boolean;
	/** The student record of this person, if they are one. */
	student: { studentId: string; schoolId: string } | null;
}

export interface KnownStudent {
	studentId: string;
	personId: string;
	schoolId: string;
	moetCode: string;
	/** Class in the year being imported, or null when not enrolled. */
	classCode: string | null;
	/** The student's person as stored. */
	person: { fullName: string; birthDate: string; gender: 'male' | 'female' };
}

export interface KnownRoster {
	schoolId: string;
	personByPersonalId: ReadonlyMap<string, KnownPerson>;
	studentByMoetCode: ReadonlyMap<string, KnownStudent>;
	studentByPersonId: ReadonlyMap<string, KnownStudent>;
	/** Existing links: `${guardianPersonId}|${studentId}` → relation. */
	links: ReadonlyMap<string, string>;
}

export type Change = 'create' | 'update' | 'unchanged';

export interface StudentAction {
	line: number;
	change: Change;
	/** Existing ids when updating or unchanged. */
	studentId: string | null;
	personId: string | null;
	record: StudentRecord;
	/** Whether the personal ID is new for this person (set or replaced). */
	setsPersonalId: boolean;
}

export interface GuardianAction {
	line: number;
	change: Change;
	personId: string | null;
	record: GuardianRecord;
	/** The row's student: its action index in `students`. */
	studentIndex: number;
	link: Change;
	relation: Relation;
	/** Whether the import may correct the person's name and date of birth (RI13), else only the phone. */
	editable: boolean;
}

export interface RosterPlan {
	students: StudentAction[];
	guardians: GuardianAction[];
	issues: RosterIssue[];
	counts: { rows: number; errorRows: number; created: number; updated: number; unchanged: number };
}

const NEUTRAL_MISMATCH = 'Số định danh này đã được đăng ký cho một người khác họ tên hoặc ngày sinh.';
const NEUTRAL_FIX = 'Đối chiếu họ tên, ngày sinh và số định danh với căn cước; nếu đúng, liên hệ phòng giáo dục để kiểm tra hồ sơ đã đăng ký.';

const samePersonFields = (a: { fullName: string; birthDate: string; gender: string }, b: { fullName: string; birthDate: string; gender: string }) =>
	a.fullName === b.fullName && a.birthDate === b.birthDate && a.gender === b.gender;

/** RI13–RI14 over the rows RI2–RI12 accepted. */
export function planRosterImport(results: readonly RowResult[], known: KnownRoster): RosterPlan {
	const students: StudentAction[] = [];
	const guardians: GuardianAction[] = [];
	const writtenGuardians = new Set<string>();
	const issues: RosterIssue[] = results.flatMap((r) => r.issues);
	const errorLines = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.line));

	for (const result of results) {
		const { student } = result;
		if (!student) continue;
		const rowIssues: RosterIssue[] = [];
		const conflict = (column: ColumnKey, code: string, message: string, fix: string) =>
			rowIssues.push({ line: result.line, column, rule: 'RI13', code, severity: 'error', message, fix });

		const action = planStudent(result.line, student, known, conflict);
		const rowGuardians: Array<Omit<GuardianAction, 'studentIndex'>> = [];
		for (const guardian of result.guardians) {
			const column = `g${guardian.slot}.personalId` as ColumnKey;
			const person = known.personByPersonalId.get(guardian.personalId);
			if (person?.student) {
				conflict(column, 'guardian-is-registered-student', 'Số định danh phụ huynh là số của một học sinh đã có trong hệ thống.', 'Kiểm tra lại: có thể đã chép nhầm số của học sinh sang cột phụ huynh.');
				continue;
			}
			let change: Change = 'create';
			if (person) {
				const same = samePersonFields(guardian, person) && guardian.phone === person.phone;
				if (!person.editable && !matchesRegisteredIdentity(guardian, person)) {
					conflict(column, 'id-registered-to-another', NEUTRAL_MISMATCH, NEUTRAL_FIX);
					continue;
				}
				// Someone vouched for elsewhere keeps their registered name; only the phone is the school's.
				change = same || (!person.editable && guardian.phone === person.phone) ? 'unchanged' : 'update';
			}
			const linkKey = person && action?.studentId ? `${person.personId}|${action.studentId}` : null;
			const existingRelation = linkKey ? known.links.get(linkKey) : undefined;
			const link: Change = existingRelation === undefined ? 'create' : existingRelation === guardian.relation ? 'unchanged' : 'update';
			rowGuardians.push({ line: result.line, change, personId: person?.personId ?? null, record: guardian, link, relation: guardian.relation, editable: person?.editable ?? true });
		}
		if (rowIssues.length > 0 || !action) {
			issues.push(...rowIssues);
			errorLines.add(result.line);
			continue;
		}
		students.push(action);
		for (const g of rowGuardians) {
			// A guardian on several rows (siblings) is written once; later rows only add links.
			const seen = writtenGuardians.has(g.record.personalId);
			writtenGuardians.add(g.record.personalId);
			guardians.push({ ...g, change: seen ? 'unchanged' : g.change, studentIndex: students.length - 1 });
		}
	}

	const all = [...students.map((s) => s.change), ...guardians.map((g) => g.change), ...guardians.map((g) => g.link)];
	return {
		students,
		guardians,
		issues,
		counts: {
			rows: results.length,
			errorRows: errorLines.size,
			created: all.filter((c) => c === 'create').length,
			updated: all.filter((c) => c === 'update').length,
			unchanged: all.filter((c) => c === 'unchanged').length
		}
	};
}

function planStudent(
	line: number,
	student: StudentRecord,
	known: KnownRoster,
	conflict: (column: ColumnKey, code: string, message: string, fix: string) => void
): StudentAction | null {
	const byCode = known.studentByMoetCode.get(student.moetCode);
	const person = student.personalId ? known.personByPersonalId.get(student.personalId) : undefined;
	if (byCode && byCode.schoolId !== known.schoolId) {
		conflict('moetCode', 'moet-code-other-school', `Mã học sinh ${student.moetCode} thuộc học sinh của trường khác.`, 'Học sinh chuyển trường: trường cũ cần chuyển hồ sơ đi trước; nếu gõ nhầm, sửa lại mã.');
		return null;
	}
	if (person && !person.student) {
		conflict('personalId', 'id-belongs-to-adult', 'Số định danh học sinh đã được đăng ký cho một người lớn (cán bộ hoặc phụ huynh).', 'Kiểm tra lại số định danh của học sinh.');
		return null;
	}
	if (person?.student && person.student.schoolId !== known.schoolId) {
		conflict('personalId', 'id-student-other-school', 'Số định danh này là của một học sinh trường khác.', 'Học sinh chuyển trường: trường cũ cần chuyển hồ sơ đi trước; nếu gõ nhầm, sửa lại số.');
		return null;
	}
	if (person?.student && byCode && person.student.studentId !== byCode.studentId) {
		conflict('personalId', 'id-and-code-differ', `Mã học sinh ${student.moetCode} và số định danh này thuộc hai học sinh khác nhau trong hệ thống.`, 'Kiểm tra lại mã học sinh và số định danh: một trong hai bị gõ nhầm.');
		return null;
	}
	const existing = byCode ?? (person?.student ? known.studentByPersonId.get(person.personId) : undefined);
	if (!existing) return { line, change: 'create', studentId: null, personId: null, record: student, setsPersonalId: student.personalId !== null };
	const setsPersonalId = student.personalId !== null && person === undefined;
	const unchanged = !setsPersonalId && existing.moetCode === student.moetCode && existing.classCode === student.classCode && samePersonFields(student, existing.person);
	return { line, change: unchanged ? 'unchanged' : 'update', studentId: existing.studentId, personId: existing.personId, record: student, setsPersonalId };
}
