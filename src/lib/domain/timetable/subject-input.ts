/**
 * What a scheduler types into a timetable cell (TT6): a subject's short name ("Toán", "NN1",
 * "KHTN"), its name or a prefix of either, with or without Vietnamese diacritics, any case. The
 * candidates are the class's subjects and the school activities.
 */
export interface SubjectChoice {
	code: string;
	name: string;
	shortName: string;
}

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');

/** The one subject the text names, or why not (no match, or several). */
export function matchSubject(text: string, candidates: readonly SubjectChoice[]): { ok: true; code: string } | { ok: false; message: string } {
	const typed = fold(text);
	if (typed === '') return { ok: false, message: 'Hãy gõ tên môn.' };
	const exact = candidates.filter((c) => fold(c.shortName) === typed || fold(c.name) === typed || c.code === text.trim());
	if (exact.length === 1) return { ok: true, code: exact[0]!.code };
	const prefix = candidates.filter((c) => fold(c.shortName).startsWith(typed) || fold(c.name).startsWith(typed));
	if (prefix.length === 1) return { ok: true, code: prefix[0]!.code };
	if (prefix.length > 1) return { ok: false, message: `"${text.trim()}" khớp nhiều môn: ${prefix.map((c) => c.shortName).join(', ')}.` };
	return { ok: false, message: `Lớp này không học môn "${text.trim()}".` };
}
