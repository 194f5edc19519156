import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { documentAccess } from '$lib/domain/access/policy';
import { documentExists } from '$lib/server/documents';
import { isClassLocked } from '$lib/server/grades/term-locks';
import { loadGrants } from '$lib/server/grants';
import { services } from '$lib/server/services';
import { parseDocumentName } from '$lib/ydoc/document-name';
import { TICKET_LIFETIME_SECONDS, mintTicket } from '$lib/ydoc/sync-ticket';
import type { RequestHandler } from './$types';

const Body = v.object({ document: v.pipe(v.string(), v.maxLength(256)) });

/** A short-lived ticket for one document, minted only after the access policy said yes. */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (!locals.person) error(401, 'Bạn chưa đăng nhập.');
	const body = v.safeParse(Body, await request.json().catch(() => null));
	if (!body.success) error(400, 'Yêu cầu phải có dạng {"document": "<tên tài liệu>"}.');
	const parsed = parseDocumentName(body.output.document);
	if (!parsed.ok) error(400, `Tên tài liệu không hợp lệ: ${parsed.reason}.`);
	const { db, keys, now } = services();
	if (!(await documentExists(db, body.output.document))) error(404, 'Không có tài liệu này.');
	const ref = parsed.ref;
	const locked = ref.kind === 'gradebook' && (await isClassLocked(db, { school: ref.school, year: ref.year, term: ref.term, classCode: ref.classCode }));
	const access = documentAccess(await loadGrants(db, locals.person.id), ref, { locked });
	if (access === 'none') error(403, 'Bạn không có quyền mở tài liệu này.');
	const ticket = mintTicket(keys.syncTicketSecret, {
		sub: locals.person.id,
		name: locals.person.fullName,
		doc: body.output.document,
		access,
		exp: Math.floor(now().getTime() / 1000) + TICKET_LIFETIME_SECONDS
	});
	// Why a writer gets read access, for the page to say so.
	return json({ ticket, access, locked });
};
