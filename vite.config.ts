import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev`: the composition root runs inside Vite's dev server, so the app has its services
 * and the sync endpoint is served on the dev port too (`npm start` does the same for the build).
 */
function composeInDev(): Plugin {
	return {
		name: 'so-diem:compose-in-dev',
		apply: 'serve',
		configureServer(server) {
			if (process.env.VITEST || !server.httpServer) return;
			const httpServer = server.httpServer;
			httpServer.once('listening', async () => {
				const { composeApp } = (await server.ssrLoadModule('/scripts/compose.ts')) as typeof import('./scripts/compose');
				const port = String(server.config.server.port ?? 5173);
				const env: Record<string, string | undefined> = { ...process.env, PORT: port };
				// Demo data without a real provider: sign in through the VNeID simulator, as `npm run demo` does.
				if (/^(1|true)$/.test(env.DEMO ?? '') && !env.VNEID_ISSUER) {
					const { startDemoVneid } = (await server.ssrLoadModule('/scripts/demo-vneid.ts')) as typeof import('./scripts/demo-vneid');
					const vneid = await startDemoVneid({ appOrigin: env.ORIGIN ?? `http://localhost:${port}`, port: Number(env.VNEID_SIM_PORT ?? 4455) });
					Object.assign(env, vneid.env);
					httpServer.once('close', () => void vneid.simulator.close());
					console.log(`VNeID (mô phỏng): ${vneid.simulator.issuer} — công dân mẫu: ${vneid.simulator.issuer}/citizens`);
				}
				const app = await composeApp(env);
				// Vite's HMR socket shares this server: handleUpgrade ignores paths outside /sync/.
				httpServer.on('upgrade', (request, socket, head) => app.syncServer.handleUpgrade(request, socket, head));
				httpServer.once('close', () => void app.close());
			});
		}
	};
}

export default defineConfig({
	plugins: [composeInDev(), sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/tools/**/*.test.ts', 'tests/lint/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// Suites that run the real app server need build/: rebuilt here when stale. Fresh PGlite
					// databases are copies of one migrated data directory made here.
					globalSetup: ['scripts/fresh-build.ts', 'tests/integration/helpers/pglite-template.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Each file starts real servers and databases; two cores, so two at a time.
					maxWorkers: 2,
					fileParallelism: true
				}
			}
		]
	}
});
