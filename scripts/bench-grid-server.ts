/**
 * The server `npm run bench:grid` measures: the built app with the demo school in a fresh embedded
 * database (as the end-to-end server), signing in through the VNeID simulator. Ports from
 * BENCH_PORT (app, default 5250) and BENCH_SIMULATOR_PORT (default BENCH_PORT + 1). Before it
 * serves, the demo is seeded and one gradebook widened (BENCH_GRADEBOOK to BENCH_STUDENTS ×
 * BENCH_COLUMNS, set by bench-grid.ts) by the server itself, then the app starts on that data.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { widenGradebook } from './bench/widen-gradebook';
import { composeApp } from './compose';
import { startDemoVneid } from './demo-vneid';

const port = Number(process.env.BENCH_PORT ?? 5250);
const simulatorPort = Number(process.env.BENCH_SIMULATOR_PORT ?? port + 1);
const appUrl = `http://127.0.0.1:${port}`;

process.env.DEMO = '1';
process.env.PORT = String(port);
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = appUrl;
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'sodiem-bench-grid-'));
delete process.env.DATABASE_URL;

const { env } = await startDemoVneid({ appOrigin: appUrl, port: simulatorPort, host: '127.0.0.1' });
Object.assign(process.env, env);

const seeding = await composeApp(process.env);
await widenGradebook(seeding.syncServer, process.env.BENCH_GRADEBOOK!, Number(process.env.BENCH_STUDENTS), Number(process.env.BENCH_COLUMNS));
await seeding.close();

await import('./start');
