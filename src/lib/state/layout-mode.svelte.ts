/**
 * Table or student cards: cards on narrow screens (one student at a time, big targets for one
 * thumb), the table elsewhere; the teacher can override it and the choice is remembered.
 */
export type LayoutChoice = 'auto' | 'table' | 'cards';

const KEY = 'sodiem:layout';
const NARROW = '(max-width: 720px)';

export class LayoutMode {
	choice = $state<LayoutChoice>('auto');
	narrow = $state(false);
	readonly effective = $derived<'table' | 'cards'>(this.choice === 'auto' ? (this.narrow ? 'cards' : 'table') : this.choice);

	#query: MediaQueryList | null = null;
	#onChange = (event: MediaQueryListEvent) => (this.narrow = event.matches);

	constructor() {
		if (typeof window === 'undefined') return;
		const stored = localStorage.getItem(KEY);
		if (stored === 'table' || stored === 'cards') this.choice = stored;
		this.#query = window.matchMedia(NARROW);
		this.narrow = this.#query.matches;
		this.#query.addEventListener('change', this.#onChange);
	}

	set(choice: 'table' | 'cards'): void {
		// Choosing what the screen would pick anyway goes back to automatic.
		this.choice = choice === (this.narrow ? 'cards' : 'table') ? 'auto' : choice;
		if (this.choice === 'auto') localStorage.removeItem(KEY);
		else localStorage.setItem(KEY, this.choice);
	}

	destroy(): void {
		this.#query?.removeEventListener('change', this.#onChange);
	}
}
