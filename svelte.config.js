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
		alias: {
			$sync: 'sync-server',
			$drizzle: 'drizzle'
		}
	}
};

export default config;
