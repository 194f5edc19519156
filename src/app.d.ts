// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, SessionPerson } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			person: SessionPerson | null;
			session: Session | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
