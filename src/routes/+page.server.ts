import { redirect } from '@sveltejs/kit';
import { ledSchools } from '$lib/domain/access/leadership';
import { routeAccess } from '$lib/domain/access/route-access';
import { requireViewer } from '$lib/server/access';
import { gradebookListings, listingYears } from '$lib/server/documents';
import { correctionRequestsOf } from '$lib/server/grades/corrections';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { homeroomLinks, leaderClassLinks } from '$lib/server/homeroom/listings';
import { childrenOf } from '$lib/server/people';
import { services } from '$lib/server/services';
import { whereaboutsOf } from '$lib/server/whereabouts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await requireViewer(locals);
	const role = viewer.session.activeRole;
	// Not chosen yet, or a capacity the person no longer holds: choose (again).
	if (!role || !viewer.actingRoles.includes(role)) redirect(303, '/chon-vai-tro');
	const { db, now } = services();
	const person = { id: viewer.person.id, name: viewer.person.fullName };
	const canSwitchRole = viewer.actingRoles.length > 1;
	if (role === 'guardian') {
		return {
			role,
			person,
			canSwitchRole,
			gradebooks: [],
			homerooms: [],
			leaderClasses: [],
			leader: null,
			district: false,
			corrections: [],
			whereabouts: [],
			years: [],
			year: null,
			children: await childrenOf(db, viewer.person.id)
		};
	}
	const grants = viewer.grants;
	const leads = ledSchools(grants);
	const mine = await correctionRequestsOf(db, { personId: viewer.person.id });
	const pendingForLeader = leads.length > 0 ? (await correctionRequestsOf(db, { status: 'pending', schools: leads })).length : 0;
	// The current year unless the switcher asked for another year of the person's schools.
	const years = await listingYears(db, grants);
	const asked = years.find((y) => y.year === url.searchParams.get('nam') && !y.current);
	const describe = await describer(db, mine.map((r) => r.document), []);
	return {
		role,
		person,
		canSwitchRole,
		gradebooks: await gradebookListings(db, grants, asked ? { year: asked.year } : {}),
		years,
		year: asked?.year ?? null,
		homerooms: await homeroomLinks(db, grants),
		leaderClasses: await leaderClassLinks(db, grants),
		leader: leads.length > 0 ? { pendingCorrections: pendingForLeader } : null,
		district: routeAccess(grants, 'district') !== 'none',
		whereabouts: await whereaboutsOf(db, grants, now()),
		corrections: mine.map((r) => ({
			id: r.id,
			title: describe.document(r.document),
			status: r.status,
			reason: r.reason,
			cells: r.cells.length,
			columns: [...new Set(r.cells.map((c) => columnLabel(c.columnKey)))]
		})),
		children: []
	};
};
