// Minimal typings for the part of oidc-provider 9.x that the VNeID simulator uses.
// The package ships no types and @types/oidc-provider is not installed.
declare module 'oidc-provider' {
	import type { IncomingMessage, ServerResponse } from 'node:http';

	export type Configuration = Record<string, unknown>;

	export interface OidcContext {
		oidc: {
			params: Record<string, unknown>;
			session: { accountId?: string };
		};
	}

	export interface Interaction {
		uid: string;
		exp: number;
		returnTo: string;
		prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
		params: Record<string, unknown>;
		session?: { accountId: string; uid: string; cookie: string };
		grantId?: string;
		save(ttlSeconds: number): Promise<string>;
	}

	export interface InteractionResults {
		login?: { accountId: string; remember?: boolean; acr?: string; amr?: string[] };
		consent?: { grantId?: string };
		error?: string;
		error_description?: string;
	}

	export interface Grant {
		addOIDCScope(scope: string): void;
		addOIDCClaims(claims: string[]): void;
		save(): Promise<string>;
	}

	export class Check {
		constructor(
			reason: string,
			description: string,
			check: (ctx: OidcContext) => boolean | Promise<boolean>
		);
		static readonly REQUEST_PROMPT: true;
		static readonly NO_NEED_TO_PROMPT: false;
	}

	export interface Prompt {
		name: string;
		checks: Check[] & { add(check: Check, index?: number): void };
	}

	export const interactionPolicy: {
		Check: typeof Check;
		base(): Prompt[] & { get(name: string): Prompt | undefined };
	};

	export class Provider {
		constructor(issuer: string, configuration?: Configuration);
		readonly issuer: string;
		proxy: boolean;
		callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
		interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
		interactionFinished(
			req: IncomingMessage,
			res: ServerResponse,
			result: InteractionResults,
			options?: { mergeWithLastSubmission?: boolean }
		): Promise<void>;
		readonly Grant: new (properties: { accountId: string; clientId: string }) => Grant;
		readonly Session: {
			findByUid(uid: string): Promise<{ destroy(): Promise<void> } | undefined>;
		};
		on(event: string, listener: (...args: unknown[]) => void): this;
		/** Koa middleware around oidc-provider's own (pre/post processing). */
		use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): this;
	}

	export interface ProviderContext {
		status: number;
		body: unknown;
		oidc?: { route?: string };
	}

	export default Provider;
}
