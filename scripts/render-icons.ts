/**
 * Renders the PWA's raster icons from the two SVGs in static/ (run: `node --import tsx scripts/render-icons.ts`).
 * Android wants 192/512 PNGs (plain and maskable), iOS ignores SVG and manifest icons and reads
 * apple-touch-icon (180, opaque: iOS fills transparency with black), and old browsers ask /favicon.ico.
 * Chromium draws each SVG into a viewport of the exact size; the screenshot is the PNG.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const staticDir = new URL('../static/', import.meta.url);

/** The rounded icon (transparent corners) for "any"; the full-bleed one where the OS crops or needs opacity. */
const targets = [
	{ svg: 'favicon.svg', out: 'icon-192.png', size: 192 },
	{ svg: 'favicon.svg', out: 'icon-512.png', size: 512 },
	{ svg: 'icon-maskable.svg', out: 'icon-maskable-192.png', size: 192 },
	{ svg: 'icon-maskable.svg', out: 'icon-maskable-512.png', size: 512 },
	{ svg: 'icon-maskable.svg', out: 'apple-touch-icon.png', size: 180 },
	{ svg: 'favicon.svg', out: 'favicon.ico', size: 32 }
] as const;

/** An .ico holding one PNG image (supported by every browser since IE Vista-era): 6-byte header + 16-byte entry. */
function icoFromPng(png: Buffer, size: number): Buffer {
	const header = Buffer.alloc(22);
	header.writeUInt16LE(0, 0); // reserved
	header.writeUInt16LE(1, 2); // type: icon
	header.writeUInt16LE(1, 4); // one image
	header.writeUInt8(size % 256, 6); // width (0 means 256)
	header.writeUInt8(size % 256, 7);
	header.writeUInt16LE(1, 10); // colour planes
	header.writeUInt16LE(32, 12); // bits per pixel
	header.writeUInt32LE(png.length, 14);
	header.writeUInt32LE(22, 18); // image data offset
	return Buffer.concat([header, png]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
	for (const { svg, out, size } of targets) {
		const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
		const markup = await readFile(new URL(svg, staticDir), 'utf8');
		const dataUrl = `data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}`;
		await page.setContent(
			`<style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style><img src="${dataUrl}">`
		);
		await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
		const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
		await writeFile(new URL(out, staticDir), out.endsWith('.ico') ? icoFromPng(png, size) : png);
		await page.close();
	}
} finally {
	await browser.close();
}
