import { error, json } from '@sveltejs/kit';
import { requireApiViewer } from '$lib/server/access';
import { pendingCorrectionCells } from '$lib/server/grades/corrections';
import { services } from '$lib/server/services';
import { decideDocumentAccess } from '$lib/server/sync-access';
import { formatDocumentName, parseDocumentName } from '$lib/ydoc/document-name';
import type { RequestHandler } from './$types';

/**
 * `GET /api/correction-requests?document=<gradebook>` → `{ cells: [{ studentId, columnKey, asked }] }`:
 * the signed-in person's own correction requests for that gradebook still waiting for a decision
 * (sync SPEC O5). Only for someone who may open the gradebook now, decided as the page is.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const viewer = await requireApiViewer(locals);
	const parsed = parseDocumentName(url.searchParams.get('document') ?? '');
	if (!parsed.ok || parsed.ref.kind !== 'gradebook') error(404, 'Địa chỉ này không phải của một sổ điểm.');
	const { db } = services();
	const { access } = await decideDocumentAccess(db, viewer.grants, parsed.ref);
	if (access === 'none') error(403, 'Bạn không có quyền mở sổ điểm này.');
	const cells = await pendingCorrectionCells(db, formatDocumentName(parsed.ref), viewer.person.id);
	return json({ cells }, { headers: { 'cache-control': 'no-store' } });
};
