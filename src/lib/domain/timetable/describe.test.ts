import { describe, expect, it } from 'vitest';
import { describeConflict } from './describe';

const names = { teacher: (id: string) => ({ lan: 'Nguyễn Thị Lan' })[id] ?? id, className: (c: string) => c.toUpperCase(), room: () => 'Phòng máy tính', subject: (s: string) => ({ toan: 'Toán' })[s] ?? s };

describe('conflicts in Vietnamese', () => {
	it('TK2 names the teacher, every class and the slot', () => {
		expect(describeConflict({ rule: 'TK2', id: 'x', teacher: 'lan', slot: '2-sang-1', classes: ['6a1', '6a2'] }, names)).toBe(
			'Nguyễn Thị Lan dạy cùng lúc 2 lớp (6A1, 6A2) — Thứ Hai, sáng, tiết 1'
		);
	});
	it('TK3, TK4 (too few and too many), TK5–TK8', () => {
		expect(describeConflict({ rule: 'TK3', id: 'x', room: 'phong-may', slot: '3-chieu-2', classes: ['6a1', '7a1'] }, names)).toBe('Phòng máy tính có 2 lớp cùng lúc (6A1, 7A1) — Thứ Ba, chiều, tiết 2');
		expect(describeConflict({ rule: 'TK4', id: 'x', classCode: '6a1', subject: 'toan', planned: 4, scheduled: 3 }, names)).toBe('Lớp 6A1: Toán có 3/4 tiết một tuần (thiếu 1)');
		expect(describeConflict({ rule: 'TK4', id: 'x', classCode: '6a1', subject: 'toan', planned: 4, scheduled: 6 }, names)).toBe('Lớp 6A1: Toán có 6/4 tiết một tuần (thừa 2)');
		expect(describeConflict({ rule: 'TK5', id: 'x', teacher: 'lan', norm: 15, scheduled: 17 }, names)).toBe('Nguyễn Thị Lan dạy 17 tiết một tuần, quá định mức 15 tiết');
		expect(describeConflict({ rule: 'TK6', id: 'x', teacher: 'lan', day: 4, maximum: 5, scheduled: 6 }, names)).toBe('Nguyễn Thị Lan dạy 6 tiết vào Thứ Tư, quá tối đa 5 tiết một ngày');
		expect(describeConflict({ rule: 'TK7', id: 'x', teacher: 'lan', slot: '7-sang-5', classCode: '9a1' }, names)).toBe('Nguyễn Thị Lan đã báo bận — lớp 9A1, Thứ Bảy, sáng, tiết 5');
		expect(describeConflict({ rule: 'TK8', id: 'x', classCode: '6a1', subject: 'toan', day: 2 }, names)).toBe('Lớp 6A1: Toán học cả buổi sáng và buổi chiều Thứ Hai');
	});
});
