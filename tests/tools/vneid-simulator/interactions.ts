// The login "interaction": citizen picker, typed personal ID, login_hint short-cut, auto-consent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, Provider } from 'oidc-provider';
import { isPersonalId, normalizePersonalId, type Citizen } from './citizens';
import { readBody, sendHtml } from './http-util';
import { errorPage, loginPage } from './views';

export const MALFORMED_ID_MESSAGE = 'Số định danh cá nhân không hợp lệ: phải gồm đúng 12 chữ số.';

export type InteractionAction = 'login' | 'abort' | undefined;

export function createInteractionHandler(provider: Provider, citizens: Citizen[]) {
	/** Grants everything that was asked for: no consent screen in the simulator. */
	async function grantAll(details: Interaction, accountId: string): Promise<string> {
		const clientId = String(details.params.client_id);
		const grant = new provider.Grant({ accountId, clientId });
		grant.addOIDCScope(typeof details.params.scope === 'string' ? details.params.scope : 'openid');
		const claims = new Set<string>();
		if (typeof details.params.claims === 'string') {
			try {
				const requested = JSON.parse(details.params.claims) as Record<string, object | null>;
				for (const member of [requested.id_token, requested.userinfo]) {
					for (const name of Object.keys(member ?? {})) claims.add(name);
				}
			} catch {
				// oidc-provider already rejected a malformed claims parameter.
			}
		}
		const missing = details.prompt.details.missingOIDCClaims;
		if (Array.isArray(missing)) for (const name of missing) claims.add(String(name));
		if (claims.size) grant.addOIDCClaims([...claims]);
		return grant.save();
	}

	async function finish(req: IncomingMessage, res: ServerResponse, details: Interaction, accountId: string) {
		if (details.session && details.session.accountId !== accountId) {
			// Another citizen is signed in (e.g. a reused cookie jar): drop that session here instead of
			// letting oidc-provider ask "sign out first?", so plain-HTTP scripts can switch citizens.
			const previous = await provider.Session.findByUid(details.session.uid);
			delete details.session;
			await details.save(details.exp - Math.floor(Date.now() / 1000));
			await previous?.destroy();
		}
		const grantId = await grantAll(details, accountId);
		await provider.interactionFinished(
			req,
			res,
			{ login: { accountId }, consent: { grantId } },
			{ mergeWithLastSubmission: false }
		);
	}

	function page(res: ServerResponse, details: Interaction, status: number, error?: string, typedId?: string) {
		const clientId = String(details.params.client_id);
		sendHtml(res, status, loginPage({ uid: details.uid, clientId, citizens, error, typedId }));
	}

	return async function handleInteraction(
		req: IncomingMessage,
		res: ServerResponse,
		uid: string,
		action: InteractionAction
	): Promise<void> {
		let details: Interaction;
		try {
			details = await provider.interactionDetails(req, res);
		} catch (error) {
			sendHtml(res, 400, errorPage('Phiên đăng nhập không hợp lệ hoặc đã hết hạn', {
				error: 'invalid_session',
				error_description: error instanceof Error ? error.message : String(error)
			}));
			return;
		}
		if (details.uid !== uid) {
			sendHtml(res, 400, errorPage('Phiên đăng nhập không khớp', { error: 'invalid_session' }));
			return;
		}

		if (req.method === 'GET' && action === undefined) {
			if (details.prompt.name === 'consent' && details.session) {
				return finish(req, res, details, details.session.accountId);
			}
			const hint = details.params.login_hint;
			if (typeof hint === 'string' && hint !== '') {
				const personalId = normalizePersonalId(hint);
				if (isPersonalId(personalId)) return finish(req, res, details, personalId);
				return page(res, details, 200, `login_hint bị bỏ qua. ${MALFORMED_ID_MESSAGE}`, hint);
			}
			return page(res, details, 200);
		}

		if (req.method === 'POST' && action === 'login') {
			const form = new URLSearchParams(await readBody(req));
			// Citizen buttons post their index, so full personal IDs never appear in the page.
			const index = form.get('citizen');
			const picked = index !== null && /^\d+$/.test(index) ? citizens[Number(index)] : undefined;
			const typed = form.get('personalId') ?? '';
			const personalId = picked?.personalId ?? normalizePersonalId(typed);
			if (!isPersonalId(personalId)) return page(res, details, 400, MALFORMED_ID_MESSAGE, typed);
			return finish(req, res, details, personalId);
		}

		if (req.method === 'POST' && action === 'abort') {
			return provider.interactionFinished(
				req,
				res,
				{ error: 'access_denied', error_description: 'End-User aborted the VNeID sign-in' },
				{ mergeWithLastSubmission: false }
			);
		}

		res.writeHead(405, { allow: action ? 'POST' : 'GET' }).end();
	};
}
