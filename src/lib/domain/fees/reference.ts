/**
 * Payment references (fees SPEC FE10–FE12): the code a guardian's transfer carries in its
 * purpose text, so the bank statement line can be matched to what it pays.
 *
 * Shape: "SD" + 10 body characters + 1 check character = 13 ASCII upper-case letters and digits.
 * The body is drawn from the 32 characters 0–9 and A–Z without I, L, O, U (no 0/O or 1/I/L
 * confusion when typed by hand); the check character makes a position-weighted sum 0 modulo 37,
 * which detects every single wrong character and every swap of two neighbours.
 */

export const REFERENCE_PREFIX = 'SD';
export const REFERENCE_BODY_LENGTH = 10;
export const REFERENCE_LENGTH = REFERENCE_PREFIX.length + REFERENCE_BODY_LENGTH + 1;

const BODY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * FE11: the check character for `body`: with every character valued by its place in 0–9A–Z (0–35)
 * and weighted by its position (1…10, the check character 11), the weighted sum is 0 modulo 37.
 * 37 is prime and exceeds every value, and neighbouring weights differ, so one wrong character or
 * two swapped neighbours always break the sum. Null when the check would need the value 36 (no
 * such character): the caller draws another body.
 */
export function checkCharacter(body: string): string | null {
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		const v = CHECK_ALPHABET.indexOf(body[i]!);
		if (v < 0) throw new RangeError(`Ký tự không hợp lệ trong mã thanh toán: "${body[i]}".`);
		sum = (sum + (i + 1) * v) % 37;
	}
	const weight = body.length + 1;
	// c = −sum / weight (mod 37); the inverse by Fermat: weight^35.
	let inverse = 1;
	for (let k = 0; k < 35; k++) inverse = (inverse * weight) % 37;
	const c = (((37 - sum) % 37) * inverse) % 37;
	return c === 36 ? null : CHECK_ALPHABET[c]!;
}

/** A 53-bit string hash (cyrb53: two 32-bit multiply-xorshift lanes), exact in a JS number. */
function hash53(text: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * FE10: the payment reference for `seed` (a due's or a bundle's id): the same seed always gives
 * the same reference. The body is 50 bits of a hash of the seed, so different seeds collide with
 * probability about n²/2⁵¹ for n references; the server still keeps references unique and may
 * pass `seed + "#1"` on a clash.
 */
export function paymentReference(seed: string): string {
	for (let attempt = 0; ; attempt++) {
		let h = hash53(attempt === 0 ? seed : `${seed}#${attempt}`);
		let body = '';
		for (let i = 0; i < REFERENCE_BODY_LENGTH; i++) {
			body += BODY_ALPHABET[h % 32];
			h = Math.floor(h / 32);
		}
		const check = checkCharacter(body);
		if (check !== null) return `${REFERENCE_PREFIX}${body}${check}`;
	}
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
