/**
 * Pages reached by in-app navigation never pass through the service worker's navigation handler,
 * so the page asks for its own URL to be kept: reloading it offline then opens the cached shell.
 * The cache name matches src/service-worker.ts.
 */
export async function keepPageForOffline(): Promise<void> {
	if (!('caches' in globalThis) || !navigator.onLine) return;
	try {
		const cache = await caches.open('pages');
		const response = await fetch(location.pathname, { credentials: 'same-origin', redirect: 'manual' });
		if (response.ok) await cache.put(location.pathname, response);
	} catch {
		// Best effort: without it the page still works online.
	}
}
