// The installable icons (Android: manifest PNGs incl. maskable; iOS: apple-touch-icon; browsers: favicon).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const staticDir = new URL('../static/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name.replace(/^\//, ''), staticDir));

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
	expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('PWA icons', () => {
	const manifest = JSON.parse(read('manifest.webmanifest').toString('utf8')) as {
		icons: { src: string; sizes: string; type: string; purpose: string }[];
	};
	const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');

	it('the manifest lists PNG 192 and 512, each plain and maskable', () => {
		const listed = pngs.map((icon) => `${icon.sizes} ${icon.purpose}`).sort();
		expect(listed).toEqual(['192x192 any', '192x192 maskable', '512x512 any', '512x512 maskable']);
	});

	it.each(pngs.map((icon) => [icon.src, icon.sizes]))('%s is a PNG of %s pixels', (src, sizes) => {
		const { width, height } = pngSize(read(src));
		expect(`${width}x${height}`).toBe(sizes);
	});

	it('apple-touch-icon.png is 180×180', () => {
		expect(pngSize(read('apple-touch-icon.png'))).toEqual({ width: 180, height: 180 });
	});

	it('favicon.ico is an icon holding one 32×32 PNG', () => {
		const ico = read('favicon.ico');
		expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
		expect([ico.readUInt8(6), ico.readUInt8(7)]).toEqual([32, 32]);
		const offset = ico.readUInt32LE(18);
		expect(ico.readUInt32LE(14)).toBe(ico.length - offset);
		expect(pngSize(ico.subarray(offset))).toEqual({ width: 32, height: 32 });
	});

	it('app.html links the favicon, the apple-touch-icon and the manifest', () => {
		const html = readFileSync(new URL('../src/app.html', import.meta.url), 'utf8');
		expect(html).toMatch(/<link rel="icon" href="%sveltekit\.assets%\/favicon\.ico"/);
		expect(html).toMatch(/<link rel="apple-touch-icon" href="%sveltekit\.assets%\/apple-touch-icon\.png"/);
		expect(html).toMatch(/<link rel="manifest" href="%sveltekit\.assets%\/manifest\.webmanifest"/);
	});
});
