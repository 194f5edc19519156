/**
 * Fan-out between sync server instances (docs/architecture.md §1): when several instances serve the
 * same document behind a load balancer, each publishes the updates its own clients send and
 * applies what the others publish. One instance alone needs none.
 */
export interface Fanout {
	/** Starts receiving the document's updates from other instances; resolves when subscribed. */
	subscribe(document: string, onUpdate: (update: Uint8Array) => void): Promise<() => Promise<void>>;
	/** Sends an update applied here to the other instances. */
	publish(document: string, update: Uint8Array): void;
	close(): Promise<void>;
}
