import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { attempt, academicLevel, academicLevelTenths, classifyAcademic, levelRank, Tt22Error, type SubjectResult, type Tenths } from './index';
import { comments, scored, subjectsArb, thrown } from './test-fixtures';

const FOUR_COMMENTS_PASSED = comments('Đ', 'Đ', 'Đ', 'Đ');
/** Ex 6: the eight scored year averages, exactly on the Tốt thresholds. */
const EX6_SCORES = [8, 8, 8, 8, 8, 8, 6.5, 6.5];

describe('G9 academic level thresholds (Điều 9 khoản 2)', () => {
	it('G9 six subjects at exactly 8.0 and two at exactly 6.5 with all comments Đạt is Tốt (Ex 6)', () => {
		expect(academicLevel([...scored(...EX6_SCORES), ...FOUR_COMMENTS_PASSED])).toBe('Tốt');
	});

	it('G9 one 8.0 lowered to 7.9 leaves five ≥ 8.0: Khá, not Tốt (Ex 6)', () => {
		expect(academicLevel([...scored(7.9, 8, 8, 8, 8, 8, 6.5, 6.5), ...FOUR_COMMENTS_PASSED])).toBe('Khá');
	});

	it('G9 Tốt needs every subject ≥ 6.5: a 6.4 gives Khá', () => {
		expect(academicLevel([...scored(8, 8, 8, 8, 8, 8, 6.5, 6.4), ...FOUR_COMMENTS_PASSED])).toBe('Khá');
	});

	it('G9 Khá exactly on its thresholds: all ≥ 5.0 and six ≥ 6.5', () => {
		expect(academicLevel([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5), ...FOUR_COMMENTS_PASSED])).toBe('Khá');
	});

	it('G9 Khá fails with five ≥ 6.5 (6.4 instead): Đạt', () => {
		expect(academicLevel([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.4, 5, 5), ...FOUR_COMMENTS_PASSED])).toBe('Đạt');
	});

	it('G9 Khá needs every subject ≥ 5.0: with two subjects at 4.9 the level is Đạt', () => {
		expect(academicLevel([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 4.9, 4.9), ...FOUR_COMMENTS_PASSED])).toBe('Đạt');
	});

	it('G9 Đạt exactly on its thresholds: six ≥ 5.0 and the rest at exactly 3.5', () => {
		expect(academicLevel([...scored(5, 5, 5, 5, 5, 5, 3.5, 3.5), ...FOUR_COMMENTS_PASSED])).toBe('Đạt');
	});

	it('G9 Đạt fails with only five ≥ 5.0 (4.9 instead): Chưa đạt', () => {
		expect(academicLevel([...scored(5, 5, 5, 5, 5, 4.9, 3.5, 3.5), ...FOUR_COMMENTS_PASSED])).toBe('Chưa đạt');
	});

	it('G9 Đạt fails when two subjects are below 3.5: Chưa đạt', () => {
		expect(academicLevel([...scored(9, 9, 9, 9, 9, 9, 3.4, 3.4), ...FOUR_COMMENTS_PASSED])).toBe('Chưa đạt');
	});

	it('G9 with two comment subjects CĐ the level is Chưa đạt, and no adjustment applies (Ex 7)', () => {
		const subjects = [...scored(...EX6_SCORES), ...comments('CĐ', 'CĐ', 'Đ', 'Đ')];
		expect(classifyAcademic(subjects)).toEqual({
			level: 'Chưa đạt',
			computedLevel: 'Chưa đạt',
			adjustedBy: null,
			fewerThanSixScored: false
		});
	});

	it('G9 a year average of exactly 5.0 obtained by rounding 4.966… counts as ≥ 5.0 (Ex 5)', () => {
		expect(academicLevel([...scored(6.5, 6.5, 6.5, 6.5, 6.5, 6.5, 5, 5), ...FOUR_COMMENTS_PASSED])).toBe('Khá');
	});

	it('G9 "at least 6 subjects" counts scored subjects: five scored 10.0 cannot reach Đạt (decision D5)', () => {
		const result = classifyAcademic([...scored(10, 10, 10, 10, 10), ...FOUR_COMMENTS_PASSED]);
		expect(result.level).toBe('Chưa đạt');
		expect(result.fewerThanSixScored).toBe(true);
	});

	it('G9 the tenths variant gives the same level (Ex 6)', () => {
		const subjects = [
			...EX6_SCORES.map((average) => ({ kind: 'score' as const, average: Math.round(average * 10) as Tenths })),
			...FOUR_COMMENTS_PASSED
		] as Parameters<typeof academicLevelTenths>[0];
		expect(academicLevelTenths(subjects)).toBe('Tốt');
	});

	it('G9 refuses an unrounded average, an empty list, a missing result and an unknown kind', () => {
		const error = thrown(() => academicLevel(scored(7.25, 8, 8, 8, 8, 8)));
		expect(error).toBeInstanceOf(Tt22Error);
		expect(error).toMatchObject({ code: 'TOO_MANY_DECIMALS', field: 'Môn 1' });
		expect(thrown(() => academicLevel([]))).toMatchObject({ code: 'NO_SUBJECTS' });
		expect(thrown(() => academicLevel([{ kind: 'comment', result: undefined as unknown as 'Đ' }]))).toMatchObject({
			code: 'MISSING_MARK'
		});
		expect(thrown(() => academicLevel([{ kind: 'other' } as unknown as SubjectResult]))).toMatchObject({ code: 'INVALID_SUBJECT' });
		expect(attempt(() => academicLevel(scored(10.5)))).toMatchObject({ ok: false, code: 'MARK_OUT_OF_RANGE', reason: 'Điểm phải từ 0 đến 10' });
	});
});

describe('G10 one-subject adjustment (Điều 9 khoản 3)', () => {
	it('G10 one comment subject CĐ: computed Đạt, adjusted to Khá (Ex 7)', () => {
		const subjects = [...scored(...EX6_SCORES), ...comments('CĐ', 'Đ', 'Đ', 'Đ')];
		expect(academicLevel(subjects)).toBe('Khá');
		expect(classifyAcademic(subjects)).toEqual({ level: 'Khá', computedLevel: 'Đạt', adjustedBy: 8, fewerThanSixScored: false });
	});

	it('G10 one scored subject at 3.4: computed Chưa đạt, adjusted to Đạt (Ex 8)', () => {
		const subjects = [...scored(9, 8.5, 8.5, 8.2, 8, 8, 7, 3.4), ...FOUR_COMMENTS_PASSED];
		expect(academicLevel(subjects)).toBe('Đạt');
		expect(classifyAcademic(subjects)).toMatchObject({ computedLevel: 'Chưa đạt', adjustedBy: 7 });
	});

	it('G10 the same subject at exactly 3.5: the table gives Đạt, still two below Tốt, so adjusted to Khá (Ex 8 variant)', () => {
		const result = classifyAcademic([...scored(9, 8.5, 8.5, 8.2, 8, 8, 7, 3.5), ...FOUR_COMMENTS_PASSED]);
		expect(result).toMatchObject({ level: 'Khá', computedLevel: 'Đạt', adjustedBy: 7 });
	});

	it('G10 a one-level fall is not adjusted: Ex 6 with a 7.9 stays Khá', () => {
		expect(classifyAcademic([...scored(7.9, 8, 8, 8, 8, 8, 6.5, 6.5), ...FOUR_COMMENTS_PASSED])).toMatchObject({
			level: 'Khá',
			adjustedBy: null
		});
	});

	it('G10 scope SCORED_ONLY does not credit a comment subject: Ex 7 stays Đạt', () => {
		const subjects = [...scored(...EX6_SCORES), ...comments('CĐ', 'Đ', 'Đ', 'Đ')];
		expect(academicLevel(subjects, { adjustment: 'SCORED_ONLY' })).toBe('Đạt');
		const ex8 = [...scored(9, 8.5, 8.5, 8.2, 8, 8, 7, 3.4), ...FOUR_COMMENTS_PASSED];
		expect(academicLevel(ex8, { adjustment: 'SCORED_ONLY' })).toBe('Đạt');
	});

	it('G10 scope NONE gives the table level (Ex 8 → Chưa đạt) and an unknown scope is refused', () => {
		expect(academicLevel([...scored(9, 8.5, 8.5, 8.2, 8, 8, 7, 3.4), ...FOUR_COMMENTS_PASSED], { adjustment: 'NONE' })).toBe(
			'Chưa đạt'
		);
		expect(thrown(() => academicLevel(scored(8), { adjustment: 'SOME' as 'NONE' }))).toMatchObject({ code: 'INVALID_RULE' });
	});

	it('G10 a scored subject "meets the threshold" at 8.0: one 3.4 with only five others ≥ 8.0 still reaches Tốt if lifted', () => {
		// Five ≥ 8.0 + the lifted subject = six ≥ 8.0 → Tốt = L + 3 → adjusted to Đạt.
		const subjects = [...scored(8, 8, 8, 8, 8, 7, 7, 3.4), ...FOUR_COMMENTS_PASSED];
		expect(classifyAcademic(subjects)).toMatchObject({ computedLevel: 'Chưa đạt', level: 'Đạt', adjustedBy: 7 });
	});

	it('G10 a fall caused by two subjects is not adjusted (a 3.4 and a comment CĐ)', () => {
		const subjects = [...scored(...EX6_SCORES.slice(0, 7), 3.4), ...comments('CĐ', 'Đ', 'Đ', 'Đ')];
		expect(classifyAcademic(subjects)).toMatchObject({ computedLevel: 'Chưa đạt', level: 'Chưa đạt', adjustedBy: null });
	});

	it('G10 the final level is the computed level or exactly one above it (property)', () => {
		fc.assert(
			fc.property(subjectsArb, (subjects) => {
				const { level, computedLevel, adjustedBy } = classifyAcademic(subjects);
				const lift = levelRank(level) - levelRank(computedLevel);
				expect(lift).toBe(adjustedBy === null ? 0 : 1);
				if (adjustedBy !== null) expect(['Đạt', 'Khá']).toContain(level);
			}),
			{ numRuns: 2000 }
		);
	});

	it('G10 raising one subject (a higher average, or CĐ → Đ) never lowers the level (property)', () => {
		fc.assert(
			fc.property(subjectsArb, fc.nat(), fc.integer({ min: 0, max: 100 }), (subjects, seed, raisedTo) => {
				const index = seed % subjects.length;
				const raised = subjects.map((subject, i): SubjectResult => {
					if (i !== index) return subject;
					if (subject.kind === 'comment') return { kind: 'comment', result: 'Đ' };
					return { kind: 'score', average: Math.max(subject.average * 10, raisedTo) / 10 };
				});
				expect(levelRank(academicLevel(raised))).toBeGreaterThanOrEqual(levelRank(academicLevel(subjects)));
			}),
			{ numRuns: 3000 }
		);
	});

	it('G9 raising one subject never lowers the unadjusted table level either (property)', () => {
		fc.assert(
			fc.property(subjectsArb, fc.nat(), fc.integer({ min: 0, max: 100 }), (subjects, seed, raisedTo) => {
				const index = seed % subjects.length;
				const raised = subjects.map((subject, i): SubjectResult => {
					if (i !== index) return subject;
					if (subject.kind === 'comment') return { kind: 'comment', result: 'Đ' };
					return { kind: 'score', average: Math.max(subject.average * 10, raisedTo) / 10 };
				});
				const none = { adjustment: 'NONE' } as const;
				expect(levelRank(academicLevel(raised, none))).toBeGreaterThanOrEqual(levelRank(academicLevel(subjects, none)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('G9 the level does not depend on the order of the subjects (property)', () => {
		fc.assert(
			fc.property(subjectsArb, (subjects) => {
				expect(academicLevel([...subjects].reverse())).toBe(academicLevel(subjects));
			})
		);
	});
});
