import { error, json, redirect } from '@sveltejs/kit';
import { demoPeople, findPersonByPersonalId } from '$lib/server/people';
import { services } from '$lib/server/services';
import { startSession } from '$lib/server/sign-in';
import type { RequestHandler } from './$types';

/**
 * Demo sign-in for scripts and the demo page: `?as=<personal ID>` signs that person in;
 * `Accept: application/json` lists the demo people. Exists only with DEMO=1.
 */
export const GET: RequestHandler = async ({ url, request, cookies }) => {
	const { config, db, keys } = services();
	if (!config.demo) error(404, 'Không tìm thấy trang.');
	const as = url.searchParams.get('as');
	if (as !== null) {
		const person = await findPersonByPersonalId(db, keys, as.trim());
		if (!person || person.disabledAt) error(404, 'Không có người nào trong dữ liệu mẫu với số định danh này.');
		await startSession(cookies, person.id);
		redirect(303, '/');
	}
	if ((request.headers.get('accept') ?? '').includes('application/json')) return json(await demoPeople(db, keys));
	redirect(303, '/dang-nhap');
};
