/**
 * A browser reduced to what a sign-in needs: one cookie jar for the host (cookies ignore ports,
 * as in a real browser, so the app and the simulator on 127.0.0.1 share it), and redirects
 * followed by hand so a test can stop at, inspect or replay any hop.
 */
export class HttpBrowser {
	readonly cookies = new Map<string, string>();

	async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		const response = await fetch(url, { ...init, headers, redirect: 'manual' });
		this.store(response);
		return response;
	}

	/** Follows redirects from `start` until `stopAt` matches the next URL or a non-redirect arrives. */
	async navigate(start: string | URL, options: { stopAt?: (url: URL) => boolean; init?: RequestInit } = {}) {
		let url = new URL(start);
		const hops: URL[] = [url];
		let response = await this.request(url, options.init);
		for (let hop = 0; hop < 15; hop++) {
			const location = response.headers.get('location');
			if (response.status < 300 || response.status >= 400 || !location) return { response, url, hops, stopped: false };
			await response.body?.cancel();
			url = new URL(location, url);
			hops.push(url);
			if (options.stopAt?.(url)) return { response, url, hops, stopped: true };
			response = await this.request(url);
		}
		throw new Error(`too many redirects, last ${url.href}`);
	}

	private store(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq <= 0) continue;
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const gone = attributes.some((a) => {
				const [key = '', raw = ''] = a.split('=').map((part) => part.trim());
				if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
				return key.toLowerCase() === 'expires' && Date.parse(raw) <= Date.now();
			});
			if (gone || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
}
