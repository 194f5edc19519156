import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireLeader } from '$lib/server/leadership';
import { services } from '$lib/server/services';
import { classesOfYear } from '$lib/server/school-classes';
import { gradebookCountsByClass, locksOf, lockTerm, unlockTerm, type LockScope } from '$lib/server/grades/term-locks';
import type { Actions, PageServerLoad } from './$types';

const TERMS = ['hk1', 'hk2'] as const;

export const load: PageServerLoad = async ({ locals }) => {
	const leader = await requireLeader(locals);
	const { db } = services();
	const classRows = await classesOfYear(db, leader.school, leader.year);
	const terms = await Promise.all(
		TERMS.map(async (term) => {
			const target = { school: leader.school, year: leader.year, term };
			const locks = (await locksOf(db, target)).map((l) => ({ scope: l.scope, value: l.scopeValue }));
			// For the confirmation: "Khóa 96 sổ điểm của cả trường?" names the real number.
			const gradebooks = Object.fromEntries(await gradebookCountsByClass(db, target));
			return { term, locks, gradebooks };
		})
	);
	return { schoolName: leader.schoolName, year: leader.year, classes: classRows, terms };
};

const Form = v.object({
	term: v.picklist(TERMS),
	scope: v.picklist(['school', 'grade', 'class']),
	value: v.optional(v.string(), '')
});

function scopeOf(form: v.InferOutput<typeof Form>): LockScope | null {
	if (form.scope === 'school') return { scope: 'school' };
	if (form.scope === 'grade') return /^[6-9]$/.test(form.value) ? { scope: 'grade', grade: Number(form.value) } : null;
	return /^[a-z0-9-]+$/.test(form.value) ? { scope: 'class', classCode: form.value } : null;
}

async function decide(request: Request, locals: App.Locals, lock: boolean) {
	const leader = await requireLeader(locals);
	const parsed = v.safeParse(Form, Object.fromEntries(await request.formData()));
	const scope = parsed.success ? scopeOf(parsed.output) : null;
	if (!parsed.success || !scope) return fail(400, { message: 'Yêu cầu khóa sổ không hợp lệ.' });
	const { db, sync } = services();
	const target = { school: leader.school, year: leader.year, term: parsed.output.term };
	if (lock) {
		const documents = await lockTerm(db, sync, target, scope, leader.person.id);
		return { message: `Đã khóa sổ: ${documents.length} sổ điểm chuyển sang chỉ xem.` };
	}
	await unlockTerm(db, sync, target, scope);
	return { message: 'Đã mở khóa sổ.' };
}

export const actions: Actions = {
	lock: ({ request, locals }) => decide(request, locals, true),
	unlock: ({ request, locals }) => decide(request, locals, false)
};
