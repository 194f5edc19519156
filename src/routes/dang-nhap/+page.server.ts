import { redirect } from '@sveltejs/kit';
import { demoPeople } from '$lib/server/people';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.person) redirect(303, '/');
	const { config, db, keys } = services();
	if (!config.demo) return { demo: false as const, people: [] };
	const people = (await demoPeople(db, keys)).map(({ personalId, maskedId, name, roles }) => ({ personalId, maskedId, name, roles }));
	return { demo: true as const, people };
};
