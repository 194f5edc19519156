import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	await endSession(cookies, locals.session?.id);
	redirect(303, '/dang-nhap');
};
