/**
 * Lists paged on the server with `?trang=N` (1-based; guardianship SPEC GV10 and the district
 * pages): which page a request lands on and which items it shows. The number comes from an
 * address a person may have typed or kept: anything that is not a page number of the list (text,
 * 0, past the end after the list shrank) lands on the nearest page instead of an error or an
 * empty page.
 */
export interface PageWindow {
	/** The page shown, 1 ≤ page ≤ pages. */
	page: number;
	/** At least 1, so an empty list is one empty page. */
	pages: number;
	/** Index of the page's first item, and one past its last (for `slice`). */
	start: number;
	end: number;
}

export function pageWindow(total: number, requested: string | number | null | undefined, perPage: number): PageWindow {
	const pages = Math.max(1, Math.ceil(total / perPage));
	const asked = Math.trunc(Number(requested ?? 1)) || 1;
	const page = Math.min(Math.max(1, asked), pages);
	return { page, pages, start: (page - 1) * perPage, end: Math.min(total, page * perPage) };
}
