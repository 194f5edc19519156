/**
 * Vitest global setup of the integration project: suites that run the real app server
 * (`scripts/start.ts`) need `build/`, so it is (re)built here when missing or older than any
 * source it is made from. A fresh build costs nothing; a stale one takes ~15 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BUILT = join(ROOT, 'build/handler.js');
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

export default function ensureFreshBuild(): void {
	const sourcesChanged = Math.max(...SOURCES.map((s) => join(ROOT, s)).filter(existsSync).map(newestMtime));
	if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= sourcesChanged) return;
	console.log('[integration] build/ is missing or stale: running vite build');
	const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}
