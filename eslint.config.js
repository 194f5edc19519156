import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The import rule (docs/architecture.md, "The import rule"): arrows point one way,
 * routes → components → state → sync → ydoc → domain; lib/server → ydoc, domain, drizzle;
 * sync-server → ydoc, domain, drizzle. A wrong-way import fails `npm run lint`.
 *
 * Folders are checked by the path an import resolves to (`import-x/no-restricted-paths`), so a
 * relative `../server/x` is caught as surely as `$lib/server/x`. Packages (Svelte, Yjs, Node's
 * I/O, drizzle-orm) are checked by name (`no-restricted-imports`): they live outside the tree.
 */
const LAYERS = {
	routes: 'src/routes',
	components: 'src/lib/components',
	state: 'src/lib/state',
	sync: 'src/lib/sync',
	ydoc: 'src/lib/ydoc',
	domain: 'src/lib/domain',
	server: 'src/lib/server',
	'sync-server': 'sync-server',
	drizzle: 'drizzle'
};

/** What each layer may import besides itself; every other layer is forbidden. */
const MAY_IMPORT = {
	routes: ['components', 'state', 'sync', 'ydoc', 'domain', 'server'],
	components: ['state', 'sync', 'ydoc', 'domain'],
	state: ['sync', 'ydoc', 'domain'],
	sync: ['ydoc', 'domain'],
	ydoc: ['domain'],
	domain: [],
	server: ['ydoc', 'domain', 'drizzle'],
	'sync-server': ['ydoc', 'domain', 'drizzle'],
	drizzle: ['domain']
};

const layerZone = (layer, allowed = MAY_IMPORT[layer]) => {
	const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !allowed.includes(other));
	const may = allowed.length ? allowed.join(', ') : 'nothing outside itself';
	return {
		target: `./${LAYERS[layer]}`,
		from: forbidden.map((other) => `./${LAYERS[other]}`),
		message: `${LAYERS[layer]} may import only from ${may} (import rule, docs/architecture.md).`
	};
};
const restrictPaths = (zone) => ['error', { basePath: import.meta.dirname, zones: [zone] }];

const forbid = (...groups) => ['error', { patterns: groups }];
const group = (message, ...pattern) => ({ group: pattern, message });

const noFrameworks = group('Framework code does not belong here (import rule, docs/architecture.md).', '$app/*', '$env/*', 'svelte', 'svelte/*', '@sveltejs/*');
const noYjs = group('Domain rules are pure: no Yjs.', 'yjs', 'y-*', 'lib0', 'lib0/*');
const noIo = group('Domain rules are pure: no I/O.', 'node:*', 'fs', 'path', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'ws', 'ioredis');
const noDatabase = group('Only lib/server, the sync server and scripts touch the database.', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*');

/** Package names each layer must not import (folders are in MAY_IMPORT). */
const FORBIDDEN_PACKAGES = {
	routes: [noDatabase],
	components: [noDatabase],
	state: [noDatabase],
	sync: [noDatabase],
	ydoc: [noFrameworks, noIo],
	domain: [noFrameworks, noYjs, noIo],
	server: [],
	'sync-server': [noFrameworks],
	drizzle: []
};

const layerConfigs = Object.keys(LAYERS).map((layer) => ({
	files: [`${LAYERS[layer]}/**`],
	rules: {
		'import-x/no-restricted-paths': restrictPaths(layerZone(layer)),
		'no-restricted-imports': forbid(...FORBIDDEN_PACKAGES[layer])
	}
}));

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		plugins: { 'import-x': importX },
		settings: {
			// Resolve imports the way Vite does, so the path rule sees where `$lib/…` and
			// extension-less relative imports really point.
			'import-x/resolver-next': [
				createNodeResolver({
					extensions: ['.ts', '.js', '.svelte', '.json'],
					alias: { $lib: [`${import.meta.dirname}/src/lib`] }
				})
			]
		},
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The app is always served at the root (no `paths.base`), so plain absolute hrefs are right.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	...layerConfigs,
	{
		// The composition roots build the sync server's world from the app's server modules
		// (projections, access lookup, configuration), so both hosts behave alike (sync-server
		// SPEC C1); the sync server's own modules still never import lib/server.
		files: ['sync-server/main.ts', 'sync-server/composition.ts'],
		rules: { 'import-x/no-restricted-paths': restrictPaths(layerZone('sync-server', [...MAY_IMPORT['sync-server'], 'server'])) }
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'drizzle/migrations/', 'test-results/', 'playwright-report/']
	}
);
