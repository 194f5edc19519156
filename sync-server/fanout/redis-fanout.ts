/**
 * Fan-out over Redis pub/sub (sync-server SPEC F1–F4): one channel per document and one for
 * control events. Each message is this instance's id, a kind byte and the payload, so an instance
 * ignores its own messages. Pub/sub delivers nothing to an instance that is not subscribed at
 * that moment: rooms subscribe before they load from the database, and after an outage of the
 * subscriber connection `onReconnect` tells the sync server to reload what it may have missed.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log';
import { parseControlEvent, type ControlEvent } from './control-events';
import type { DocumentChannel, Fanout } from './fanout';

const ID_BYTES = 16;
const Kind = { update: 0, awareness: 1, control: 2 } as const;

export function createRedisFanout(url: string, log: Log, prefix = 'sodiem:sync:'): Fanout {
	const instance = randomBytes(ID_BYTES);
	const controlChannel = `${prefix}control`;
	// A subscribed connection can do nothing else, so publishing needs its own. Commands issued
	// while Redis is away wait in ioredis's offline queue and go out when it is back.
	const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null, retryStrategy: retryQuickly });
	const subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null, retryStrategy: retryQuickly });
	const channels = new Map<string, DocumentChannel>();
	const controlHandlers: Array<(event: ControlEvent) => void> = [];
	const reconnectHandlers: Array<() => void> = [];
	let lostSubscriber = false;
	let closing = false;
	for (const connection of [publisher, subscriber]) {
		connection.on('error', (error: Error) => log('error', 'redis fan-out error', { error: error.message }));
	}
	subscriber.on('close', () => {
		if (!closing) lostSubscriber = true;
	});
	subscriber.on('ready', () => {
		if (!lostSubscriber) return;
		lostSubscriber = false;
		log('info', 'redis fan-out reconnected', { documents: channels.size });
		// ioredis re-subscribes every channel right after 'ready'; let that go out first.
		setTimeout(() => {
			for (const handler of reconnectHandlers) handler();
		}, 50);
	});
	const ready = subscriber.subscribe(controlChannel).catch((error: Error) => log('error', 'redis fan-out subscribe failed', { error: error.message }));
	subscriber.on('messageBuffer', (channelName: Buffer, message: Buffer) => {
		if (message.length <= ID_BYTES || message.subarray(0, ID_BYTES).equals(instance)) return;
		const kind = message[ID_BYTES];
		const payload = message.subarray(ID_BYTES + 1);
		const name = channelName.toString('utf8');
		if (kind === Kind.control && name === controlChannel) {
			const event = parseControlEvent(payload.toString('utf8'));
			if (!event) {
				log('warn', 'redis fan-out: unknown control event dropped');
				return;
			}
			for (const handler of controlHandlers) handler(event);
			return;
		}
		const channel = channels.get(name);
		if (kind === Kind.update) channel?.onUpdate(new Uint8Array(payload));
		else if (kind === Kind.awareness) channel?.onAwareness(new Uint8Array(payload));
	});

	function send(channel: string, kind: number, payload: Uint8Array, fields: Record<string, unknown>): void {
		publisher.publish(channel, Buffer.concat([instance, Buffer.of(kind), payload])).catch((error: Error) => {
			log('error', 'redis fan-out publish failed', { ...fields, error: error.message });
		});
	}

	return {
		async subscribe(document, channel) {
			const name = prefix + document;
			channels.set(name, channel);
			const subscribed = ready.then(() => subscriber.subscribe(name));
			// Redis away: do not hold the document's load (and its teachers) hostage. The command
			// waits in the offline queue, and the reload after reconnecting covers the gap (F4).
			if (!lostSubscriber) await subscribed;
			else subscribed.catch((error: Error) => log('error', 'redis fan-out subscribe failed', { document, error: error.message }));
			return async () => {
				if (channels.get(name) !== channel) return;
				channels.delete(name);
				await subscriber.unsubscribe(name).catch(() => undefined);
			};
		},
		publish(document, update) {
			send(prefix + document, Kind.update, update, { document });
		},
		publishAwareness(document, update) {
			send(prefix + document, Kind.awareness, update, { document, presence: true });
		},
		publishControl(event) {
			send(controlChannel, Kind.control, Buffer.from(JSON.stringify(event), 'utf8'), { control: event.type });
		},
		onControl(handler) {
			controlHandlers.push(handler);
		},
		onReconnect(handler) {
			reconnectHandlers.push(handler);
		},
		async close() {
			closing = true;
			channels.clear();
			await Promise.all([publisher.quit().catch(() => undefined), subscriber.quit().catch(() => undefined)]);
		}
	};
}

/** Redis away: try again soon (at most every second), for as long as it takes. */
function retryQuickly(attempt: number): number {
	return Math.min(100 * attempt, 1000);
}
