/**
 * G9 — academic result level (kết quả học tập) for a term (from ĐTBmhk) or the year (from ĐTBmcn),
 * Điều 9 khoản 2. G10 — the one-subject adjustment (Điều 9 khoản 3).
 * Averages must be the rounded one-decimal values (Ex 5): 4.96 is refused, never re-rounded here.
 */
import { Tt22Error } from './errors';
import { levelFromRank, levelRank, type Level, type LevelRank } from './level';
import { parseMark, type Mark } from './mark';
import { parseTenths, tenthsFromInteger, type Tenths } from './tenths';

export type SubjectResult = { kind: 'score'; average: number } | { kind: 'comment'; result: Mark };
export type SubjectResultTenths = { kind: 'score'; average: Tenths } | { kind: 'comment'; result: Mark };

/**
 * Which subjects the adjustment rule may credit (decision D2): the text says "01 môn học"
 * without distinguishing; our reading is every subject, one public implementation uses scored
 * subjects only; 'NONE' gives the unadjusted §5 level.
 */
export type AdjustmentScope = 'ALL_SUBJECTS' | 'SCORED_ONLY' | 'NONE';

export interface AcademicLevelOptions {
	readonly adjustment?: AdjustmentScope;
}

export interface AcademicClassification {
	/** The level to record. */
	readonly level: Level;
	/** The §5 level before the adjustment rule. */
	readonly computedLevel: Level;
	/** Index (in the input) of the one subject that triggered the adjustment, else null. */
	readonly adjustedBy: number | null;
	/**
	 * Fewer than 6 scored subjects (exemptions, Điều 10–11): the "at least 6" tests are applied
	 * literally, which docs/domain/tt22.md §9 marks as unverified; the UI should escalate (decision D5).
	 */
	readonly fewerThanSixScored: boolean;
}

/** Thresholds of Điều 9 khoản 2, in tenths. */
export const LEVEL_THRESHOLDS = {
	tot: { everyAtLeast: 65, countAtLeast: 80 },
	kha: { everyAtLeast: 50, countAtLeast: 65 },
	dat: { everyAtLeast: 35, countAtLeast: 50, maxCommentFails: 1 },
	minCountedSubjects: 6
} as const;

const ADJUSTMENT_SCOPES: readonly AdjustmentScope[] = ['ALL_SUBJECTS', 'SCORED_ONLY', 'NONE'];

/** The value that meets every level threshold: a scored subject "meets the threshold" at 8.0. */
const MEETS_EVERY_THRESHOLD = LEVEL_THRESHOLDS.tot.countAtLeast as Tenths;

/** The §5 table, without the adjustment rule. */
function levelByTable(subjects: readonly SubjectResultTenths[]): Level {
	const scores: number[] = [];
	let commentFails = 0;
	for (const subject of subjects) {
		if (subject.kind === 'score') scores.push(subject.average);
		else if (subject.result === 'CĐ') commentFails++;
	}
	const every = (min: number) => scores.every((average) => average >= min);
	const atLeast = (min: number) => scores.filter((average) => average >= min).length >= LEVEL_THRESHOLDS.minCountedSubjects;
	const { tot, kha, dat } = LEVEL_THRESHOLDS;
	if (commentFails === 0 && every(tot.everyAtLeast) && atLeast(tot.countAtLeast)) return 'Tốt';
	if (commentFails === 0 && every(kha.everyAtLeast) && atLeast(kha.countAtLeast)) return 'Khá';
	if (commentFails <= dat.maxCommentFails && every(dat.everyAtLeast) && atLeast(dat.countAtLeast)) return 'Đạt';
	return 'Chưa đạt';
}

function withSubjectMet(subjects: readonly SubjectResultTenths[], index: number): SubjectResultTenths[] {
	return subjects.map((subject, i): SubjectResultTenths => {
		if (i !== index) return subject;
		if (subject.kind === 'comment') return { kind: 'comment', result: 'Đ' };
		return { kind: 'score', average: subject.average >= MEETS_EVERY_THRESHOLD ? subject.average : MEETS_EVERY_THRESHOLD };
	});
}

function isEligible(subject: SubjectResultTenths, scope: AdjustmentScope): boolean {
	return scope === 'ALL_SUBJECTS' || (scope === 'SCORED_ONLY' && subject.kind === 'score');
}

/**
 * Khoản 3, as docs/domain/tt22.md §5 spells it out: L = §5 level; L_s = level if subject s alone met the
 * thresholds; if EXACTLY ONE s gives L_s ≥ L + 2 with L_s ∈ {Tốt, Khá}, the level is L + 1.
 */
function classify(subjects: readonly SubjectResultTenths[], scope: AdjustmentScope): AcademicClassification {
	const computedLevel = levelByTable(subjects);
	const computedRank = levelRank(computedLevel);
	const scoredCount = subjects.filter((subject) => subject.kind === 'score').length;
	const fewerThanSixScored = scoredCount < LEVEL_THRESHOLDS.minCountedSubjects;
	const causes: number[] = [];
	subjects.forEach((subject, index) => {
		if (!isEligible(subject, scope)) return;
		const rankIfMet = levelRank(levelByTable(withSubjectMet(subjects, index)));
		if (rankIfMet >= computedRank + 2 && rankIfMet >= levelRank('Khá')) causes.push(index);
	});
	const [only] = causes;
	if (causes.length !== 1 || only === undefined) {
		return { level: computedLevel, computedLevel, adjustedBy: null, fewerThanSixScored };
	}
	const level = levelFromRank((computedRank + 1) as LevelRank);
	return { level, computedLevel, adjustedBy: only, fewerThanSixScored };
}

function parseScope(options: AcademicLevelOptions | undefined): AdjustmentScope {
	const scope = options?.adjustment ?? 'ALL_SUBJECTS';
	if (!ADJUSTMENT_SCOPES.includes(scope)) throw new Tt22Error('INVALID_RULE', 'Phạm vi áp dụng khoản 3 không hợp lệ', 'Điều chỉnh');
	return scope;
}

function readSubjects(subjects: readonly unknown[], readAverage: (value: unknown, field: string) => Tenths): SubjectResultTenths[] {
	if (!Array.isArray(subjects) || subjects.length === 0) {
		throw new Tt22Error('NO_SUBJECTS', 'Chưa có môn học nào để xếp loại', 'Môn học');
	}
	const read: SubjectResultTenths[] = [];
	for (let index = 0; index < subjects.length; index++) {
		const field = `Môn ${index + 1}`;
		const subject = subjects[index] as unknown;
		const kind = typeof subject === 'object' && subject !== null ? (subject as { kind?: unknown }).kind : undefined;
		if (kind === 'score') read.push({ kind, average: readAverage((subject as { average?: unknown }).average, field) });
		else if (kind === 'comment') read.push({ kind, result: readResult((subject as { result?: unknown }).result, field) });
		else throw new Tt22Error('INVALID_SUBJECT', 'Môn học phải là môn tính điểm hoặc môn đánh giá bằng nhận xét', field);
	}
	return read;
}

function readResult(value: unknown, field: string): Mark {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu kết quả ${field}`, field);
	return parseMark(value, field);
}

function readAverageNumber(value: unknown, field: string): Tenths {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu điểm trung bình ${field}`, field);
	return parseTenths(value, field);
}

function readAverageTenths(value: unknown, field: string): Tenths {
	if (value === null || value === undefined) throw new Tt22Error('MISSING_MARK', `Thiếu điểm trung bình ${field}`, field);
	return tenthsFromInteger(value, field);
}

/** Validates subject results given as plain numbers and converts them to tenths. */
export function parseSubjectResults(subjects: readonly SubjectResult[]): SubjectResultTenths[] {
	return readSubjects(subjects, readAverageNumber);
}

export function classifyAcademicTenths(
	subjects: readonly SubjectResultTenths[],
	options?: AcademicLevelOptions
): AcademicClassification {
	return classify(readSubjects(subjects, readAverageTenths), parseScope(options));
}

export function classifyAcademic(subjects: readonly SubjectResult[], options?: AcademicLevelOptions): AcademicClassification {
	return classify(parseSubjectResults(subjects), parseScope(options));
}

export function academicLevelTenths(subjects: readonly SubjectResultTenths[], options?: AcademicLevelOptions): Level {
	return classifyAcademicTenths(subjects, options).level;
}

/** The level to record, adjustment rule included (Ex 7 → Khá, Ex 8 → Đạt). */
export function academicLevel(subjects: readonly SubjectResult[], options?: AcademicLevelOptions): Level {
	return classifyAcademic(subjects, options).level;
}
