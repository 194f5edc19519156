/** bench:sync's flags for the scenarios of issue 13, and the port range it may use. */
import { describe, expect, it } from 'vitest';
import { readOptions, UsageError } from './options';
import { readPortRange } from './server-process';

describe('bench:sync options', () => {
	it('runs every scenario on PGlite by default, with the ramp and joins of issue 13', () => {
		const options = readOptions([]);
		expect(options.scenarios).toEqual(['classroom', 'ramp', 'joins']);
		expect(options.dbs).toEqual(['pglite']);
		expect(options.ramp).toEqual({ docs: 4, writers: 8, viewers: 2, rates: [800, 1600, 3200, 4800, 6400, 8000, 9600, 12800], stepSeconds: 3, p99LimitMs: 100 });
		expect(options.joins).toEqual({ clients: 2000, docs: 40, marks: 200 });
	});

	it('takes scenarios comma-separated, in a fixed order, and both storages', () => {
		const options = readOptions(['--scenario', 'joins,ramp', '--db', 'both', '--ramp-rates', '100,200', '--step-seconds', '2']);
		expect(options.scenarios).toEqual(['ramp', 'joins']);
		expect(options.dbs).toEqual(['pglite', 'postgres']);
		expect(options.ramp.rates).toEqual([100, 200]);
		expect(options.ramp.stepSeconds).toBe(2);
	});

	it('refuses unknown scenarios, rates that do not ascend and Redis with PGlite', () => {
		expect(() => readOptions(['--scenario', 'storm'])).toThrow(UsageError);
		expect(() => readOptions(['--ramp-rates', '800,400'])).toThrow(UsageError);
		expect(() => readOptions(['--ramp-rates', '800,abc'])).toThrow(UsageError);
		expect(() => readOptions(['--db', 'both', '--redis', 'redis://127.0.0.1:6379'])).toThrow(UsageError);
	});

	it('takes a commit window for our server, or leaves the server its default', () => {
		expect(readOptions(['--commit-window', '30']).commitWindowMs).toBe(30);
		expect(readOptions([]).commitWindowMs).toBeNull();
		expect(() => readOptions(['--commit-window', '0'])).toThrow(UsageError);
		expect(() => readOptions(['--commit-window', '2.5'])).toThrow(UsageError);
	});
});

describe('BENCH_SYNC_PORTS', () => {
	it('defaults to 5300–5399 and takes first-last', () => {
		expect(readPortRange(undefined)).toEqual({ first: 5300, last: 5399 });
		expect(readPortRange('5670-5679')).toEqual({ first: 5670, last: 5679 });
	});

	it('refuses a range that is reversed, privileged or not a range', () => {
		expect(() => readPortRange('5679-5670')).toThrow(/BENCH_SYNC_PORTS/);
		expect(() => readPortRange('80-90')).toThrow(/BENCH_SYNC_PORTS/);
		expect(() => readPortRange('5670')).toThrow(/BENCH_SYNC_PORTS/);
	});
});
