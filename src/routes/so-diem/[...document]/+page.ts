import type { PageLoad } from './$types';

// The gradebook lives on the device (IndexedDB) and syncs over WebSocket: the page renders in the
// browser so that it opens offline from the service worker's cached shell.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ document: params.document });
