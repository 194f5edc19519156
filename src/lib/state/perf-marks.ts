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
export function measureToPaint(name: string, start: number, detail?: string): void {
	if (typeof window === 'undefined' || window.__SODIEM_BENCH__ !== true) return;
	// The script work alone: handler, Yjs write, view refresh and Svelte's DOM update all run in
	// this task and its microtasks (a few deep); style, layout and paint come after.
	const handled = performance.now();
	const afterMicrotasks = (depth: number): void =>
		depth === 0
			? void performance.measure(`${name}-script`, { start: handled, end: performance.now(), detail })
			: queueMicrotask(() => afterMicrotasks(depth - 1));
	afterMicrotasks(4);
	// How long the event waited before its handler ran (the page busy with an earlier frame).
	performance.measure(`${name}-delay`, { start, end: handled, detail });
	requestAnimationFrame(() => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			performance.measure(name, { start, end: performance.now(), detail });
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
