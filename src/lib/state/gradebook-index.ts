/**
 * The home page's view of the gradebooks a person may open: per class, per subject, the two
 * terms' documents. Pure, so it is tested without a browser.
 */
export interface Listing {
	name: string;
	access: 'read' | 'write';
	term: 'hk1' | 'hk2';
	className: string;
	subjectCode: string;
	subjectName: string;
	subjectShortName: string;
	subjectOrder: number;
}

export interface SubjectRow {
	subjectCode: string;
	subjectName: string;
	subjectShortName: string;
	subjectOrder: number;
	terms: Partial<Record<'hk1' | 'hk2', string>>;
}

export interface ClassGroup {
	className: string;
	subjects: SubjectRow[];
}

/** Listings arrive sorted (class, subject, term); the grouping keeps that order. */
export function groupByClass(listings: Listing[]): ClassGroup[] {
	const groups: ClassGroup[] = [];
	for (const listing of listings) {
		let group = groups.at(-1);
		if (!group || group.className !== listing.className) {
			group = { className: listing.className, subjects: [] };
			groups.push(group);
		}
		let row = group.subjects.at(-1);
		if (!row || row.subjectCode !== listing.subjectCode) {
			row = { ...pick(listing), terms: {} };
			group.subjects.push(row);
		}
		row.terms[listing.term] = listing.name;
	}
	return groups;
}

function pick({ subjectCode, subjectName, subjectShortName, subjectOrder }: Listing) {
	return { subjectCode, subjectName, subjectShortName, subjectOrder };
}

/** Every subject of the groups once, in the programme's order: the columns of an overview. */
export function subjectColumns(groups: ClassGroup[]): SubjectRow[] {
	const unique = new Map(groups.flatMap((g) => g.subjects).map((s) => [s.subjectCode, s]));
	return [...unique.values()].sort((a, b) => a.subjectOrder - b.subjectOrder);
}
