/**
 * `npm run bench:timetable` (timetable SPEC TK9): on a generated 40-class school week, the time to
 * compute every conflict from scratch, and the time of one edit's incremental recomputation over
 * many random edits, as p50/p95/p99. Target: one edit under 1 ms. Prints figures; asserts nothing.
 */
import { loadavg } from 'node:os';
import { ConflictTracker } from '../src/lib/domain/timetable/conflict-tracker';
import { findConflicts } from '../src/lib/domain/timetable/conflicts';
import { generatedSchoolWeek } from './bench/timetable-fixture';
import { createRng } from './demo/prng';

const EDITS = Number(process.env.BENCH_EDITS ?? 20_000);
const fixture = generatedSchoolWeek();
const rng = createRng(7);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(3)} ms`;

console.log(`${fixture.classes.length} classes, ${fixture.teachers.length} teachers, ${fixture.lessons.length} lessons`);
const full: number[] = [];
let conflicts = 0;
for (let round = 0; round < 30; round++) {
	const t0 = performance.now();
	conflicts = findConflicts(fixture.rules, fixture.lessons).size;
	full.push(performance.now() - t0);
}
full.sort((a, b) => a - b);
console.log(`from scratch (findConflicts): p50 ${ms(quantile(full, 0.5))}, p95 ${ms(quantile(full, 0.95))}; ${conflicts} conflicts`);

const t0 = performance.now();
const tracker = new ConflictTracker(fixture.rules, fixture.lessons);
console.log(`tracker built: ${ms(performance.now() - t0)}; ${tracker.conflicts().size} conflicts`);

const subjects = [...new Set(fixture.lessons.map((l) => l.subject))];
const perEdit: number[] = [];
for (let i = 0; i < EDITS; i++) {
	const classCode = rng.pick(fixture.classes);
	const slot = rng.pick(fixture.slots);
	const content = rng.chance(0.2) ? null : { subject: rng.pick(subjects), teacher: rng.pick(fixture.teachers), room: rng.chance(0.1) ? 'phong-may' : null };
	const start = performance.now();
	tracker.set(classCode, slot, content);
	perEdit.push(performance.now() - start);
}
perEdit.sort((a, b) => a - b);
console.log(`one edit, incremental (${EDITS} random edits): p50 ${ms(quantile(perEdit, 0.5))}, p95 ${ms(quantile(perEdit, 0.95))}, p99 ${ms(quantile(perEdit, 0.99))}; ${tracker.conflicts().size} conflicts after`);
console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
