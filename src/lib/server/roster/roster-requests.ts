/** What the roster import endpoints share: who may use them, the uploaded file, today's date. */
import { error } from '@sveltejs/kit';
import { requireLeader } from '../leadership';
import { services } from '../services';
import { readRosterFile } from './spreadsheet';
import { vietnamToday } from '../../domain/calendar/vietnam-time';
import type { RosterTarget } from './roster-import';

/**
 * The leader and the uploaded file. The body is the raw file (not a form), so SvelteKit's own
 * cross-site check does not apply: the Origin header is checked here.
 */
export async function rosterRequest(locals: App.Locals, request: Request, url: URL) {
	const leader = await requireLeader(locals);
	if (request.headers.get('origin') !== url.origin) error(403, 'Yêu cầu từ trang khác bị từ chối.');
	const bytes = new Uint8Array(await request.arrayBuffer());
	const file = await readRosterFile(bytes);
	const target: RosterTarget = { schoolId: leader.school, year: leader.year, today: vietnamToday(services().now()) };
	return { leader, file, target };
}
