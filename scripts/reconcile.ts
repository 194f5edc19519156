/**
 * `npm run reconcile [-- <school>]`: compares every gradebook's and homeroom document's SQL
 * projection with the stored document (projections SPEC P6), records what disagrees as integrity
 * alerts (shown at /quan-ly/toan-ven) and prints a summary. Reads DATABASE_URL / DATA_DIR like the
 * app; PGlite's data directory can be opened by one process only, so on PGlite stop the app first
 * (or use the button on /quan-ly/toan-ven, which runs the same check inside the app).
 * Exit code 1 when drift was found.
 */
import { openDatabase } from '../drizzle/database';
import { readConfig } from '../src/lib/server/config';
import { displayKey } from '../src/lib/server/integrity/alerts';
import { projectedDocuments, reconcileProjections } from '../src/lib/server/integrity/reconcile';

const school = process.argv[2];
const database = await openDatabase(readConfig(process.env).database);
try {
	const documents = await projectedDocuments(database.db, school);
	const report = await reconcileProjections(database.db, documents, { settle: () => new Promise((resolve) => setTimeout(resolve, 1000)) });
	console.log(`Đã đối chiếu ${report.documents} sổ: ${report.drifted.length} sổ lệch, ${report.problems} ô bị bỏ qua theo quy tắc.`);
	for (const check of report.drifted) {
		console.log(`  ${check.document}: ${check.drift.length} ô lệch — ${check.drift.slice(0, 5).map((d) => `${displayKey(d.key)} (${d.note})`).join('; ')}`);
	}
	process.exitCode = report.drifted.length > 0 ? 1 : 0;
} finally {
	await database.close();
}
