/**
 * The server the end-to-end tests run against: the built app in one process (as `npm start`),
 * with the demo school seeded into a fresh embedded database in a temporary directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.DEMO = '1';
process.env.PORT = process.env.E2E_PORT ?? '4173';
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://127.0.0.1:${process.env.PORT}`;
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'sodiem-e2e-'));
delete process.env.DATABASE_URL;

await import('../../scripts/start');
