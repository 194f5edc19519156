/** Finding people by personal ID (keyed hash) and describing them for sign-in pages. */
import { eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../drizzle/database';
import { classes, guardianships, homeroomAssignments, people, staffRoles } from '../../../drizzle/schema';
import { decryptPersonalId, hashPersonalId } from './personal-id';
import type { Keys } from './keys';

export async function findPersonByPersonalId(db: Database, keys: Keys, personalId: string) {
	const [person] = await db.select().from(people).where(eq(people.personalIdHash, hashPersonalId(keys.idHashKey, personalId)));
	return person ?? null;
}

const ROLE_NAMES: Record<string, string> = {
	district_officer: 'Cán bộ Sở',
	principal: 'Hiệu trưởng',
	vice_principal: 'Phó hiệu trưởng',
	scheduler: 'Xếp thời khóa biểu',
	teacher: 'Giáo viên'
};

export interface DemoPerson {
	personalId: string;
	maskedId: string;
	name: string;
	roles: string[];
}

/** Staff and guardians with their roles in Vietnamese: the demo sign-in list (DEMO=1 only). */
export async function demoPeople(db: Database, keys: Keys): Promise<DemoPerson[]> {
	const [persons, roles, homerooms, classRows, guardians] = await Promise.all([
		db.select().from(people).where(isNull(people.disabledAt)),
		db.select().from(staffRoles),
		db.select().from(homeroomAssignments),
		db.select().from(classes),
		db.select({ guardianId: guardianships.guardianId }).from(guardianships)
	]);
	const classNames = new Map(classRows.map((c) => [`${c.schoolId}/${c.year}/${c.code}`, c.name]));
	const rolesOf = new Map<string, string[]>();
	const add = (personId: string, role: string) => rolesOf.set(personId, [...(rolesOf.get(personId) ?? []), role]);
	const order = ['district_officer', 'principal', 'vice_principal', 'scheduler', 'teacher'];
	for (const r of [...roles].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))) add(r.personId, ROLE_NAMES[r.role] ?? r.role);
	for (const h of homerooms) add(h.personId, `Chủ nhiệm ${classNames.get(`${h.schoolId}/${h.year}/${h.classCode}`) ?? h.classCode}`);
	for (const g of new Set(guardians.map((g) => g.guardianId))) add(g, 'Phụ huynh');
	return persons
		.filter((p) => rolesOf.has(p.id) && p.personalIdCiphertext)
		.map((p) => ({
			personalId: decryptPersonalId(keys.idEncryptionKey, p.personalIdCiphertext!),
			maskedId: p.personalIdMasked ?? '',
			name: p.fullName,
			roles: [...new Set(rolesOf.get(p.id))]
		}))
		.sort((a, b) => rankOf(a.roles) - rankOf(b.roles) || a.name.localeCompare(b.name, 'vi'));
}

function rankOf(roles: string[]): number {
	const ranks = ['Cán bộ Sở', 'Hiệu trưởng', 'Phó hiệu trưởng', 'Giáo viên', 'Phụ huynh'];
	return Math.min(...roles.map((r) => (ranks.indexOf(r) === -1 ? 3 : ranks.indexOf(r))));
}
