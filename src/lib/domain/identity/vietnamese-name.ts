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

/**
 * Sorts items into roster order (I15) with the same result as sorting by
 * `compareVietnameseNames`, but normalises and splits each name once and runs
 * the collator only over the distinct tên, họ, đệm and whole names: a district's
 * 2,000 staff cost a few thousand collator calls instead of ~100,000 (each
 * comparison above normalises and splits both names again). `tieBreak` orders
 * items whose names are equal after normalisation.
 */
export function sortByVietnameseName<T>(items: readonly T[], nameOf: (item: T) => string, tieBreak?: (a: T, b: T) => number): T[] {
	const keyed = items.map((item) => {
		const whole = normaliseVietnameseName(nameOf(item));
		return { item, whole, parts: splitVietnameseName(whole) };
	});
	const given = collationRanks(keyed.map((k) => k.parts.given));
	const family = collationRanks(keyed.map((k) => k.parts.family));
	const middle = collationRanks(keyed.map((k) => k.parts.middle));
	const ranked = keyed.map((k) => ({
		item: k.item,
		whole: k.whole,
		ranks: [given.get(k.parts.given)!, family.get(k.parts.family)!, middle.get(k.parts.middle)!]
	}));
	ranked.sort((a, b) => {
		for (let i = 0; i < 3; i++) if (a.ranks[i] !== b.ranks[i]) return a.ranks[i]! - b.ranks[i]!;
		if (a.whole === b.whole) return tieBreak ? tieBreak(a.item, b.item) : 0;
		return collator.compare(a.whole, b.whole) || (a.whole < b.whole ? -1 : 1);
	});
	return ranked.map((r) => r.item);
}

/** Each distinct value's place in collator order; values the collator finds equal share a rank. */
function collationRanks(values: readonly string[]): Map<string, number> {
	const distinct = [...new Set(values)].sort(collator.compare);
	const ranks = new Map<string, number>();
	let rank = 0;
	distinct.forEach((value, i) => {
		if (i > 0 && collator.compare(distinct[i - 1]!, value) !== 0) rank++;
		ranks.set(value, rank);
	});
	return ranks;
}

/**
 * Characters a person's name never contains and that would change how it is shown (I16): bidi
 * embeddings/overrides (U+202A–U+202E), isolates (U+2066–U+2069), the bidi marks U+200E, U+200F,
 * U+061C, zero-width space/joiners (U+200B–U+200D), word joiner (U+2060) and the BOM (U+FEFF),
 * plus C0/C1 control characters other than the whitespace I14 collapses.
 */
const HIDDEN_FORMAT_CHARACTER = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u061C\u2060\uFEFF]/u;

/** C0 and C1 controls, except tab, line feed, vertical tab, form feed and carriage return. */
const isControl = (codePoint: number) => (codePoint < 0x20 && (codePoint < 0x09 || codePoint > 0x0d)) || (codePoint >= 0x7f && codePoint <= 0x9f);

export type PersonNameCheck =
	| { ok: true; name: string }
	| { ok: false; code: 'hidden-character' | 'name-length'; message: string };

export const HIDDEN_CHARACTER_MESSAGE =
	'Họ và tên chứa ký tự ẩn (ký tự điều khiển hướng chữ hoặc ký tự không độ rộng). Hãy gõ lại họ tên, đừng dán từ nơi khác.';

/** True when the text holds a character of I16 (bidi control, zero-width, control). */
export function hasHiddenCharacter(text: string): boolean {
	if (HIDDEN_FORMAT_CHARACTER.test(text)) return true;
	for (const character of text) if (isControl(character.codePointAt(0)!)) return true;
	return false;
}

/** A name as it enters the system (I16): refused with hidden characters, else normalised (I14), 2–100 characters. */
export function checkPersonName(raw: string): PersonNameCheck {
	if (hasHiddenCharacter(raw)) return { ok: false, code: 'hidden-character', message: HIDDEN_CHARACTER_MESSAGE };
	const name = normaliseVietnameseName(raw);
	if (name.length < 2 || name.length > 100) return { ok: false, code: 'name-length', message: 'Họ và tên phải từ 2 đến 100 ký tự.' };
	return { ok: true, name };
}

/** The five tone marks as combining characters; vowel-quality marks (ˆ ˘ ꞌ) are not tones. */
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/**
 * The key two spellings of one name share (I17): NFD, lower case, single spaces, and in each word
 * the tone mark moved to the end — so "Hòa"/"Hoà" and "Thúy"/"Thuý" (old and new tone placement)
 * and NFC/NFD input meet, while a different letter or tone never does.
 */
export function nameMatchKey(fullName: string): string {
	return normaliseVietnameseName(fullName)
		.normalize('NFD')
		.toLocaleLowerCase('vi')
		.split(' ')
		.map((word) => {
			const tones = word.match(TONE_MARK) ?? [];
			return word.replace(TONE_MARK, '') + tones.join('');
		})
		.join(' ');
}

/** I17: the same person's name, whatever the case, spacing, Unicode form or tone placement. */
export function sameVietnameseName(a: string, b: string): boolean {
	return nameMatchKey(a) === nameMatchKey(b);
}
