/**
 * What changed since the last import (exchange SPEC CX7–CX9): the roster plan of the export
 * (roster RI14) compared with the school's students as they are, in the words a reviewer uses —
 * joined, left (with the state), came back, changed class, changed name or date of birth. Each
 * row's changes are applied only when a person selects and confirms them.
 */
import type { RosterPlan } from '../roster/plan';
import { statusOf, type StatusCode } from './student-export';

export type ChangeKind = 'joined' | 'left' | 'returned' | 'status' | 'class' | 'name' | 'birthDate' | 'details' | 'guardians';

export const CHANGE_NAMES: Record<ChangeKind, string> = {
	joined: 'Mới vào trường',
	left: 'Rời trường',
	returned: 'Học lại',
	status: 'Đổi trạng thái',
	class: 'Chuyển lớp',
	name: 'Đổi họ tên',
	birthDate: 'Đổi ngày sinh',
	details: 'Bổ sung thông tin',
	guardians: 'Phụ huynh'
};

/** A student as the school holds them now, in the year being imported. */
export interface CurrentStudent {
	studentId: string;
	moetCode: string;
	fullName: string;
	birthDate: string;
	classCode: string | null;
	status: StatusCode;
}

export interface StudentChange {
	/** The export's line: the key by which a person selects the change. */
	line: number;
	moetCode: string;
	fullName: string;
	kinds: ChangeKind[];
	/** Human-readable "before → after" for each kind, in Vietnamese. */
	details: string[];
	status: StatusCode;
}

export interface ChangeReport {
	changes: StudentChange[];
	/** Enrolled students of the school that the export does not list (shown, never applied). */
	absent: Array<{ moetCode: string; fullName: string; classCode: string | null }>;
	unchanged: number;
}

const dmy = (iso: string) => iso.split('-').reverse().join('/');

/**
 * CX7: per row of the export, the changes against `current` (by the student the roster plan
 * matched); `statuses` gives each line's state from the export.
 */
export function detectChanges(plan: Pick<RosterPlan, 'students' | 'guardians'>, statuses: ReadonlyMap<number, StatusCode>, current: readonly CurrentStudent[], classNames: ReadonlyMap<string, string> = new Map()): ChangeReport {
	const byId = new Map(current.map((c) => [c.studentId, c]));
	const seen = new Set<string>();
	const changes: StudentChange[] = [];
	let unchanged = 0;
	const className = (code: string | null) => (code === null ? 'chưa xếp lớp' : (classNames.get(code) ?? code));
	plan.students.forEach((action, index) => {
		const status = statuses.get(action.line) ?? 'dang-hoc';
		const enrolled = statusOf(status).enrolled;
		const now = action.studentId ? byId.get(action.studentId) : undefined;
		if (action.studentId) seen.add(action.studentId);
		const kinds: ChangeKind[] = [];
		const details: string[] = [];
		const guardianChanged = plan.guardians.some((g) => g.studentIndex === index && (g.change !== 'unchanged' || g.link !== 'unchanged'));
		const { record } = action;
		if (!now) {
			kinds.push('joined');
			details.push(`Vào lớp ${className(record.classCode)}${enrolled ? '' : `, trạng thái ${statusOf(status).name}`}`);
		} else {
			const wasEnrolled = statusOf(now.status).enrolled;
			if (wasEnrolled && !enrolled) kinds.push('left');
			else if (!wasEnrolled && enrolled) kinds.push('returned');
			else if (now.status !== status) kinds.push('status');
			if (now.status !== status) details.push(`Trạng thái: ${statusOf(now.status).name} → ${statusOf(status).name}`);
			if (now.classCode !== record.classCode) {
				kinds.push('class');
				details.push(`Lớp: ${className(now.classCode)} → ${className(record.classCode)}`);
			}
			if (now.fullName !== record.fullName) {
				kinds.push('name');
				details.push(`Họ tên: ${now.fullName} → ${record.fullName}`);
			}
			if (now.birthDate !== record.birthDate) {
				kinds.push('birthDate');
				details.push(`Ngày sinh: ${dmy(now.birthDate)} → ${dmy(record.birthDate)}`);
			}
			if (action.change === 'update' && !kinds.some((k) => k === 'class' || k === 'name' || k === 'birthDate')) {
				kinds.push('details');
				details.push(action.setsPersonalId ? 'Bổ sung số định danh' : 'Sửa giới tính hoặc mã học sinh');
			}
		}
		if (guardianChanged) {
			kinds.push('guardians');
			details.push('Khai báo hoặc cập nhật cha, mẹ');
		}
		if (kinds.length === 0) unchanged++;
		else changes.push({ line: action.line, moetCode: record.moetCode, fullName: record.fullName, kinds, details, status });
	});
	const absent = current.filter((c) => !seen.has(c.studentId) && statusOf(c.status).enrolled).map((c) => ({ moetCode: c.moetCode, fullName: c.fullName, classCode: c.classCode }));
	return { changes, absent, unchanged };
}
