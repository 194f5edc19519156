/**
 * Reading a QR code the page shows with a real decoder (zxing-wasm's reader), as a phone's banking
 * app would read it from the screen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator } from '@playwright/test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader').replace(/dist[\\/](cjs|es)[\\/]reader[\\/]index\.js$/, 'dist/reader/zxing_reader.wasm'));
prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });

/**
 * Expects the image to decode to exactly `payload`. Read again until it does (or the poll times
 * out): an <img> is visible, with its box, before its picture is decoded and painted, and a
 * screenshot taken then holds no code.
 */
export async function expectQr(image: Locator, payload: string): Promise<void> {
	await expect(image).toBeVisible();
	await expect
		.poll(async () => {
			const [decoded] = await readBarcodes(new Uint8Array(await image.screenshot()), { formats: ['QRCode'] });
			return decoded?.text;
		})
		.toBe(payload);
}
