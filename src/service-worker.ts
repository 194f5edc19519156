/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline app shell (docs/architecture.md §7): the built app and static files are precached; pages are
 * network-first with the last copy as fallback, so every page a person has opened opens offline.
 * Data never comes from here: documents live in IndexedDB (y-indexeddb).
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `assets-${version}`;
const PAGES = 'pages';
/** The QR decoder's WebAssembly (about 1 MB, used only at the verification desk, online) is not precached. */
const PRECACHE = [...build.filter((path) => !path.endsWith('.wasm')), ...files];
/** Never cached: authentication, APIs, the sync socket. */
const NETWORK_ONLY = ['/api/', '/auth/', '/sync/', '/dang-xuat', '/healthz'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(ASSETS)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key !== ASSETS && key !== PAGES).map((key) => caches.delete(key))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || NETWORK_ONLY.some((prefix) => url.pathname.startsWith(prefix))) return;
	if (PRECACHE.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate') event.respondWith(networkFirstPage(request));
	// A page's server data (the access check) for in-app navigation: the last answer opens it offline.
	else if (url.pathname.endsWith('/__data.json')) event.respondWith(networkFirstData(request));
});

async function networkFirstData(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (failure) {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		throw failure;
	}
}

async function networkFirstPage(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		// Only real pages are kept: redirects (to sign-in) and errors would be wrong offline.
		if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(request, response.clone());
		return response;
	} catch {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		return new Response(OFFLINE_PAGE, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
	}
}

/** Styled like the app (colours and header of src/app.css and the root layout), inline: nothing else may load offline. */
const OFFLINE_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Ngoại tuyến — Sổ Điểm</title><style>
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1c2421;background:#f6f8f7;line-height:1.45}
header{background:#0f5c4d;padding:.6rem 1rem}header a{color:#fff;font-weight:700;text-decoration:none;font-size:1.1rem}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}
.message{background:#fff;border:1px solid #d9e0dd;border-left:4px solid #b54708;border-radius:6px;padding:.75rem 1rem}
.button{display:inline-block;border-radius:6px;background:#0f5c4d;color:#fff;padding:.45rem .9rem;text-decoration:none}
</style></head><body><header><a href="/">Sổ Điểm</a></header><main>
<h1>Bạn đang ngoại tuyến</h1><p class="message">Trang này chưa được mở trên thiết bị này nên chưa có bản lưu. Hãy kết nối mạng rồi thử lại.</p>
<p><a class="button" href="/">Về trang chủ</a></p></main></body></html>`;
