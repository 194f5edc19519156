/**
 * Performance marks for `npm run bench:grid`: from an input event to the frame that shows its
 * result. Off unless the page was opened by the benchmark (it sets `window.__SODIEM_BENCH__`), so
 * teachers' browsers never fill their performance buffer.
 */
declare global {
	interface Window {
		__SODIEM_BENCH__?: boolean;
	}
}

/**
 * Measures `name` from `start` (an event's timeStamp) to just after the next paint: a task posted
 * from requestAnimationFrame runs once that frame has been rendered.
 */
export function measureToPaint(name: string, start: number): void {
	if (typeof window === 'undefined' || window.__SODIEM_BENCH__ !== true) return;
	requestAnimationFrame(() => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			performance.measure(name, { start, end: performance.now() });
			channel.port1.close();
		};
		channel.port2.postMessage(null);
	});
}

/** Measures synchronous work (e.g. applying a paste) from `start` to now. */
export function measureSince(name: string, start: number): void {
	if (typeof window === 'undefined' || window.__SODIEM_BENCH__ !== true) return;
	performance.measure(name, { start, end: performance.now() });
}
