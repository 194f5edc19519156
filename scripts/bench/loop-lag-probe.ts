/**
 * How late this process's timers fire while the load runs: if the load generator's event loop is
 * busy, measured latencies include its own queueing, not only the server's. A plain timer probe
 * rather than perf_hooks' monitorEventLoopDelay, whose first interval after a re-enable spans the
 * whole pause — and segments pause while the other server takes its turn.
 */
import { performance } from 'node:perf_hooks';

const PROBE_PERIOD_MS = 2;

export class LoopLagProbe {
	/** Lateness of each probe, ms, over every window it ran. */
	readonly lags: number[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;

	start(): void {
		this.stop();
		let due = performance.now() + PROBE_PERIOD_MS;
		const probe = () => {
			const now = performance.now();
			this.lags.push(Math.max(0, now - due));
			due = now + PROBE_PERIOD_MS;
			this.#timer = setTimeout(probe, PROBE_PERIOD_MS);
		};
		this.#timer = setTimeout(probe, PROBE_PERIOD_MS);
	}

	stop(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
