import { redirect } from '@sveltejs/kit';
import { CURRENT_NOTICE_VERSION, PURPOSE_NOTICE } from '$lib/domain/privacy/notice';
import { requireViewer } from '$lib/server/access';
import { childrenOf } from '$lib/server/people';
import { acceptedVersions, recordConsent, withdrawConsent } from '$lib/server/privacy/consent';
import { services } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

/** The purpose notice (privacy SPEC PR1–PR3): for a session acting as a guardian only. */
export const load: PageServerLoad = async ({ locals }) => {
	const viewer = await requireViewer(locals);
	if (viewer.session.activeRole !== 'guardian') redirect(303, '/');
	const { db } = services();
	const accepted = await acceptedVersions(db, viewer.person.id);
	const current = accepted.includes(CURRENT_NOTICE_VERSION);
	return {
		name: viewer.person.fullName,
		notice: PURPOSE_NOTICE,
		accepted: current,
		// Once accepted: where the rights the notice names are exercised, per verified child (PR10).
		children: current ? (await childrenOf(db, viewer.person.id)).filter((c) => c.verified).map((c) => ({ id: c.studentId, name: c.name })) : [],
		// A new version after an earlier acceptance: say so (PR2).
		renewed: accepted.length > 0 && !accepted.includes(CURRENT_NOTICE_VERSION)
	};
};

export const actions: Actions = {
	'dong-y': async ({ locals, request }) => {
		const viewer = await requireViewer(locals);
		if (viewer.session.activeRole !== 'guardian') redirect(303, '/');
		const version = (await request.formData()).get('version');
		// The version the guardian read: accepting an older page after a change must ask again.
		if (version !== CURRENT_NOTICE_VERSION) redirect(303, '/dong-y');
		const { db, now } = services();
		await recordConsent(db, viewer.person.id, now(), CURRENT_NOTICE_VERSION);
		redirect(303, '/');
	},
	'tu-choi': async ({ locals }) => {
		await requireViewer(locals);
		return { declined: true };
	},
	/** PR15: withdrawing consent; the child's data closes at once, open connections included. */
	'rut-lai': async ({ locals }) => {
		const viewer = await requireViewer(locals);
		if (viewer.session.activeRole !== 'guardian') redirect(303, '/');
		const { db, now, sync } = services();
		await withdrawConsent(db, viewer.person.id, now());
		// Live student views are re-decided now: the sync server asks the database, which refuses (PR14).
		await sync.reauthorizePerson(viewer.person.id);
		return { withdrawn: true };
	}
};
