import { error } from '@sveltejs/kit';
import { requireViewer } from '$lib/server/access';
import { documentExists } from '$lib/server/documents';
import { services } from '$lib/server/services';
import { decideDocumentAccess } from '$lib/server/sync-access';
import { timetableName, timetableSchoolOf } from '$lib/server/timetable/versions';
import type { PageServerLoad } from './$types';

/** TT5: the editor of one version, after the same decision the sync ticket makes. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await requireViewer(locals);
	const { db } = services();
	const school = await timetableSchoolOf(db, viewer.grants);
	if (!school) error(403, 'Chỉ cán bộ, giáo viên của trường mới xem được thời khóa biểu.');
	if (!/^v[1-9][0-9]{0,3}$/.test(params.version)) error(404, 'Không có phiên bản thời khóa biểu này.');
	const name = timetableName(school.school, school.year, params.version);
	const { access } = await decideDocumentAccess(db, viewer.grants, { kind: 'timetable', school: school.school, year: school.year, version: params.version });
	if (access === 'none') error(403, 'Bạn không có quyền mở thời khóa biểu này.');
	if (!(await documentExists(db, name))) error(404, 'Không có phiên bản thời khóa biểu này.');
	return { document: name, access, version: params.version };
};
