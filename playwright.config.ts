import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT as PORT } from './tests/e2e/ports';

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here) against
 * the built app started by tests/e2e/start-server.ts with a fresh demo database; people sign in
 * through the VNeID simulator it starts on E2E_PORT + 1000 (tests/e2e/ports.ts).
 *
 * The browser is Debian's chromium-headless-shell: the same Blink and V8 as /usr/bin/chromium,
 * built without the desktop browser around them — what Playwright itself runs for headless
 * Chromium by default. On a 2-core machine it ran the suite a quarter to a third faster than the full
 * browser in its headless mode (README, "Tests"). CHROMIUM_PATH=/usr/bin/chromium runs the full one.
 */
const launchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
};

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: 'list',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'vi-VN',
		trace: 'retain-on-failure',
		launchOptions
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: 'every-page/**' },
		// Every page of every role at five screen sizes (tests/e2e/every-page/); each test sets its own viewport.
		// Scrollbars take room as on a school's Windows laptop (headless Chromium hides them by default).
		{
			name: 'every-page',
			use: { ...devices['Desktop Chrome'], launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } },
			testMatch: 'every-page/**/*.test.ts'
		}
	],
	webServer: {
		command: `node --import tsx tests/e2e/start-server.ts`,
		url: `http://127.0.0.1:${PORT}/healthz`,
		env: { E2E_PORT: String(PORT) },
		reuseExistingServer: false,
		// Seeding the demo school takes tens of seconds on a busy 2-core machine.
		timeout: 300_000,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
