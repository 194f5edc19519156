import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The service worker is registered by the app itself (src/lib/sync/register-service-worker.ts)
		// so that registration can wait until the first page is interactive.
		serviceWorker: { register: false },
		typescript: {
			// Type-check everything, not only src/: the sync server, schema, scripts and tests too.
			config: (tsconfig) => ({
				...tsconfig,
				include: [...tsconfig.include, '../sync-server/**/*.ts', '../drizzle/**/*.ts', '../scripts/**/*.ts', '../playwright.config.ts']
			})
		}
	}
};

export default config;
