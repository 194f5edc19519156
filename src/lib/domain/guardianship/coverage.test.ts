import { describe, expect, it } from 'vitest';
import { coverageByClass, coverageOf } from './coverage';

describe('coverage', () => {
	it('GV9 counts students with an ID, checked and confirmed live links, and each guardian once', () => {
		const figures = coverageOf(
			[
				{ classCode: '6a1', hasPersonalId: true },
				{ classCode: '6a1', hasPersonalId: false },
				{ classCode: '6a1', hasPersonalId: true }
			],
			[
				{ classCode: '6a1', guardianId: 'g1', state: 'school_checked', guardianSignedInWithVneid: true },
				{ classCode: '6a1', guardianId: 'g1', state: 'authority_confirmed', guardianSignedInWithVneid: true },
				{ classCode: '6a1', guardianId: 'g2', state: 'declared', guardianSignedInWithVneid: false },
				{ classCode: '6a1', guardianId: 'g3', state: 'revoked', guardianSignedInWithVneid: true }
			]
		);
		expect(figures).toEqual({
			students: { done: 2, total: 3, percent: 66 },
			schoolChecked: { done: 2, total: 3, percent: 66 },
			authorityConfirmed: { done: 1, total: 3, percent: 33 },
			guardiansVneid: { done: 1, total: 2, percent: 50 }
		});
	});

	it('GV9 rounds down and shows nothing as null, not 100 %', () => {
		const many = Array.from({ length: 1000 }, (_, i) => ({ classCode: '6a1', hasPersonalId: i > 0 }));
		expect(coverageOf(many, []).students.percent).toBe(99);
		expect(coverageOf([], []).schoolChecked).toEqual({ done: 0, total: 0, percent: null });
		expect(coverageByClass(['6a1', '6a2'], many, []).map((c) => c.figures.students.total)).toEqual([1000, 0]);
	});
});
