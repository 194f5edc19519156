import { error } from '@sveltejs/kit';
import { requireViewer } from '$lib/server/access';
import { documentExists } from '$lib/server/documents';
import { leftLabel, leftStudentsOfClass } from '$lib/server/grades/closed-students';
import { services } from '$lib/server/services';
import { decideDocumentAccess } from '$lib/server/sync-access';
import { parseDocumentName } from '$lib/ydoc/document-name';
import type { PageServerLoad } from './$types';

/**
 * The same decision the sync ticket makes, taken before any document code reaches the browser:
 * a parent or a teacher of another class gets a 403 page, not the gradebook's shell. Asked before
 * the document's existence, so a refusal tells nothing about which documents exist.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireViewer(locals);
	const parsed = parseDocumentName(params.document);
	if (!parsed.ok) error(404, 'Địa chỉ này không phải của một sổ điểm.');
	const { db } = services();
	const { access } = await decideDocumentAccess(db, viewer.grants, parsed.ref);
	if (access === 'none') {
		error(403, 'Bạn không có quyền mở sổ điểm này. Chỉ giáo viên được phân công dạy môn ở lớp đó và ban giám hiệu của trường mới mở được sổ.');
	}
	if (!(await documentExists(db, params.document))) error(404, 'Không có sổ điểm này.');
	// Students who left keep their marks, read-only (sync-server SPEC V19): the rows say so.
	const left = parsed.ref.kind === 'gradebook' ? await leftStudentsOfClass(db, parsed.ref.school, parsed.ref.year, parsed.ref.classCode) : [];
	return { document: params.document, left: left.map((s) => ({ studentId: s.studentId, label: leftLabel(s) })) };
};
