/**
 * `build/` made only when it is missing or older than any source it is made from: the
 * integration project's global setup (suites that run the real app server, `scripts/start.ts`)
 * and `npm run test:e2e` both need it, and `npm test` runs them one after the other, so the
 * second finds it fresh instead of building the same app again. A fresh build costs nothing; a
 * stale one takes 20–40 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILT = join(ROOT, 'build/handler.js');
// What the bundle is made from: the app imports nothing outside src/ but drizzle/ (the schema).
const SOURCES = ['src', 'drizzle', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

function newestMtime(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

export default function ensureFreshBuild(): void {
	const sourcesChanged = Math.max(...SOURCES.map((s) => join(ROOT, s)).filter(existsSync).map(newestMtime));
	if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= sourcesChanged) return;
	console.log('build/ is missing or older than its sources: running vite build');
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureFreshBuild();
