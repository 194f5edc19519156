/**
 * Payment references (fees SPEC FE10–FE12): the code a guardian's transfer carries in its
 * purpose text, so the bank statement line can be matched to what it pays.
 *
 * Shape: "SD" + 10 body characters + 1 check character = 13 ASCII upper-case letters and digits.
 * The body is drawn from the 32 characters 0–9 and A–Z without I, L, O, U (no 0/O or 1/I/L
 * confusion when typed by hand); the check character is ISO 7064 MOD 37,36 over the body,
 * which detects every single wrong character and every swap of two neighbours.
 */

export const REFERENCE_PREFIX = 'SD';
export const REFERENCE_BODY_LENGTH = 10;
export const REFERENCE_LENGTH = REFERENCE_PREFIX.length + REFERENCE_BODY_LENGTH + 1;

const BODY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO 7064 MOD 37,36 (hybrid): the check character for `body` (characters of CHECK_ALPHABET). */
export function checkCharacter(body: string): string {
	const m = 36;
	let p = m;
	for (const ch of body) {
		const v = CHECK_ALPHABET.indexOf(ch);
		if (v < 0) throw new RangeError(`Ký tự không hợp lệ trong mã thanh toán: "${ch}".`);
		let s = (p + v) % m;
		if (s === 0) s = m;
		p = (s * 2) % (m + 1);
	}
	return CHECK_ALPHABET[(m + 1 - p) % m]!;
}

/** 64-bit FNV-1a of the UTF-8 bytes of `text`. */
function fnv1a64(text: string): bigint {
	let h = 0xcbf29ce484222325n;
	for (const byte of new TextEncoder().encode(text)) {
		h ^= BigInt(byte);
		h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return h;
}

/**
 * FE10: the payment reference for `seed` (a due's or a bundle's id): the same seed always gives
 * the same reference. Different seeds collide with probability about n²/2⁵¹ for n references,
 * so the server still keeps references unique (FA rules) and may pass `seed + "#1"` on a clash.
 */
export function paymentReference(seed: string): string {
	// Mix twice so seeds that differ only at the end still spread over all bits.
	let h = fnv1a64(seed);
	h = fnv1a64(`${h.toString(16)}|${seed}`) ^ (h >> 7n);
	let body = '';
	for (let i = 0; i < REFERENCE_BODY_LENGTH; i++) {
		body += BODY_ALPHABET[Number(h & 31n)];
		h >>= 5n;
	}
	return `${REFERENCE_PREFIX}${body}${checkCharacter(body)}`;
}

const REFERENCE_RE = new RegExp(`^${REFERENCE_PREFIX}[${BODY_ALPHABET}]{${REFERENCE_BODY_LENGTH}}[${CHECK_ALPHABET}]$`);

/** FE11: true for a well-formed reference whose check character agrees (exact, upper-case). */
export function isValidReference(text: string): boolean {
	if (!REFERENCE_RE.test(text)) return false;
	const body = text.slice(REFERENCE_PREFIX.length, -1);
	return checkCharacter(body) === text.at(-1);
}

/**
 * FE12: the valid references inside a bank description, in order of appearance, each once.
 * Banks lower-case the text, add spaces, dashes, dots or underscores, or glue their own codes
 * in front ("MBVCB.123456.sdab12-cd34ef5.CT tu ..."); all of that is tolerated. A candidate
 * whose check character disagrees is not a reference.
 */
export function findReferences(description: string): string[] {
	const compact = description
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toUpperCase()
		.replace(/[\s\-_.,/:;|+]+/g, '');
	const found: string[] = [];
	let from = 0;
	for (;;) {
		const at = compact.indexOf(REFERENCE_PREFIX, from);
		if (at < 0) break;
		const candidate = compact.slice(at, at + REFERENCE_LENGTH);
		if (candidate.length === REFERENCE_LENGTH && isValidReference(candidate)) {
			if (!found.includes(candidate)) found.push(candidate);
			from = at + REFERENCE_LENGTH;
		} else from = at + 1;
	}
	return found;
}
