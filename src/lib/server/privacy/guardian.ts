/** The guard of the guardian's privacy pages (privacy SPEC PR10): a verified guardian of this child, acting as guardian. */
import { error } from '@sveltejs/kit';
import { isVerifiedGuardianOf } from '../../domain/access/grants';
import { requireViewer, type Viewer } from '../access';

export async function requireGuardianOf(locals: App.Locals, student: string): Promise<Viewer> {
	const viewer = await requireViewer(locals);
	// Decided on the server, from the acting role's grants: a teacher acting as staff is refused too.
	if (viewer.session.activeRole !== 'guardian' || !isVerifiedGuardianOf(viewer.grants, student)) {
		error(403, 'Bạn chỉ xem được dữ liệu của con mình, sau khi nhà trường đã xác minh bạn là phụ huynh của con.');
	}
	return viewer;
}
