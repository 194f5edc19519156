/**
 * G11 — year conduct result (kết quả rèn luyện cả năm), Điều 8. Term results are set by the
 * homeroom teacher (no formula); the year result follows this table exactly as docs/domain/tt22.md §6
 * gives it (rows: term II, columns: term I).
 */
import { parseLevel, type Level } from './level';

export const CONDUCT_YEAR_TABLE: Readonly<Record<Level, Readonly<Record<Level, Level>>>> = {
	Tốt: { Tốt: 'Tốt', Khá: 'Tốt', Đạt: 'Khá', 'Chưa đạt': 'Khá' },
	Khá: { Tốt: 'Khá', Khá: 'Khá', Đạt: 'Khá', 'Chưa đạt': 'Đạt' },
	Đạt: { Tốt: 'Khá', Khá: 'Đạt', Đạt: 'Đạt', 'Chưa đạt': 'Đạt' },
	'Chưa đạt': { Tốt: 'Chưa đạt', Khá: 'Chưa đạt', Đạt: 'Chưa đạt', 'Chưa đạt': 'Chưa đạt' }
};

export function conductYearLevel(term1: Level, term2: Level): Level {
	const first = parseLevel(term1, 'Rèn luyện HK I');
	const second = parseLevel(term2, 'Rèn luyện HK II');
	return CONDUCT_YEAR_TABLE[second][first];
}
