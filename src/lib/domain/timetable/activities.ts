/**
 * School activities in the week (docs/domain/curriculum.md §2, §4): the flag ceremony (chào cờ,
 * Monday period 1) and the class meeting (sinh hoạt lớp) are periods of Hoạt động trải nghiệm,
 * hướng nghiệp, so the weekly count (TK4) counts them as HĐTN-HN.
 */
export const ACTIVITY_CODES = ['chao-co', 'sinh-hoat-lop'] as const;

export function countedSubject(subject: string): string {
	return (ACTIVITY_CODES as readonly string[]).includes(subject) ? 'hdtn-hn' : subject;
}
