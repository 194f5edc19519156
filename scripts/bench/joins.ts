/**
 * The joins scenario: N clients open a connection at once, spread over D documents (a school
 * arriving at 7:00), each asking for the whole document as the stock client does. Measures the
 * time from opening the socket to the server's sync step 2 (the document's state), the server's
 * CPU over the burst, and what each connection costs in server memory once everyone is in.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { documentName } from './gradebook-fixture';
import { summarize, type LatencySummary } from './latency-summary';
import { connectionUrl, LightClient } from './light-client';
import { cpuSeconds, memory } from './proc-stats';
import { seed } from './provision';
import type { ServerUnderTest } from './servers';

export interface JoinsPlan {
	clients: number;
	docs: number;
	/** Index of the first document (gradebook-fixture.ts documentName). */
	firstDocument: number;
	/** Marks already in each document, so a join carries a realistic gradebook. */
	marks: number;
}

export interface JoinsResult {
	label: string;
	sync: LatencySummary | null;
	failed: number;
	/** Why they failed: close code and error, with counts. */
	failures: Map<string, number>;
	/** Opening the first socket to the last client synced. */
	burstSeconds: number;
	serverCpuSeconds: number | null;
	/**
	 * (server RSS with everyone connected − before) / clients; null when the RSS fell — the heap the
	 * earlier scenarios left was collected during the burst, and the difference measures that, not
	 * the connections.
	 */
	kibPerConnection: number | null;
	serverRssMiB: number | null;
}

const JOIN_TIMEOUT_MS = 60_000;

export function joinsDocuments(plan: JoinsPlan): number[] {
	return Array.from({ length: plan.docs }, (_, index) => plan.firstDocument + index);
}

export async function runJoins(server: ServerUnderTest, plan: JoinsPlan): Promise<JoinsResult> {
	const target = server.target;
	const pid = server.process.pid;
	const rssBefore = memory(pid)?.rss ?? null;
	if (!target.provisioned) await seedReference(server, plan);
	const cpuBefore = cpuSeconds(pid);
	const latencies: number[] = [];
	let failed = 0;
	const failures = new Map<string, number>();
	const clients: LightClient[] = [];
	const started = performance.now();
	let lastSynced = started;
	for (let index = 0; index < plan.clients; index += 1) {
		const documentIndex = plan.firstDocument + (index % plan.docs);
		const document = documentName(documentIndex);
		const actor = { id: `join-${index + 1}`, name: `Giáo viên ${index + 1}` };
		let done = false;
		const client: LightClient = new LightClient(connectionUrl(target.serverUrls[index % target.serverUrls.length]!, document, target.params(document, actor)), {
			onSynced: (now) => {
				if (done) return;
				done = true;
				lastSynced = now;
				latencies.push(now - client.openedAt);
			},
			onClose: (code, error) => {
				if (done) return;
				done = true;
				failed += 1;
				const reason = `close ${code}${error ? `: ${error}` : ''}`;
				failures.set(reason, (failures.get(reason) ?? 0) + 1);
			}
		});
		clients.push(client);
	}
	try {
		await waitFor(() => latencies.length + failed === plan.clients, JOIN_TIMEOUT_MS);
		const cpuAfter = cpuSeconds(pid);
		// Let the server settle (buffers sent, garbage collected lazily) before reading its memory.
		await sleep(1_000);
		const rssAfter = memory(pid)?.rss ?? null;
		return {
			label: server.label,
			sync: summarize(latencies),
			failed: plan.clients - latencies.length,
			failures: plan.clients - latencies.length - failed > 0 ? new Map([...failures, [`not synced within ${JOIN_TIMEOUT_MS / 1000} s`, plan.clients - latencies.length - failed]]) : failures,
			burstSeconds: (lastSynced - started) / 1000,
			serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
			kibPerConnection: rssBefore === null || rssAfter === null || rssAfter < rssBefore ? null : (rssAfter - rssBefore) / 1024 / plan.clients,
			serverRssMiB: rssAfter === null ? null : rssAfter / 2 ** 20
		};
	} finally {
		for (const client of clients) client.close();
		await sleep(1_000);
	}
}

/** The reference keeps documents in memory only: one client per document brings the same content ours has in its database. */
async function seedReference(server: ServerUnderTest, plan: JoinsPlan): Promise<void> {
	const seeders: LightClient[] = [];
	let synced = 0;
	for (const documentIndex of joinsDocuments(plan)) {
		const document = documentName(documentIndex);
		const seeder = new LightClient(connectionUrl(server.target.serverUrls[0]!, document, {}), { onSynced: () => (synced += 1) });
		seeders.push(seeder);
	}
	await waitFor(() => synced === seeders.length, 20_000);
	seeders.forEach((seeder, index) => seeder.sendUpdate(seed(plan.firstDocument + index, plan.marks).update));
	await sleep(500);
	for (const seeder of seeders) seeder.close();
	await sleep(300);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition() && performance.now() < deadline) await sleep(20);
}
