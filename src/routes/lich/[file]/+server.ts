import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { feedByToken } from '$lib/server/timetable/calendar-feeds';
import type { RequestHandler } from './$types';

/**
 * TT27, TT28: `/lich/<token>.ics`, the secret URL a calendar app subscribes to. No session: the
 * token is the credential. Unknown, revoked or no longer allowed: 404, saying nothing more.
 */
export const GET: RequestHandler = async ({ params }) => {
	const token = params.file.endsWith('.ics') ? params.file.slice(0, -4) : params.file;
	const { db, config, now } = services();
	const text = await feedByToken(db, token, now(), new URL(config.origin).hostname);
	if (text === null) error(404, 'Không tìm thấy lịch này (đường dẫn đã bị thu hồi hoặc không đúng).');
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="thoi-khoa-bieu.ics"',
			'cache-control': 'private, max-age=300'
		}
	});
};
