import { error } from '@sveltejs/kit';
import { formatDocumentName, parseDocumentParts } from '$lib/ydoc/document-name';
import type { PageLoad } from './$types';

// The homeroom document lives on the device (IndexedDB) and syncs over WebSocket, like the
// gradebook: the page renders in the browser so that it opens offline from the cached shell.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
	const parsed = parseDocumentParts('homeroom', [params.school, params.year, params.term, params.class]);
	if (!parsed.ok || parsed.ref.kind !== 'homeroom') error(404, 'Không tìm thấy sổ chủ nhiệm này.');
	return { document: formatDocumentName(parsed.ref), ref: parsed.ref };
};
