// Citizens known to the simulator, and the claims it releases for them.

export interface Citizen {
	/** 12-digit số định danh cá nhân; also the OIDC `sub`. */
	personalId: string;
	name: string;
	/** YYYY-MM-DD */
	birthdate: string;
	gender: 'male' | 'female';
	/** Free-text school roles, shown on the login page and by GET /citizens (never a claim). */
	roles?: string[];
	/** Heading the login page lists the citizen under (default "Công dân"); big groups start collapsed. */
	group?: string;
}

/** Name released for a well-formed personal ID that is not in the seeded list. */
export const UNREGISTERED_NAME = 'Công dân chưa đăng ký';

/** The identity assurance level claim; VNeID "mức độ 2" (in-person, biometric). */
export const VNEID_LEVEL = 2;

/** Claims per scope. `personal_id` and `vneid_level` come with `openid` itself. */
export const SCOPE_CLAIMS = {
	openid: ['sub', 'personal_id', 'vneid_level'],
	profile: ['name', 'birthdate', 'gender']
} as const;

/** Strips the spaces and dots people type inside the number. */
export function normalizePersonalId(input: string): string {
	return input.replace(/[\s.]/g, '');
}

/** Structure only: exactly 12 ASCII digits (no province or century checks here). */
export function isPersonalId(value: unknown): value is string {
	return typeof value === 'string' && /^[0-9]{12}$/.test(value);
}

/** `079190123456` → `0791******56` */
export function maskPersonalId(personalId: string): string {
	return `${personalId.slice(0, 4)}******${personalId.slice(-2)}`;
}

export type IdentityClaims = {
	sub: string;
	personal_id: string;
	name: string;
	birthdate?: string;
	gender: 'male' | 'female';
	vneid_level: number;
};

/** Claims for a seeded citizen, or for an unregistered one (no birthdate; sex from digit 4). */
export function claimsFor(personalId: string, citizen: Citizen | undefined): IdentityClaims {
	if (citizen) {
		return {
			sub: personalId,
			personal_id: personalId,
			name: citizen.name,
			birthdate: citizen.birthdate,
			gender: citizen.gender,
			vneid_level: VNEID_LEVEL
		};
	}
	const sexDigit = Number(personalId[3]);
	return {
		sub: personalId,
		personal_id: personalId,
		name: UNREGISTERED_NAME,
		gender: sexDigit % 2 === 0 ? 'male' : 'female',
		vneid_level: VNEID_LEVEL
	};
}

/** Throws a readable Error when the seed data is malformed. */
export function validateCitizens(citizens: unknown): Citizen[] {
	if (!Array.isArray(citizens)) throw new Error('VNeID simulator: citizens must be an array');
	const seen = new Set<string>();
	return citizens.map((raw, i): Citizen => {
		const c = raw as Partial<Citizen> | null;
		const where = `VNeID simulator: citizens[${i}]`;
		if (!c || typeof c !== 'object') throw new Error(`${where} must be an object`);
		if (!isPersonalId(c.personalId)) throw new Error(`${where}.personalId must be 12 digits`);
		if (seen.has(c.personalId)) throw new Error(`${where}.personalId ${c.personalId} is duplicated`);
		seen.add(c.personalId);
		if (typeof c.name !== 'string' || !c.name.trim()) throw new Error(`${where}.name is required`);
		if (typeof c.birthdate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(c.birthdate)) {
			throw new Error(`${where}.birthdate must be YYYY-MM-DD`);
		}
		if (c.gender !== 'male' && c.gender !== 'female') {
			throw new Error(`${where}.gender must be 'male' or 'female'`);
		}
		if (c.roles !== undefined && !(Array.isArray(c.roles) && c.roles.every((r) => typeof r === 'string'))) {
			throw new Error(`${where}.roles must be an array of strings`);
		}
		if (c.group !== undefined && (typeof c.group !== 'string' || !c.group.trim())) throw new Error(`${where}.group must be a non-empty string`);
		const citizen: Citizen = { personalId: c.personalId, name: c.name, birthdate: c.birthdate, gender: c.gender, roles: c.roles ?? [] };
		if (c.group !== undefined) citizen.group = c.group;
		return citizen;
	});
}
