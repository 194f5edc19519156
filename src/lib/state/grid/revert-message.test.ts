import { describe, expect, it } from 'vitest';
import { revertMessage } from './revert-message';

describe('what undo and redo say', () => {
	it('nothing when every cell went back; why a cell was left otherwise', () => {
		expect(revertMessage('undo', { applied: 3, skipped: 0, closed: 0 })).toBeNull();
		expect(revertMessage('undo', { applied: 0, skipped: 0, closed: 0 })).toBe('Không còn thay đổi nào của bạn để hoàn tác.');
		expect(revertMessage('redo', { applied: 2, skipped: 1, closed: 0 })).toBe('Đã làm lại 2 ô; 1 ô giữ nguyên vì người khác đã sửa sau bạn.');
	});

	it('V19: a student who left keeps their marks: undo says so instead of writing', () => {
		expect(revertMessage('undo', { applied: 0, skipped: 0, closed: 1 })).toBe('Không hoàn tác được: 1 ô của học sinh đã rời lớp được giữ nguyên (chỉ xem được).');
		expect(revertMessage('undo', { applied: 4, skipped: 1, closed: 2 })).toBe(
			'Đã hoàn tác 4 ô; 1 ô giữ nguyên vì người khác đã sửa sau bạn; 2 ô của học sinh đã rời lớp được giữ nguyên (chỉ xem được).'
		);
	});
});
