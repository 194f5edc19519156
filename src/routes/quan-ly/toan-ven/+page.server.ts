import { requireLeader } from '$lib/server/leadership';
import { recordSchoolPageView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import { describer } from '$lib/server/grades/describe';
import { ALERT_TITLES, alertsOf, type AlertKind } from '$lib/server/integrity/alerts';
import { projectedDocuments, reconcileProjections } from '$lib/server/integrity/reconcile';
import type { Actions, PageServerLoad } from './$types';

/** Integrity alerts of the leader's school (projections SPEC P5), and the reconciliation button (P6). */
export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	// Privacy SPEC PR4: students' data on a page is a view, logged before it is served.
	await recordSchoolPageView(leader, '/quan-ly/toan-ven', `Cảnh báo toàn vẹn dữ liệu, năm học ${leader.year}`);
	const { db } = services();
	const alerts = await alertsOf(db, leader.school);
	const describe = await describer(db, [...new Set(alerts.map((a) => a.document))], []);
	return {
		schoolName: leader.schoolName,
		alerts: alerts.map((a) => ({
			id: a.id,
			document: describe.document(a.document),
			title: ALERT_TITLES[a.kind as AlertKind] ?? a.kind,
			drift: a.kind === 'drift',
			detail: a.detail,
			count: a.count,
			firstSeen: a.firstSeen.toISOString(),
			lastSeen: a.lastSeen.toISOString()
		}))
	};
};

// An edit still in flight when a document is read can look like drift: read it again a moment later.
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 500));

export const actions: Actions = {
	reconcile: async ({ locals }) => {
		const leader = await requireLeader(locals);
		const { db, now } = services();
		const report = await reconcileProjections(db, await projectedDocuments(db, leader.school), { settle, now });
		const drifted = report.drifted.length;
		return {
			message:
				drifted === 0
					? `Đã đối chiếu ${report.documents} sổ: báo cáo khớp với sổ.`
					: `Đã đối chiếu ${report.documents} sổ: ${drifted} sổ có dữ liệu báo cáo lệch với sổ (xem cảnh báo bên dưới).`
		};
	}
};
