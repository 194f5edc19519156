/**
 * The server the end-to-end tests run against: the built app in one process (as `npm start`),
 * with the demo school seeded into a fresh embedded database in a temporary directory, signing in
 * through the VNeID simulator (demo citizens) on SIMULATOR_PORT (tests/e2e/ports.ts).
 *
 * Its whole log goes to app.log in that directory; Playwright's output gets only what is not
 * routine — warnings, errors, anything that is not an info line — instead of some nine hundred
 * lines of sign-ins and connections between the test results.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
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

const ROUTINE = /^\{"time":"[^"]*","level":"info"|^\[auth\] VNeID sign-in:/;
const logFile = createWriteStream(join(process.env.DATA_DIR, 'app.log'));
for (const stream of [process.stdout, process.stderr]) {
	const write = stream.write.bind(stream) as (chunk: string) => boolean;
	stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		logFile.write(chunk);
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		const shown = text.split('\n').filter((line) => line !== '' && !ROUTINE.test(line));
		const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
		if (shown.length > 0) write(`${shown.join('\n')}\n`);
		callback?.();
		return true;
	}) as typeof stream.write;
}
console.warn(`[e2e] the app's whole log: ${join(process.env.DATA_DIR, 'app.log')}`);

const { env } = await startDemoVneid({ appOrigin: APP_URL, port: SIMULATOR_PORT, host: '127.0.0.1' });
Object.assign(process.env, env);

await import('../../scripts/start');
