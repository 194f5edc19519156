import { redirect } from '@sveltejs/kit';
import { feeSchools } from '$lib/domain/access/fees';
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
import { myWeekOf } from '$lib/server/timetable/my-week';
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
		const children = await childrenOf(db, viewer.person.id);
		// One child, verified: straight to them (parents SPEC PV7). Several, or one still to be
		// verified: the list below, with what to do for each.
		const [only] = children;
		if (children.length === 1 && only?.verified) redirect(303, `/con/${only.studentId}`);
		return {
			role,
			person,
			canSwitchRole,
			gradebooks: [],
			homerooms: [],
			leaderClasses: [],
			leader: null,
			scheduler: false,
			district: false,
			fees: false,
			homeroomFees: [],
			corrections: [],
			whereabouts: [],
			myWeek: null,
			years: [],
			year: null,
			children
		};
	}
	const grants = viewer.grants;
	const leads = ledSchools(grants);
	// Independent reads, in parallel: a leader's page waits for the slowest, not the sum.
	const [mine, pendingForLeader, years, homerooms, leaderClasses, whereabouts, myWeek] = await Promise.all([
		correctionRequestsOf(db, { personId: viewer.person.id }),
		leads.length > 0 ? correctionRequestsOf(db, { status: 'pending', schools: leads }).then((rows) => rows.length) : 0,
		listingYears(db, grants),
		homeroomLinks(db, grants),
		leaderClassLinks(db, grants),
		whereaboutsOf(db, grants, now()),
		myWeekOf(db, grants, now())
	]);
	// The current year unless the switcher asked for another year of the person's schools.
	const asked = years.find((y) => y.year === url.searchParams.get('nam') && !y.current);
	const [describe, gradebooks] = await Promise.all([describer(db, mine.map((r) => r.document), []), gradebookListings(db, grants, asked ? { year: asked.year } : {})]);
	return {
		role,
		person,
		canSwitchRole,
		gradebooks,
		years,
		year: asked?.year ?? null,
		homerooms,
		leaderClasses,
		leader: leads.length > 0 ? { pendingCorrections: pendingForLeader } : null,
		// Timetable SPEC TT1: who builds the school's timetables sees the way to them.
		scheduler: grants.roles.some((r) => r.role === 'scheduler' || r.role === 'vice_principal'),
		district: routeAccess(grants, 'district') !== 'none',
		// Fees SPEC FA1, FA2: the accountant and the principal manage fees; a homeroom teacher sees their class's payments.
		fees: feeSchools(grants).length > 0,
		// The year shown (the current one unless the switcher asked): last year's class of the same name is not this year's.
		homeroomFees: grants.homeroom
			.filter((h) => (asked ? h.year === asked.year : years.some((y) => y.current && y.year === h.year)))
			.map((h) => ({ classCode: h.classCode.toUpperCase(), href: `/lop/${h.school}/${h.year}/${h.classCode}/hoc-phi` })),
		whereabouts,
		myWeek,
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
