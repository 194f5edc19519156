/**
 * Who is signed in on this device, remembered so that a gradebook opened offline can still stamp
 * edits with the teacher's name. The server never trusts this: tickets carry the real identity.
 */
export interface Me {
	id: string;
	name: string;
}

const KEY = 'sodiem:me';

export function rememberMe(me: Me): void {
	localStorage.setItem(KEY, JSON.stringify(me));
}

export function rememberedMe(): Me | null {
	try {
		const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Me> | null;
		return value && typeof value.id === 'string' && typeof value.name === 'string' ? { id: value.id, name: value.name } : null;
	} catch {
		return null;
	}
}

/** Asks the server (when online) and remembers the answer; falls back to what this device knows. */
export async function whoAmI(): Promise<Me | null> {
	try {
		const response = await fetch('/api/me');
		if (response.status === 401) return null;
		if (response.ok) {
			const body = (await response.json()) as { person: Me };
			rememberMe(body.person);
			return body.person;
		}
	} catch {
		// Offline: use what this device remembers.
	}
	return rememberedMe();
}
