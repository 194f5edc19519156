import { redirect } from '@sveltejs/kit';
import { ledSchools } from '$lib/domain/access/leadership';
import { gradebookListings } from '$lib/server/documents';
import { correctionRequestsOf } from '$lib/server/grades/corrections';
import { columnLabel, describer } from '$lib/server/grades/describe';
import { loadGrants } from '$lib/server/grants';
import { services } from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.person) redirect(303, '/dang-nhap');
	const { db } = services();
	const grants = await loadGrants(db, locals.person.id);
	const leads = ledSchools(grants);
	const mine = await correctionRequestsOf(db, { personId: locals.person.id });
	const pendingForLeader = leads.length > 0 ? (await correctionRequestsOf(db, { status: 'pending' })).filter((r) => leads.some((s) => r.document.startsWith(`gradebook/${s}/`))).length : 0;
	const describe = await describer(db, mine.map((r) => r.document), []);
	return {
		person: { id: locals.person.id, name: locals.person.fullName },
		gradebooks: await gradebookListings(db, grants),
		leader: leads.length > 0 ? { pendingCorrections: pendingForLeader } : null,
		corrections: mine.map((r) => ({
			id: r.id,
			title: describe.document(r.document),
			status: r.status,
			reason: r.reason,
			cells: r.cells.length,
			columns: [...new Set(r.cells.map((c) => columnLabel(c.columnKey)))]
		}))
	};
};
