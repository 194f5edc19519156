/**
 * The gradebook's computed columns, from one student's marks, with the TT22 engine:
 * ĐTBmhk per term (G4) or the comment-subject term result Đ/CĐ (G7), ĐTBmcn (G6) or the comment
 * year result (G8) in term II. While a required mark is missing nothing is computed and the
 * result says which marks are missing (G5: "Thiếu ĐĐGck"), so the grid can show why.
 */
import {
	formatTenths,
	isRegularCount,
	tryCommentTermResult,
	tryCommentYearResult,
	tryTermAverageTenths,
	tryYearAverageTenths,
	type Mark,
	type Tenths
} from '../tt22/index';

export type MarkValue = number | Mark | null;

export interface MarkColumn {
	key: string;
	label: string;
	kind: 'regular' | 'mid-term' | 'end-of-term';
}

export type Computed =
	| { kind: 'average'; tenths: number }
	| { kind: 'result'; mark: Mark }
	/** Not computed yet: `missing` names the cells still empty, `reason` says it in words. */
	| { kind: 'pending'; reason: string; missing: string[] }
	/** No mark entered at all: shown blank. */
	| { kind: 'empty' }
	| { kind: 'invalid'; reason: string };

export type Assessment = 'score' | 'comment';

/** ĐTBmhk (scored subject) or the term result Đ/CĐ (comment subject) of one student. */
export function termResult(assessment: Assessment, columns: readonly MarkColumn[], valueOf: (columnKey: string) => MarkValue): Computed {
	const values = columns.map((column) => valueOf(column.key));
	if (values.every((value) => value === null)) return { kind: 'empty' };
	const missing = columns.filter((_, i) => values[i] === null).map((column) => column.label);
	if (missing.length > 0) return { kind: 'pending', reason: `Thiếu ${missing.join(', ')}`, missing };
	const pick = (kind: MarkColumn['kind']) => columns.flatMap((column, i) => (column.kind === kind ? [values[i]] : []));
	const regular = pick('regular');
	const [midterm] = pick('mid-term');
	const [final] = pick('end-of-term');
	if (assessment === 'comment') {
		if (![...regular, midterm, final].every((v) => v === 'Đ' || v === 'CĐ')) return { kind: 'invalid', reason: 'Môn đánh giá bằng nhận xét chỉ nhận Đ hoặc CĐ' };
		const result = tryCommentTermResult({ regular: regular as Mark[], midterm: midterm as Mark, final: final as Mark });
		return result.ok ? { kind: 'result', mark: result.value } : { kind: 'invalid', reason: result.reason };
	}
	if (![...regular, midterm, final].every((v) => typeof v === 'number')) return { kind: 'invalid', reason: 'Môn tính điểm chỉ nhận điểm số' };
	const regularCount = regular.length;
	const result = tryTermAverageTenths(
		{ regular: regular as Tenths[], midterm: midterm as Tenths, final: final as Tenths },
		isRegularCount(regularCount) ? { regularCount } : undefined
	);
	return result.ok ? { kind: 'average', tenths: result.value } : { kind: 'invalid', reason: result.reason };
}

/**
 * ĐTBmcn = (ĐTBmhk I + 2·ĐTBmhk II) / 3 for a scored subject; the term II result for a comment
 * subject (term I must be there too). `term1` undefined: the term I gradebook could not be read.
 */
export function yearResult(assessment: Assessment, term1: Computed | undefined, term2: Computed): Computed {
	const wanted = assessment === 'score' ? 'average' : 'result';
	const label = assessment === 'score' ? 'ĐTBmhk' : 'KQ HK';
	if (term2.kind === 'empty' && (!term1 || term1.kind === 'empty')) return { kind: 'empty' };
	if (!term1) return { kind: 'pending', reason: 'Chưa tải được sổ học kì I', missing: [`${label} I`] };
	const missing = [term1.kind !== wanted ? `${label} I` : null, term2.kind !== wanted ? `${label} II` : null].filter((m) => m !== null);
	if (missing.length > 0) return { kind: 'pending', reason: `Chưa có ${missing.join(', ')}`, missing };
	if (term1.kind === 'average' && term2.kind === 'average') {
		const result = tryYearAverageTenths(term1.tenths as Tenths, term2.tenths as Tenths);
		return result.ok ? { kind: 'average', tenths: result.value } : { kind: 'invalid', reason: result.reason };
	}
	if (term1.kind === 'result' && term2.kind === 'result') {
		const result = tryCommentYearResult(term1.mark, term2.mark);
		return result.ok ? { kind: 'result', mark: result.value } : { kind: 'invalid', reason: result.reason };
	}
	return { kind: 'invalid', reason: 'Kết quả hai học kì không cùng loại' };
}

/** What the grid shows in a computed cell (short) and as its tooltip (full). */
export function describeComputed(computed: Computed): { text: string; title: string } {
	switch (computed.kind) {
		case 'average':
			return { text: formatTenths(computed.tenths as Tenths), title: '' };
		case 'result':
			return { text: computed.mark, title: computed.mark === 'Đ' ? 'Đạt' : 'Chưa đạt' };
		case 'pending': {
			const [first, ...rest] = computed.missing;
			const verb = computed.reason.startsWith('Thiếu') ? 'Thiếu' : computed.reason.startsWith('Chưa có') ? 'Chưa có' : null;
			const short = first && verb ? `${verb} ${first}${rest.length ? ` +${rest.length}` : ''}` : computed.reason;
			return { text: short, title: `Chưa tính: ${computed.reason}` };
		}
		case 'invalid':
			return { text: 'Lỗi', title: computed.reason };
		case 'empty':
			return { text: '', title: 'Chưa có điểm' };
	}
}
