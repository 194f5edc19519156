import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** The database's state and the work waiting for it; 503 while the database does not answer. */
export const GET: RequestHandler = async () => {
	const { status, body } = await services().health();
	return json(body, { status, headers: { 'cache-control': 'no-store' } });
};
