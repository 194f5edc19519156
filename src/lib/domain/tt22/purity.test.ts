import { describe, it, expect } from 'vitest';

// Vite reads the sources at build time, so this test needs no node:fs (the domain lint forbids I/O imports).
const sources = import.meta.glob<string>('./*.ts', { query: '?raw', import: 'default', eager: true });
const read = (file: string) => sources[`./${file}`] ?? '';
const isTestCode = (file: string) => file.endsWith('.test.ts') || file === 'test-fixtures.ts';
/** Comments may name the traps (toFixed…) they explain; only code is checked. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const engineFiles = Object.keys(sources)
	.map((path) => path.slice(2))
	.filter((file) => !isTestCode(file));

describe('G16 the engine is pure and self-contained', () => {
	it('G16 the engine has source files to check', () => {
		expect(engineFiles).toContain('index.ts');
		expect(engineFiles.length).toBeGreaterThan(10);
	});

	it.each(engineFiles)('G16 %s imports only files of this folder', (file) => {
		const source = read(file);
		const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]);
		for (const specifier of specifiers) expect(specifier).toMatch(/^\.\/[a-z0-9-]+$/);
	});

	it.each(engineFiles)('G16 %s uses no clock, randomness, I/O or float formatting', (file) => {
		const code = withoutComments(read(file));
		expect(code).not.toMatch(/\bDate\b|Math\.random|crypto\.|\bfetch\(|\bprocess\.|toFixed|toPrecision|parseFloat|localStorage/);
	});

	it.each(engineFiles)('G16 %s is NFC-encoded', (file) => {
		const source = read(file);
		expect(source).toBe(source.normalize('NFC'));
	});
});
