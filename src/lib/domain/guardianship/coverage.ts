/**
 * Coverage of the pilot's identity targets (guardianship SPEC GV9): the share of students with a
 * personal ID, of live guardian links school-checked and authority-confirmed, and of guardians
 * and staff who signed in with VNeID — per class and for the school. Pure counting; a share of
 * nothing is null ("—"), never 100 %.
 */
export interface StudentFact {
	classCode: string;
	hasPersonalId: boolean;
}

export interface LinkFact {
	classCode: string;
	guardianId: string;
	state: string;
	guardianSignedInWithVneid: boolean;
}

export interface Share {
	done: number;
	total: number;
	/** Whole per cent, rounded down (99.6 % is not 100 %), or null when total is 0. */
	percent: number | null;
}

export interface CoverageFigures {
	students: Share;
	schoolChecked: Share;
	authorityConfirmed: Share;
	guardiansVneid: Share;
}

const share = (done: number, total: number): Share => ({ done, total, percent: total === 0 ? null : Math.floor((done * 100) / total) });

const LIVE = new Set(['declared', 'needs_more_info', 'school_checked', 'authority_confirmed']);
const CHECKED = new Set(['school_checked', 'authority_confirmed']);

export function coverageOf(students: readonly StudentFact[], links: readonly LinkFact[]): CoverageFigures {
	const live = links.filter((l) => LIVE.has(l.state));
	const guardians = new Map<string, boolean>();
	for (const l of live) guardians.set(l.guardianId, l.guardianSignedInWithVneid);
	return {
		students: share(students.filter((s) => s.hasPersonalId).length, students.length),
		schoolChecked: share(live.filter((l) => CHECKED.has(l.state)).length, live.length),
		authorityConfirmed: share(live.filter((l) => l.state === 'authority_confirmed').length, live.length),
		guardiansVneid: share([...guardians.values()].filter(Boolean).length, guardians.size)
	};
}

/** The figures for each class, in the order the classes are given. */
export function coverageByClass(classCodes: readonly string[], students: readonly StudentFact[], links: readonly LinkFact[]): Array<{ classCode: string; figures: CoverageFigures }> {
	return classCodes.map((classCode) => ({
		classCode,
		figures: coverageOf(
			students.filter((s) => s.classCode === classCode),
			links.filter((l) => l.classCode === classCode)
		)
	}));
}

export { share as coverageShare };
