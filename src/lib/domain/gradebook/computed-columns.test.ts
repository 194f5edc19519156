import { describe, expect, it } from 'vitest';
import { describeComputed, termResult, yearResult, type MarkColumn, type MarkValue } from './computed-columns';

const columns = (regular: number): MarkColumn[] => [
	...Array.from({ length: regular }, (_, i) => ({ key: `tx${i + 1}`, label: `ĐĐGtx${i + 1}`, kind: 'regular' as const })),
	{ key: 'gk', label: 'ĐĐGgk', kind: 'mid-term' },
	{ key: 'ck', label: 'ĐĐGck', kind: 'end-of-term' }
];
const marks = (values: Record<string, MarkValue>) => (key: string) => values[key] ?? null;

describe('computed columns of the grid', () => {
	it('G4 Ex 1: ĐTBmhk of a 4-mark subject is 7,7', () => {
		const result = termResult('score', columns(4), marks({ tx1: 70, tx2: 80, tx3: 65, tx4: 90, gk: 75, ck: 80 }));
		expect(result).toEqual({ kind: 'average', tenths: 77 });
		expect(describeComputed(result).text).toBe('7,7');
	});

	it('G2 Ex 2: half up at .x5 — 66/8 shows 8,3', () => {
		expect(termResult('score', columns(3), marks({ tx1: 80, tx2: 90, tx3: 80, gk: 85, ck: 80 }))).toEqual({ kind: 'average', tenths: 83 });
	});

	it('G5: a missing required mark says which one instead of an average', () => {
		const result = termResult('score', columns(4), marks({ tx1: 70, tx2: 80, tx3: 65, tx4: 90, gk: 75 }));
		expect(result).toEqual({ kind: 'pending', reason: 'Thiếu ĐĐGck', missing: ['ĐĐGck'] });
		expect(describeComputed(result)).toEqual({ text: 'Thiếu ĐĐGck', title: 'Chưa tính: Thiếu ĐĐGck' });
		const two = termResult('score', columns(2), marks({ tx1: 70, gk: 75 }));
		expect(describeComputed(two)).toEqual({ text: 'Thiếu ĐĐGtx2 +1', title: 'Chưa tính: Thiếu ĐĐGtx2, ĐĐGck' });
	});

	it('G5 Ex 12: a recorded 0 counts (5,1)', () => {
		expect(termResult('score', columns(4), marks({ tx1: 70, tx2: 80, tx3: 65, tx4: 90, gk: 75, ck: 0 }))).toEqual({ kind: 'average', tenths: 51 });
	});

	it('a student with no marks yet shows nothing', () => {
		expect(termResult('score', columns(4), marks({}))).toEqual({ kind: 'empty' });
		expect(describeComputed({ kind: 'empty' }).text).toBe('');
	});

	it('G7 Ex 10: comment subject term result, all four required', () => {
		expect(termResult('comment', columns(2), marks({ tx1: 'Đ', tx2: 'CĐ', gk: 'Đ', ck: 'Đ' }))).toEqual({ kind: 'result', mark: 'CĐ' });
		expect(termResult('comment', columns(2), marks({ tx1: 'Đ', tx2: 'Đ', gk: 'Đ', ck: 'Đ' }))).toEqual({ kind: 'result', mark: 'Đ' });
		expect(termResult('comment', columns(2), marks({ tx1: 'Đ', gk: 'Đ', ck: 'Đ' }))).toMatchObject({ kind: 'pending', missing: ['ĐĐGtx2'] });
	});

	it('a mark of the wrong kind is an error, never a number', () => {
		expect(termResult('score', columns(2), marks({ tx1: 'Đ', tx2: 70, gk: 75, ck: 80 })).kind).toBe('invalid');
	});

	it('G6 Ex 5: ĐTBmcn from the rounded term averages (5,5 and 4,7 → 5,0)', () => {
		expect(yearResult('score', { kind: 'average', tenths: 55 }, { kind: 'average', tenths: 47 })).toEqual({ kind: 'average', tenths: 50 });
	});

	it('G6: no ĐTBmcn until both term averages exist, and it says which is missing', () => {
		const noTerm1 = yearResult('score', { kind: 'empty' }, { kind: 'average', tenths: 47 });
		expect(noTerm1).toEqual({ kind: 'pending', reason: 'Chưa có ĐTBmhk I', missing: ['ĐTBmhk I'] });
		expect(describeComputed(noTerm1).text).toBe('Chưa có ĐTBmhk I');
		expect(describeComputed(yearResult('score', { kind: 'empty' }, { kind: 'pending', reason: 'Thiếu ĐĐGck', missing: ['ĐĐGck'] })).text).toBe(
			'Chưa có ĐTBmhk I +1'
		);
		expect(yearResult('score', undefined, { kind: 'average', tenths: 47 })).toMatchObject({ kind: 'pending', reason: 'Chưa tải được sổ học kì I' });
		expect(yearResult('score', { kind: 'empty' }, { kind: 'empty' })).toEqual({ kind: 'empty' });
	});

	it('G8: comment subject year result is the term II result', () => {
		expect(yearResult('comment', { kind: 'result', mark: 'CĐ' }, { kind: 'result', mark: 'Đ' })).toEqual({ kind: 'result', mark: 'Đ' });
	});
});
