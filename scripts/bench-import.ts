/**
 * `npm run bench:import`: time of a 2,000-row roster preview (issue 10 §1: "previews in a few
 * seconds"), on an in-memory PGlite with the access-test school: reading the .xlsx, the row rules
 * and the database look-ups, each printed separately. Prints figures; asserts nothing.
 */
import { loadavg } from 'node:os';
import { openDatabase } from '../drizzle/database';
import { vietnamToday } from '../src/lib/domain/calendar/vietnam-time';
import { planRoster } from '../src/lib/server/roster/roster-import';
import { readRosterFile } from '../src/lib/server/roster/spreadsheet';
import { SCHOOL, seedAccessSchool, YEAR } from '../tests/fixtures/access-school';
import { generatedRoster, rosterCsv, rosterXlsx } from '../tests/fixtures/roster-file';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const keys = { idHashKey: new Uint8Array(32).fill(1), idEncryptionKey: new Uint8Array(32).fill(2), syncTicketSecret: new Uint8Array(32).fill(3) };

const handle = await openDatabase({ kind: 'pglite-memory' });
await seedAccessSchool(handle.db, keys);
const target = { schoolId: SCHOOL, year: YEAR, today: vietnamToday(new Date()) };
const roster = generatedRoster(ROWS, ['6A1', '6A2']);

for (const [format, bytes] of [['xlsx', await rosterXlsx(roster)], ['csv', rosterCsv(roster)]] as const) {
	for (let round = 1; round <= 2; round++) {
		const t0 = performance.now();
		const file = await readRosterFile(bytes);
		const t1 = performance.now();
		if (!file.ok) throw new Error(file.message);
		let progressEvents = 0;
		const plan = await planRoster(handle.db, keys, target, file.rows, () => progressEvents++);
		const t2 = performance.now();
		console.log(
			`${format} round ${round}: ${ROWS} rows (${(bytes.byteLength / 1024).toFixed(0)} KiB) — read ${(t1 - t0).toFixed(0)} ms, check + plan ${(t2 - t1).toFixed(0)} ms, total ${(t2 - t0).toFixed(0)} ms; ` +
				`${plan.counts.errorRows} error rows, ${progressEvents} progress events`
		);
	}
}
console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
await handle.close();
