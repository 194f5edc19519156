import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { documentAccess } from '$lib/domain/access/policy';
import { requireApiViewer } from '$lib/server/access';
import { documentContext, documentExists } from '$lib/server/documents';
import { services } from '$lib/server/services';
import { parseDocumentName } from '$lib/ydoc/document-name';
import { TICKET_LIFETIME_SECONDS, mintTicket } from '$lib/ydoc/sync-ticket';
import type { RequestHandler } from './$types';

const Body = v.object({ document: v.pipe(v.string(), v.maxLength(256)) });

/** A short-lived ticket for one document, minted only after the access policy said yes. */
export const POST: RequestHandler = async ({ locals, request }) => {
	const viewer = await requireApiViewer(locals);
	const body = v.safeParse(Body, await request.json().catch(() => null));
	if (!body.success) error(400, 'Yêu cầu phải có dạng {"document": "<tên tài liệu>"}.');
	const parsed = parseDocumentName(body.output.document);
	if (!parsed.ok) error(400, `Tên tài liệu không hợp lệ: ${parsed.reason}.`);
	const { db, keys, now } = services();
	if (!(await documentExists(db, body.output.document))) error(404, 'Không có tài liệu này.');
	// Term locks (khóa sổ) and a student's school come with the document's context.
	const context = await documentContext(db, parsed.ref);
	const locked = context.locked ?? false;
	const access = documentAccess(viewer.grants, parsed.ref, context);
	if (access === 'none') error(403, 'Bạn không có quyền mở tài liệu này.');
	const ticket = mintTicket(keys.syncTicketSecret, {
		sub: viewer.person.id,
		name: viewer.person.fullName,
		doc: body.output.document,
		access,
		exp: Math.floor(now().getTime() / 1000) + TICKET_LIFETIME_SECONDS
	});
	// Why a writer gets read access, for the page to say so.
	return json({ ticket, access, locked });
};
