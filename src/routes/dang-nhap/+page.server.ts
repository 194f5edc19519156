import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.person) redirect(303, '/');
	const { config, vneid } = services();
	return { configured: vneid !== null, demo: config.demo };
};
