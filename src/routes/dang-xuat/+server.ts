import { redirect } from '@sveltejs/kit';
import { endSession } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

/** Ends the session here, then at VNeID too when the provider offers RP-initiated logout. */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	const providerLogout = await endSession(cookies, locals.session);
	redirect(303, providerLogout?.href ?? '/dang-nhap');
};
