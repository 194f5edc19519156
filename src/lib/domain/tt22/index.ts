/**
 * Circular 22/2021/TT-BGDĐT (Thông tư 22) rules engine: pure functions from values to values.
 * Rules, article references and decisions: SPEC.md (G1–G16, D1–D10).
 */
export { Tt22Error, attempt, type Tt22ErrorCode, type Tt22Result } from './errors';
export {
	parseTenths,
	parseTenthsText,
	tenthsFromInteger,
	readMarkCell,
	readTenthsCell,
	isTenths,
	tenthsToNumber,
	formatTenths,
	MIN_TENTHS,
	MAX_TENTHS,
	type Tenths,
	type MarkInput,
	type TenthsInput
} from './tenths';
export { divideRoundHalfUp } from './rounding';
export { parseMark, isMark, MARKS, type Mark } from './mark';
export {
	parseLevel,
	isLevel,
	levelRank,
	levelFromRank,
	compareLevels,
	isAtLeast,
	LEVELS,
	type Level,
	type LevelRank
} from './level';
export {
	regularAssessmentCount,
	isRegularCount,
	TWO_MARK_MAX_PERIODS,
	THREE_MARK_MAX_PERIODS,
	type RegularCount
} from './regular-assessment-count';
export {
	termAverage,
	termAverageTenths,
	tryTermAverageTenths,
	TERM_FIELDS,
	MIN_REGULAR_MARKS,
	MAX_REGULAR_MARKS,
	MIDTERM_WEIGHT,
	FINAL_WEIGHT,
	type TermMarks,
	type TermAverageOptions
} from './term-average';
export {
	yearAverage,
	yearAverageTenths,
	tryYearAverageTenths,
	YEAR_FIELDS,
	TERM2_WEIGHT
} from './year-average';
export {
	commentTermResult,
	tryCommentTermResult,
	commentYearResult,
	tryCommentYearResult,
	COMMENT_RULES,
	DEFAULT_COMMENT_RULE,
	COMMENT_REGULAR_COUNT,
	COMMENT_FIELDS,
	type CommentRule,
	type CommentInput
} from './comment-result';
export {
	academicLevel,
	academicLevelTenths,
	classifyAcademic,
	classifyAcademicTenths,
	parseSubjectResults,
	LEVEL_THRESHOLDS,
	type SubjectResult,
	type SubjectResultTenths,
	type AdjustmentScope,
	type AcademicLevelOptions,
	type AcademicClassification
} from './academic-level';
export { conductYearLevel, CONDUCT_YEAR_TABLE } from './conduct';
export {
	award,
	awardTenths,
	EXCELLENT_AVERAGE,
	EXCELLENT_MIN_SUBJECTS,
	type Award,
	type AwardInput,
	type AwardInputTenths
} from './award';
export {
	promotion,
	reassessmentSubjects,
	MAX_ABSENCES,
	REASSESS_BELOW,
	type PromotionOutcome,
	type PromotionInput
} from './promotion';
