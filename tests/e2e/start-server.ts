/**
 * The server the end-to-end tests run against: the built app in one process (as `npm start`),
 * with the demo school seeded into a fresh embedded database in a temporary directory, signing in
 * through the VNeID simulator (demo citizens) on SIMULATOR_PORT (tests/e2e/ports.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoVneid } from '../../scripts/demo-vneid';
import { APP_URL, E2E_PORT, SIMULATOR_PORT } from './ports';

process.env.DEMO = '1';
process.env.PORT = String(E2E_PORT);
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = APP_URL;
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'sodiem-e2e-'));
delete process.env.DATABASE_URL;

const { env } = await startDemoVneid({ appOrigin: APP_URL, port: SIMULATOR_PORT, host: '127.0.0.1' });
Object.assign(process.env, env);

await import('../../scripts/start');
