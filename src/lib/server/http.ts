/** Cookies are Secure everywhere except plain-HTTP localhost, where browsers would drop them. */
export function isSecureOrigin(origin: string): boolean {
	return new URL(origin).protocol === 'https:';
}
