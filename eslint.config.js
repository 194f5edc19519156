import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The import rule of ARCHITECTURE.md §5: arrows point one way
 * (routes → components/state → sync → ydoc → domain; lib/server → drizzle, domain;
 * sync-server → ydoc, domain, drizzle). A wrong-way import fails `npm run lint`.
 */
const forbid = (...groups) => ['error', { patterns: groups }];
const group = (message, ...pattern) => ({ group: pattern, message });

const noFrameworks = group('Framework code does not belong here (ARCHITECTURE.md §5).', '$app/*', '$env/*', 'svelte', 'svelte/*', '@sveltejs/*');
const noServer = group('Only SvelteKit server code may import lib/server.', '$lib/server', '$lib/server/*', '**/lib/server/*', '**/lib/server');
const noSyncServer = group('The sync server is reached over WebSocket, never imported.', '**/sync-server/*', '$sync/*');
const noUi = group('Lower layers never import UI code.', '$lib/components/*', '**/components/*', '$lib/state/*', '**/state/*', '$lib/sync/*', '**/lib/sync/*');
const noYdoc = group('Domain rules are pure: no Yjs, no document adapters.', 'yjs', 'y-*', '$lib/ydoc/*', '**/ydoc/*');
const noIo = group('Domain rules are pure: no I/O.', 'node:*', 'fs', 'path', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'ws', '**/drizzle/*');
const noDrizzleInBrowser = group('Browser code never touches the database.', '**/drizzle/*', '$drizzle/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*');

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
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
	{
		files: ['src/lib/domain/**'],
		rules: { 'no-restricted-imports': forbid(noFrameworks, noServer, noSyncServer, noUi, noYdoc, noIo) }
	},
	{
		files: ['src/lib/ydoc/**'],
		rules: { 'no-restricted-imports': forbid(noFrameworks, noServer, noSyncServer, noUi, noIo) }
	},
	{
		files: ['src/lib/sync/**', 'src/lib/state/**', 'src/lib/components/**'],
		rules: { 'no-restricted-imports': forbid(noServer, noSyncServer, noDrizzleInBrowser) }
	},
	{
		files: ['src/lib/server/**'],
		rules: { 'no-restricted-imports': forbid(noSyncServer, noUi) }
	},
	{
		files: ['sync-server/**'],
		rules: { 'no-restricted-imports': forbid(noFrameworks, noServer, noUi) }
	},
	{
		// The composition roots build the sync server's world from the app's server modules
		// (projections, access lookup, configuration), so both hosts behave alike (sync-server
		// SPEC C1); the sync server's own modules still never import them.
		files: ['sync-server/main.ts', 'sync-server/composition.ts'],
		rules: { 'no-restricted-imports': forbid(noFrameworks, noUi) }
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'drizzle/migrations/', 'test-results/', 'playwright-report/']
	}
);
