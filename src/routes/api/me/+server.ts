import { error, json } from '@sveltejs/kit';
import { accessibleDocuments } from '$lib/server/documents';
import { loadGrants } from '$lib/server/grants';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/** Who is signed in, their roles, and every document they may sync (the PWA syncs these). */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.person) error(401, 'Bạn chưa đăng nhập.');
	const { db } = services();
	const grants = await loadGrants(db, locals.person.id);
	return json({
		person: { id: locals.person.id, name: locals.person.fullName },
		roles: grants.roles,
		documents: await accessibleDocuments(db, grants)
	});
};
