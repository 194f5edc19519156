import { redirect } from '@sveltejs/kit';
import { gradebookListings } from '$lib/server/documents';
import { loadGrants } from '$lib/server/grants';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.person) redirect(303, '/dang-nhap');
	const { db } = services();
	const grants = await loadGrants(db, locals.person.id);
	return { person: { id: locals.person.id, name: locals.person.fullName }, gradebooks: await gradebookListings(db, grants) };
};
