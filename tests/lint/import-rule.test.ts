/**
 * The import rule (docs/architecture.md) is checked by the path an import resolves to, not by how
 * it is spelled: these lint sources placed in each layer's folder prove that a wrong-way import
 * fails `npm run lint` whether written relative or through `$lib`, and that allowed ones pass.
 * The sources are linted in memory under a path inside the folder (ESLint's `lintText` with
 * `filePath`), so no stray file is left for a concurrent `eslint .` to see.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
let eslint: ESLint;

beforeAll(() => {
	eslint = new ESLint({ cwd: root });
});

/** The rules that fired on `source` linted as if it were the file at `path` (from the root). */
async function violations(path: string, source: string): Promise<string[]> {
	const [result] = await eslint.lintText(source, { filePath: `${root}${path}` });
	return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import rule, enforced by path', () => {
	it('refuses a relative import from domain into server, ydoc or sync', { timeout: 60_000 }, async () => {
		const probe = 'src/lib/domain/probe.ts';
		expect(await violations(probe, "import { SESSION_COOKIE } from '../server/session';\nexport const x = SESSION_COOKIE;\n")).toContain('import-x/no-restricted-paths');
		expect(await violations(probe, "import { MessageType } from '../ydoc/wire';\nexport const x = MessageType;\n")).toContain('import-x/no-restricted-paths');
		expect(await violations(probe, "export * from '../sync/persisted-state';\n")).toContain('import-x/no-restricted-paths');
	});

	it('refuses the same import spelled through $lib', async () => {
		expect(await violations('src/lib/domain/probe.ts', "export * from '$lib/server/session';\n")).toContain('import-x/no-restricted-paths');
	});

	it('lets domain import its own modules', async () => {
		expect(await violations('src/lib/domain/probe.ts', "export * from './tt22';\nexport * from './access/document-ref';\n")).toEqual([]);
	});

	it('keeps the database out of routes and the browser', async () => {
		expect(await violations('src/routes/probe/+page.server.ts', "export * from '../../../drizzle/schema';\n")).toContain('import-x/no-restricted-paths');
		expect(await violations('src/lib/components/probe.ts', "export * from '../server/session';\n")).toContain('import-x/no-restricted-paths');
		expect(await violations('src/lib/state/probe.ts', "export * from '../ydoc/wire';\n")).toEqual([]);
		expect(await violations('src/lib/state/probe.ts', "export { default } from '../components/common/SyncStatus.svelte';\n")).toContain('import-x/no-restricted-paths');
	});

	it('keeps lib/server out of the sync server, except its composition root', async () => {
		const source = "export * from '../src/lib/server/sync-access';\n";
		expect(await violations('sync-server/probe.ts', source)).toContain('import-x/no-restricted-paths');
		expect(await violations('sync-server/main.ts', source)).toEqual([]);
	});
});
