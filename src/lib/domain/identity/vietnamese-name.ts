/**
 * Vietnamese full names: họ (family) + tên đệm (middle, zero or more words) +
 * tên (given). Rules I14–I15 in SPEC.md.
 *
 * Class rosters are ordered by tên, then họ, then đệm. Comparing the full
 * string would put every Nguyễn together, which no Vietnamese teacher expects.
 */

export interface VietnameseNameParts {
	readonly family: string;
	/** Space-separated middle words; '' when there are none. */
	readonly middle: string;
	readonly given: string;
}

/**
 * One collator for the module: creating one per comparison is slow, and Intl is
 * deterministic (no I/O), so it is allowed in the pure domain. The vi tailoring
 * makes ă, â, đ, ê, ô, ơ, ư letters of their own and compares tones only after
 * the base letters ("An" < "Anh" < "Ánh" < "Bảo").
 */
const collator = new Intl.Collator('vi', { usage: 'sort', sensitivity: 'variant' });

/** The locale the collator actually resolved to ('vi' unless ICU data is missing). */
export const NAME_COLLATION_LOCALE = collator.resolvedOptions().locale;

/** NFC, trimmed, single spaces: typed names arrive as NFD from some keyboards (macOS, iOS). */
export function normaliseVietnameseName(fullName: string): string {
	return fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * First word = họ, last word = tên, the rest = đệm. Compound family names
 * ("Tôn Nữ", "Âu Dương") cannot be told from middle names without a list, so
 * they fall into `middle`; roster order is unaffected because tên decides first.
 */
export function splitVietnameseName(fullName: string): VietnameseNameParts {
	const words = normaliseVietnameseName(fullName).split(' ').filter((w) => w !== '');
	if (words.length === 0) return { family: '', middle: '', given: '' };
	if (words.length === 1) return { family: '', middle: '', given: words[0] ?? '' };
	return {
		family: words[0] ?? '',
		middle: words.slice(1, -1).join(' '),
		given: words[words.length - 1] ?? ''
	};
}

export function joinVietnameseName(parts: VietnameseNameParts): string {
	return normaliseVietnameseName(`${parts.family} ${parts.middle} ${parts.given}`);
}

/** "NGUYỄN THỊ MAI" (as on the card QR) → "Nguyễn Thị Mai". */
export function toVietnameseNameCase(fullName: string): string {
	return normaliseVietnameseName(fullName)
		.split(' ')
		.map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
		.join(' ');
}

/**
 * Roster order (I15): tên, then họ, then đệm, each by the vi collator. Ties
 * are broken by the collator on the whole name and finally by code units, so
 * the order is total: 0 only for names that are equal after normalisation.
 */
export function compareVietnameseNames(a: string, b: string): number {
	const na = normaliseVietnameseName(a);
	const nb = normaliseVietnameseName(b);
	if (na === nb) return 0;
	const pa = splitVietnameseName(na);
	const pb = splitVietnameseName(nb);
	return (
		collator.compare(pa.given, pb.given) ||
		collator.compare(pa.family, pb.family) ||
		collator.compare(pa.middle, pb.middle) ||
		collator.compare(na, nb) ||
		(na < nb ? -1 : 1)
	);
}
