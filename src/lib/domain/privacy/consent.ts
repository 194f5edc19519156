/** Who must accept the purpose notice, and which routes wait for it (privacy SPEC PR1–PR3). */

export type ActingCapacity = 'staff' | 'guardian' | null;

/**
 * PR1/PR2: a session acting as a guardian needs the current notice version accepted; staff never
 * (they process under the school's legal duty, docs/domain/privacy.md §6); no capacity chosen yet,
 * nothing to ask.
 */
export function consentNeeded(role: ActingCapacity, acceptedVersions: readonly string[], currentVersion: string): boolean {
	return role === 'guardian' && !acceptedVersions.includes(currentVersion);
}

export type GateAnswer = 'open' | 'redirect' | 'refuse';

/**
 * PR3: what a guardian session without consent gets on a path. Guardian pages (the home page and
 * everything under /con/) redirect to the notice; APIs (data, sync tickets) are refused with 403;
 * the notice itself, signing in and out, choosing a role, static files and `/api/me` (who the
 * session is: names no child's data) stay open.
 */
export function consentGate(pathname: string): GateAnswer {
	if (pathname === '/' || pathname === '/con' || pathname.startsWith('/con/')) return 'redirect';
	if (pathname === '/api/me') return 'open';
	if (pathname.startsWith('/api/')) return 'refuse';
	return 'open';
}
