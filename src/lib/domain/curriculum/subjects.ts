/**
 * THCS subjects of the 2018 general education programme (TT 32/2018 as
 * amended by TT 20/2021 and TT 13/2022), grades 6–9, as data.
 * Rules C1–C8 in SPEC.md; sources: docs/domain/curriculum.md §2,
 * docs/domain/tt22.md §2–3.
 *
 * Period counts can change by circular: they live here as data keyed by
 * programme version, never as constants inside rules.
 */

export const PROGRAMME_VERSION = 'gdpt-2018';

export const GRADES = [6, 7, 8, 9] as const;
export type Grade = (typeof GRADES)[number];

export type AssessmentKind = 'score' | 'comment';

/**
 * Codes are URL-safe lowercase ASCII: they appear in document names
 * (`gradebook/<school>/<year>/<term>/<class>/<subject>`).
 * Nghệ thuật is one programme subject taught and recorded as two parts,
 * 'am-nhac' and 'mi-thuat' (C3), so those two codes are the gradebook units.
 */
export type SubjectCode =
	| 'ngu-van'
	| 'toan'
	| 'ngoai-ngu-1'
	| 'gdcd'
	| 'ls-dl'
	| 'khtn'
	| 'cong-nghe'
	| 'tin-hoc'
	| 'gdtc'
	| 'am-nhac'
	| 'mi-thuat'
	| 'hdtn-hn'
	| 'gddp'
	| 'ngoai-ngu-2'
	| 'tieng-dtts';

/** The subject as the programme and TT22 classification count it (12 compulsory). */
export type ProgrammeSubjectCode = Exclude<SubjectCode, 'am-nhac' | 'mi-thuat'> | 'nghe-thuat';

export interface Subject {
	readonly code: SubjectCode;
	readonly name: string;
	readonly shortName: string;
	readonly assessment: AssessmentKind;
	readonly periodsPerYear: Readonly<Record<Grade, number>>;
	/** For am-nhac / mi-thuat this is 'nghe-thuat'; otherwise the subject's own code. */
	readonly programmeSubject: ProgrammeSubjectCode;
	readonly compulsory: boolean;
}

const every = (periods: number): Readonly<Record<Grade, number>> => ({
	6: periods,
	7: periods,
	8: periods,
	9: periods
});

/** Display order = the order of the programme table (C1). */
export const SUBJECTS: readonly Subject[] = [
	{ code: 'ngu-van', name: 'Ngữ văn', shortName: 'Văn', assessment: 'score', periodsPerYear: every(140), programmeSubject: 'ngu-van', compulsory: true },
	{ code: 'toan', name: 'Toán', shortName: 'Toán', assessment: 'score', periodsPerYear: every(140), programmeSubject: 'toan', compulsory: true },
	{ code: 'ngoai-ngu-1', name: 'Ngoại ngữ 1', shortName: 'NN1', assessment: 'score', periodsPerYear: every(105), programmeSubject: 'ngoai-ngu-1', compulsory: true },
	{ code: 'gdcd', name: 'Giáo dục công dân', shortName: 'GDCD', assessment: 'score', periodsPerYear: every(35), programmeSubject: 'gdcd', compulsory: true },
	{ code: 'ls-dl', name: 'Lịch sử và Địa lí', shortName: 'LS&ĐL', assessment: 'score', periodsPerYear: every(105), programmeSubject: 'ls-dl', compulsory: true },
	{ code: 'khtn', name: 'Khoa học tự nhiên', shortName: 'KHTN', assessment: 'score', periodsPerYear: every(140), programmeSubject: 'khtn', compulsory: true },
	// C2: 35/35/52/52 — 52 = 18 × 1 + 17 × 2, so weekly counts differ by term.
	{ code: 'cong-nghe', name: 'Công nghệ', shortName: 'CN', assessment: 'score', periodsPerYear: { 6: 35, 7: 35, 8: 52, 9: 52 }, programmeSubject: 'cong-nghe', compulsory: true },
	{ code: 'tin-hoc', name: 'Tin học', shortName: 'Tin', assessment: 'score', periodsPerYear: every(35), programmeSubject: 'tin-hoc', compulsory: true },
	{ code: 'gdtc', name: 'Giáo dục thể chất', shortName: 'GDTC', assessment: 'comment', periodsPerYear: every(70), programmeSubject: 'gdtc', compulsory: true },
	// C3: Nghệ thuật 70 periods = Âm nhạc 35 + Mĩ thuật 35 (1 + 1 per week).
	{ code: 'am-nhac', name: 'Nghệ thuật (Âm nhạc)', shortName: 'Âm nhạc', assessment: 'comment', periodsPerYear: every(35), programmeSubject: 'nghe-thuat', compulsory: true },
	{ code: 'mi-thuat', name: 'Nghệ thuật (Mĩ thuật)', shortName: 'Mĩ thuật', assessment: 'comment', periodsPerYear: every(35), programmeSubject: 'nghe-thuat', compulsory: true },
	{ code: 'hdtn-hn', name: 'Hoạt động trải nghiệm, hướng nghiệp', shortName: 'HĐTN-HN', assessment: 'comment', periodsPerYear: every(105), programmeSubject: 'hdtn-hn', compulsory: true },
	{ code: 'gddp', name: 'Nội dung giáo dục của địa phương', shortName: 'GDĐP', assessment: 'comment', periodsPerYear: every(35), programmeSubject: 'gddp', compulsory: true },
	// C8: optional subjects, scored.
	{ code: 'ngoai-ngu-2', name: 'Ngoại ngữ 2', shortName: 'NN2', assessment: 'score', periodsPerYear: every(105), programmeSubject: 'ngoai-ngu-2', compulsory: false },
	{ code: 'tieng-dtts', name: 'Tiếng dân tộc thiểu số', shortName: 'Tiếng DTTS', assessment: 'score', periodsPerYear: every(105), programmeSubject: 'tieng-dtts', compulsory: false }
];

export const PROGRAMME_SUBJECT_NAMES: Readonly<Record<ProgrammeSubjectCode, string>> = {
	'ngu-van': 'Ngữ văn',
	toan: 'Toán',
	'ngoai-ngu-1': 'Ngoại ngữ 1',
	gdcd: 'Giáo dục công dân',
	'ls-dl': 'Lịch sử và Địa lí',
	khtn: 'Khoa học tự nhiên',
	'cong-nghe': 'Công nghệ',
	'tin-hoc': 'Tin học',
	gdtc: 'Giáo dục thể chất',
	'nghe-thuat': 'Nghệ thuật',
	'hdtn-hn': 'Hoạt động trải nghiệm, hướng nghiệp',
	gddp: 'Nội dung giáo dục của địa phương',
	'ngoai-ngu-2': 'Ngoại ngữ 2',
	'tieng-dtts': 'Tiếng dân tộc thiểu số'
};

const BY_CODE: ReadonlyMap<string, Subject> = new Map(SUBJECTS.map((s) => [s.code, s]));

export function isSubjectCode(code: string): code is SubjectCode {
	return BY_CODE.has(code);
}

export function subjectByCode(code: SubjectCode): Subject {
	const subject = BY_CODE.get(code);
	if (!subject) throw new RangeError(`unknown subject code ${code}`);
	return subject;
}

export function isGrade(value: number): value is Grade {
	return (GRADES as readonly number[]).includes(value);
}

/** The 13 gradebook units every class of a grade has (C1, C3). */
export function compulsorySubjects(): readonly Subject[] {
	return SUBJECTS.filter((s) => s.compulsory);
}

const resolve = (subject: Subject | SubjectCode): Subject =>
	typeof subject === 'string' ? subjectByCode(subject) : subject;

/**
 * C4 — ĐĐGtx per term (TT22 Điều 6, docs/domain/tt22.md §3.1): comment
 * subjects 2; scored subjects ≤ 35 periods/year 2, > 35 to 70 → 3, > 70 → 4.
 * Takes the period count so a school plan with more periods can use it too.
 */
export function regularAssessmentCountForPeriods(kind: AssessmentKind, periodsPerYear: number): 2 | 3 | 4 {
	if (kind === 'comment' || periodsPerYear <= 35) return 2;
	return periodsPerYear <= 70 ? 3 : 4;
}

export function regularAssessmentCountFor(subject: Subject | SubjectCode, grade: Grade): 2 | 3 | 4 {
	const s = resolve(subject);
	return regularAssessmentCountForPeriods(s.assessment, s.periodsPerYear[grade]);
}

export type AssessmentColumnKey = 'tx1' | 'tx2' | 'tx3' | 'tx4' | 'gk' | 'ck';
export type AssessmentColumnKind = 'regular' | 'mid-term' | 'end-of-term';

export interface AssessmentColumn {
	readonly key: AssessmentColumnKey;
	readonly label: string;
	readonly kind: AssessmentColumnKind;
}

const REGULAR_KEYS = ['tx1', 'tx2', 'tx3', 'tx4'] as const;

/**
 * C5–C6 — one term's gradebook columns: n × ĐĐGtx, then exactly one ĐĐGgk and
 * one ĐĐGck (TT22 Điều 7). Comment subjects use the same columns with Đ/CĐ.
 */
export function assessmentColumns(subject: Subject | SubjectCode, grade: Grade): AssessmentColumn[] {
	const count = regularAssessmentCountFor(subject, grade);
	const regular = REGULAR_KEYS.slice(0, count).map(
		(key, i): AssessmentColumn => ({ key, label: `ĐĐGtx${i + 1}`, kind: 'regular' })
	);
	return [
		...regular,
		{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' },
		{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' }
	];
}
