/**
 * Fan-out over Redis pub/sub: one channel per document; each message is this instance's id
 * followed by the Yjs update, so an instance ignores its own messages. Pub/sub delivers nothing
 * to an instance that was not subscribed, which is fine: rooms subscribe before they load from
 * the database, and clients resend whatever a server lacks when they (re)connect.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Log } from '../log';
import type { Fanout } from './fanout';

const ID_BYTES = 16;

export function createRedisFanout(url: string, log: Log, prefix = 'sodiem:sync:'): Fanout {
	const instance = randomBytes(ID_BYTES);
	// A subscribed connection can do nothing else, so publishing needs its own.
	const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
	const subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
	const listeners = new Map<string, (update: Uint8Array) => void>();
	for (const connection of [publisher, subscriber]) {
		connection.on('error', (error: Error) => log('error', 'redis fan-out error', { error: error.message }));
	}
	subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
		if (message.length <= ID_BYTES || message.subarray(0, ID_BYTES).equals(instance)) return;
		listeners.get(channel.toString('utf8'))?.(new Uint8Array(message.subarray(ID_BYTES)));
	});

	return {
		async subscribe(document, onUpdate) {
			const channel = prefix + document;
			listeners.set(channel, onUpdate);
			await subscriber.subscribe(channel);
			return async () => {
				listeners.delete(channel);
				await subscriber.unsubscribe(channel);
			};
		},
		publish(document, update) {
			publisher.publish(prefix + document, Buffer.concat([instance, update])).catch((error: Error) => {
				log('error', 'redis fan-out publish failed', { document, error: error.message });
			});
		},
		async close() {
			listeners.clear();
			await Promise.all([publisher.quit(), subscriber.quit()]);
		}
	};
}
