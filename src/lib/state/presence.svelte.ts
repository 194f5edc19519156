/**
 * Co-editors on the same document (Yjs awareness): who they are and which cell they are on.
 * Each person gets a stable colour from their id so everyone sees the same colour for them.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	cell: { studentId: string; columnKey: string } | null;
}

const COLORS = ['#c2410c', '#7c3aed', '#0369a1', '#be123c', '#15803d', '#a16207', '#4338ca', '#0f766e'];

export function colorFor(personId: string): string {
	let hash = 0;
	for (const char of personId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return COLORS[hash % COLORS.length]!;
}

export class Presence {
	peers = $state<Peer[]>([]);
	#awareness: Awareness;
	#onChange = () => this.#refresh();

	constructor(awareness: Awareness, me: { id: string; name: string }) {
		this.#awareness = awareness;
		awareness.setLocalStateField('user', { id: me.id, name: me.name, color: colorFor(me.id) });
		awareness.on('change', this.#onChange);
		this.#refresh();
	}

	focus(cell: { studentId: string; columnKey: string } | null): void {
		this.#awareness.setLocalStateField('cell', cell);
	}

	destroy(): void {
		this.#awareness.off('change', this.#onChange);
	}

	#refresh(): void {
		const peers: Peer[] = [];
		this.#awareness.getStates().forEach((state, clientId) => {
			if (clientId === this.#awareness.clientID) return;
			const user = state.user as { name?: unknown; color?: unknown } | undefined;
			if (!user || typeof user.name !== 'string') return;
			const cell = state.cell as Peer['cell'] | undefined;
			peers.push({
				clientId,
				name: user.name,
				color: typeof user.color === 'string' ? user.color : '#555',
				cell: cell && typeof cell.studentId === 'string' && typeof cell.columnKey === 'string' ? cell : null
			});
		});
		this.peers = peers;
	}
}
