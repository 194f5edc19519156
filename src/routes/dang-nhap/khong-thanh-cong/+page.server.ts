import { readProblemCookie } from '$lib/server/auth/sign-in-cookies';
import { signInProblemText } from '$lib/server/auth/sign-in-problems';
import type { PageServerLoad } from './$types';

/** Explains a refused sign-in. The reason comes from a short-lived cookie set by the callback. */
export const load: PageServerLoad = async ({ cookies }) => {
	const problem = readProblemCookie(cookies);
	return {
		reason: problem?.reason ?? null,
		maskedId: problem?.maskedId ?? null,
		text: signInProblemText(problem?.reason ?? null)
	};
};
