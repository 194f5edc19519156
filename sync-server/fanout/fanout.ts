/**
 * Fan-out between sync server instances (sync-server SPEC F1–F6): when several instances serve
 * the same documents behind a load balancer, each publishes what its own clients send — document
 * updates and presence — and applies what the others publish; control events (a term lock, a
 * person to re-decide, a session that ended) reach every instance. One instance alone needs none:
 * the same control path then runs in-process.
 */
import type { ControlEvent } from './control-events';

export interface DocumentChannel {
	/** A Yjs update another instance applied (its own clients' writes; trusted, already validated there). */
	onUpdate(update: Uint8Array): void;
	/** An awareness update another instance admitted (already stamped there, SPEC W1–W3). */
	onAwareness(update: Uint8Array): void;
}

export interface Fanout {
	/** Starts receiving the document's updates and presence from other instances; resolves when subscribed. */
	subscribe(document: string, channel: DocumentChannel): Promise<() => Promise<void>>;
	/** Sends an update applied here to the other instances. */
	publish(document: string, update: Uint8Array): void;
	/** Sends a presence change of this instance's clients to the other instances. */
	publishAwareness(document: string, update: Uint8Array): void;
	/** Sends a control event to the other instances (this instance has already applied it). */
	publishControl(event: ControlEvent): void;
	/** Control events other instances published. */
	onControl(handler: (event: ControlEvent) => void): void;
	/**
	 * Called after the link to the other instances came back from an outage: what they published
	 * meanwhile was lost, so the caller reloads it from storage (anti-entropy, SPEC F4).
	 */
	onReconnect(handler: () => void): void;
	close(): Promise<void>;
}
