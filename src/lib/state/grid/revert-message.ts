/** What the grid says after Ctrl+Z / Ctrl+Y: nothing when every cell went back, else why not. */
export function revertMessage(direction: 'undo' | 'redo', outcome: { applied: number; skipped: number; closed: number }): string | null {
	const { applied, skipped, closed } = outcome;
	const verb = direction === 'undo' ? 'hoàn tác' : 'làm lại';
	if (applied === 0 && skipped === 0 && closed === 0) return `Không còn thay đổi nào của bạn để ${verb}.`;
	const kept = [
		skipped > 0 ? `${skipped} ô giữ nguyên vì người khác đã sửa sau bạn` : '',
		closed > 0 ? `${closed} ô của học sinh đã rời lớp được giữ nguyên (chỉ xem được)` : ''
	].filter(Boolean);
	if (kept.length === 0) return null;
	return applied === 0 ? `Không ${verb} được: ${kept.join('; ')}.` : `Đã ${verb} ${applied} ô; ${kept.join('; ')}.`;
}
