// A tiny cookie jar and redirect follower over Node's fetch, for tests and scripts that sign in
// through the simulator with plain HTTP (no browser).

export class CookieJar {
	readonly #cookies = new Map<string, string>();

	/** Records Set-Cookie headers; expired or emptied cookies are removed. Paths are ignored. */
	store(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq <= 0) continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => {
				const [key = '', date = ''] = a.split('=');
				return key.trim().toLowerCase() === 'expires' && Date.parse(date) <= Date.now();
			});
			if (expired || value === '') this.#cookies.delete(name);
			else this.#cookies.set(name, value);
		}
	}

	header(): string {
		return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}
}

export async function request(url: string | URL, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	const cookie = jar.header();
	if (cookie) headers.set('cookie', cookie);
	const response = await fetch(url, { ...init, headers, redirect: 'manual' });
	jar.store(response);
	return response;
}

export interface FollowResult {
	/** The first redirect target that starts with `stopAt` (e.g. the app's redirect URI), if reached. */
	stoppedAt?: URL;
	/** The last response (a non-redirect one when `stoppedAt` is undefined). */
	response: Response;
	url: URL;
}

/** Follows redirects (GET) until one points at `stopAt` or a non-redirect response arrives. */
export async function follow(
	start: string | URL,
	jar: CookieJar,
	stopAt: string,
	init: RequestInit = {},
	maxHops = 10
): Promise<FollowResult> {
	let url = new URL(start);
	let response = await request(url, jar, init);
	for (let hop = 0; hop < maxHops; hop++) {
		const location = response.headers.get('location');
		if (response.status < 300 || response.status >= 400 || !location) return { response, url };
		await response.body?.cancel();
		url = new URL(location, url);
		if (url.href.startsWith(stopAt)) return { stoppedAt: url, response, url };
		response = await request(url, jar);
	}
	throw new Error(`too many redirects, last: ${url.href}`);
}
