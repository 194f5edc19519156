/** Reports assembled from plain values through the TT22 engine. Rules: SPEC.md (S1–S15). */
export { buildClassSummary, programmeColumns, type ClassSummaryInput, type ClassSummaryOptions } from './class-summary';
export { combineUnits, termResult, yearResult, REGULAR_COLUMNS } from './subject-results';
export { summaryCounts, subjectHistograms, AWARDS, HISTOGRAM_EDGES, LEVELS_HIGH_FIRST, PROMOTION_OUTCOMES } from './summary-counts';
export { summarySubjects } from './summary-subjects';
export { COMPLETES_THCS, LAST_THCS_GRADE, graduationReviewCandidates, promotionLabel } from './final-grade';
export { PERIODS, PERIOD_LABELS, parsePeriod } from './period';
export type * from './types';
