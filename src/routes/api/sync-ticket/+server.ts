import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireApiViewer } from '$lib/server/access';
import { documentExists } from '$lib/server/documents';
import { services } from '$lib/server/services';
import { documentViewRecord, recordViewIn } from '$lib/server/privacy/record';
import { decideDocumentAccess } from '$lib/server/sync-access';
import { parseDocumentName } from '$lib/ydoc/document-name';
import { TICKET_LIFETIME_SECONDS, mintTicket, newTicketId } from '$lib/ydoc/sync-ticket';
import type { RequestHandler } from './$types';

const Body = v.object({ document: v.pipe(v.string(), v.maxLength(256)) });

/**
 * A short-lived, single-use ticket for one document, minted only after the access policy said
 * yes. The policy is asked before the document's existence: someone who could not open it gets
 * 403 whether it exists or not, so the answer never tells a stranger which documents exist; 404
 * only tells a person with the grant that the document was not created (sync-server SPEC R6).
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const viewer = await requireApiViewer(locals);
	const body = v.safeParse(Body, await request.json().catch(() => null));
	if (!body.success) error(400, 'Yêu cầu phải có dạng {"document": "<tên tài liệu>"}.');
	const parsed = parseDocumentName(body.output.document);
	if (!parsed.ok) error(400, `Tên tài liệu không hợp lệ: ${parsed.reason}.`);
	const { db, keys, now } = services();
	// Term locks (khóa sổ) and a student's school come with the document's context.
	const { access, locked } = await decideDocumentAccess(db, viewer.grants, parsed.ref);
	if (access === 'none') error(403, 'Bạn không có quyền mở tài liệu này.');
	// A student view is created on first demand from what SQL holds (parents SPEC PV6).
	const exists = await documentExists(db, body.output.document);
	if (!exists && parsed.ref.kind === 'student') await services().sync.ensureStudentView?.(parsed.ref.student, parsed.ref.year);
	if (!exists && !(await documentExists(db, body.output.document))) error(404, 'Không có tài liệu này.');
	// Privacy SPEC PR4/PR8: a ticket to students' data is a view, logged before it is minted; no log, no ticket.
	const record = await documentViewRecord(db, viewer, body.output.document, parsed.ref);
	if (record) await recordViewIn(db, viewer, record, now());
	const ticket = mintTicket(keys.syncTicketSecret, {
		sub: viewer.person.id,
		name: viewer.person.fullName,
		doc: body.output.document,
		access,
		exp: Math.floor(now().getTime() / 1000) + TICKET_LIFETIME_SECONDS,
		jti: newTicketId(),
		sid: viewer.session.id
	});
	// Why a writer gets read access, for the page to say so.
	return json({ ticket, access, locked });
};
