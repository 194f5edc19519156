/**
 * CPU time and memory of another process, read from Linux's /proc (no dependency, no agent in
 * the measured process). CPU is user + system time of the whole process, all threads included
 * (PGlite's WASM runs on the main thread; libuv's pool and V8's GC threads count too).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's time fields: 100 on every common Linux. */
const CLOCK_TICKS_PER_SECOND = readClockTicks();

function readClockTicks(): number {
	try {
		const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2_000 }).trim());
		return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
	} catch {
		return 100;
	}
}

/** User + system CPU seconds the process has used so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return null;
	}
	// The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 (utime) and 15 (stime) of proc(5); fields[0] here is field 3.
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
	return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

export interface MemoryReading {
	/** Resident set now, bytes. */
	rss: number;
	/** Peak resident set over the process's life (VmHWM), bytes. */
	peakRss: number;
}

export function memory(pid: number): MemoryReading | null {
	let status: string;
	try {
		status = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return null;
	}
	const rss = kilobytesField(status, 'VmRSS');
	const peakRss = kilobytesField(status, 'VmHWM');
	return rss === null || peakRss === null ? null : { rss, peakRss };
}

function kilobytesField(status: string, name: string): number | null {
	const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) * 1024 : null;
}

/**
 * Samples a process over one or more measured windows: CPU summed over the windows, the largest
 * resident set seen in them, and the peak over the process's life.
 */
export class ProcessSampler {
	readonly #pid: number;
	readonly #intervalMs: number;
	#timer: ReturnType<typeof setInterval> | undefined;
	#cpuAtStart: number | null = null;
	#cpuSeconds: number | null = 0;
	#maxRss = 0;

	constructor(pid: number, intervalMs = 200) {
		this.#pid = pid;
		this.#intervalMs = intervalMs;
	}

	start(): void {
		this.#cpuAtStart = cpuSeconds(this.#pid);
		this.#sample();
		this.#timer = setInterval(() => this.#sample(), this.#intervalMs);
	}

	stop(): void {
		clearInterval(this.#timer);
		this.#sample();
		const end = cpuSeconds(this.#pid);
		// One unreadable window makes the sum unknown rather than silently smaller.
		this.#cpuSeconds = end !== null && this.#cpuAtStart !== null && this.#cpuSeconds !== null ? this.#cpuSeconds + end - this.#cpuAtStart : null;
	}

	/** Call while the process still runs: its peak is read from /proc. */
	figures(): { cpuSeconds: number | null; maxRss: number | null; peakRss: number | null } {
		const reading = memory(this.#pid);
		return {
			cpuSeconds: this.#cpuSeconds,
			maxRss: this.#maxRss > 0 ? this.#maxRss : null,
			// VmHWM is updated lazily by the kernel and can trail a sampled VmRSS by a little.
			peakRss: reading ? Math.max(reading.peakRss, this.#maxRss) : null
		};
	}

	#sample(): void {
		const reading = memory(this.#pid);
		if (reading) this.#maxRss = Math.max(this.#maxRss, reading.rss);
	}
}
