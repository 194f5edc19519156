import { rosterRequest } from '$lib/server/roster/roster-requests';
import { previewRoster } from '$lib/server/roster/roster-import';
import { recordView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

/**
 * Preview of an uploaded roster file, streamed as NDJSON: `{"progress":[done,total]}` lines while
 * rows are checked, then one `{"preview":…}` or `{"refused":{message,fix}}` line. Nothing is written.
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const { leader, file, target } = await rosterRequest(locals, request, url);
	// Privacy SPEC PR4/PR8: the preview shows the file's students against the school's records.
	await recordView(leader, {
		kind: 'page',
		target: '/quan-ly/nhap-danh-sach/kiem-tra',
		what: `Xem trước tệp danh sách học sinh và phụ huynh, năm học ${leader.year}`,
		scopes: [{ kind: 'school', school: leader.school, year: leader.year }]
	});
	const { db, keys } = services();
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
			try {
				if (!file.ok) send({ refused: { message: file.message, fix: file.fix } });
				else send({ preview: await previewRoster(db, keys, target, file.rows, (done, total) => send({ progress: [done, total] })) });
			} catch (cause) {
				console.error('[roster] preview failed', cause);
				send({ refused: { message: 'Không kiểm tra được tệp do lỗi máy chủ.', fix: 'Thử lại sau ít phút.' } });
			}
			controller.close();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
};
