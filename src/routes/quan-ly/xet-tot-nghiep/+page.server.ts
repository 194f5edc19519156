import { LAST_THCS_GRADE, graduationReviewCandidates } from '$lib/domain/reports';
import { classInfo, loadClassSummary } from '$lib/server/homeroom/class-summary-data';
import { requireLeader } from '$lib/server/leadership';
import { recordSchoolPageView } from '$lib/server/privacy/record';
import { services } from '$lib/server/services';
import { classesOfYear } from '$lib/server/school-classes';
import type { PageServerLoad } from './$types';

/**
 * Danh sách xét công nhận tốt nghiệp THCS (reports SPEC S15): for every grade-9 class of the
 * current year, the students whose year summary completes the THCS programme, and how many are
 * not there yet (another path, or the summary still lacks data). Leaders of the school only.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	// Privacy SPEC PR4: students' data on a page is a view, logged before it is served.
	await recordSchoolPageView(leader, '/quan-ly/xet-tot-nghiep', `Danh sách xét công nhận tốt nghiệp THCS, năm học ${leader.year}`);
	const { db } = services();
	const finalClasses = await classesOfYear(db, leader.school, leader.year, LAST_THCS_GRADE);
	const perClass = [];
	for (const { code } of finalClasses) {
		const info = await classInfo(db, leader.school, leader.year, code);
		if (!info) continue;
		const summary = await loadClassSummary(db, info, 'year');
		const candidates = graduationReviewCandidates(summary, info.grade);
		perClass.push({
			code,
			name: info.className,
			size: summary.students.length,
			undecided: summary.students.filter((s) => !s.promotion?.ok).length,
			students: candidates.map((row) => ({
				id: row.student.id,
				code: row.student.code,
				name: row.student.name,
				academic: row.academic.ok ? row.academic.value.level : '',
				conduct: row.conduct.ok ? row.conduct.value : ''
			}))
		});
	}
	return { school: leader.school, schoolName: leader.schoolName, year: leader.year, classes: perClass };
};
