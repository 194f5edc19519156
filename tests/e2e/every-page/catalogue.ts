/**
 * Every page of every role, as the every-page checks open them: who signs in (picked from the
 * VNeID simulator's demo citizens by their role labels) and which pages that person reaches. Page
 * addresses that depend on the demo data (gradebooks, classes) are found on the person's home page,
 * as a person would find them.
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ACCOUNTANT_LABEL, OFFICER_LABEL } from '../../../scripts/demo/demo-citizens';
import { DEMO_SCHOOL, DEMO_SCHOOL_YEAR } from '../../../scripts/demo/demo-school';
import { acceptNoticeIfAsked, simulatorCitizens, type DemoPerson } from '../helpers';

export type RoleKey = 'anonymous' | 'teacher' | 'homeroom' | 'principal' | 'accountant' | 'vice-principal' | 'district' | 'guardian' | 'guardian-first-time' | 'staff-and-guardian';

export interface PageSpec {
	/** Short name, used in test titles and screenshot file names. */
	key: string;
	/** Where to go; a function of the addresses found on the home page. */
	path: (found: Found) => string;
	/** HTTP status the page is served with (an error page, the offline fallback). */
	status?: number;
	/** A gradebook this person may write: the cell editor is checked on it. */
	editableGrid?: boolean;
	/** A gradebook page: wait until it is synced before checking. */
	gradebook?: boolean;
	/** Text that shows once the page's document has loaded: wait for it before checking. */
	loaded?: RegExp;
	/** Opens the page another way than by address (the offline fallback, a refused sign-in). */
	open?: (page: Page, context: BrowserContext, people: People) => Promise<void>;
}

export interface RoleSpec {
	/** Who signs in; nobody for the anonymous pages. */
	who?: (people: People) => DemoPerson | null;
	/** The acting role to pick on the role chooser, for a person who is staff and a guardian. */
	acting?: 'staff' | 'guardian' | 'none';
	/** A guardian who has not accepted the purpose notice yet: stays on it (privacy SPEC PR1). */
	notice?: 'leave';
	pages: PageSpec[];
}

export type Found = Record<string, string>;

export interface People {
	all: DemoPerson[];
	unregistered: DemoPerson;
}

const has = (person: DemoPerson, label: string | RegExp) => person.roles.some((role) => (typeof label === 'string' ? role === label : label.test(role)));
const isGuardian = (person: DemoPerson) => has(person, 'Phụ huynh');
const pick = (people: People, test: (person: DemoPerson) => boolean) => people.all.find(test) ?? null;

/** A gradebook no guardian may open (refused with 403). */
const SOME_GRADEBOOK = `/so-diem/gradebook/${DEMO_SCHOOL.code}/${DEMO_SCHOOL_YEAR.code}/hk1/6a1/toan`;

export const ROLES: Record<RoleKey, RoleSpec> = {
	anonymous: {
		pages: [
			{ key: 'dang-nhap', path: () => '/dang-nhap' },
			{
				key: 'chua-dang-ky',
				path: () => '/dang-nhap/khong-thanh-cong',
				open: async (page, _context, people) => {
					await page.goto(`/login/vneid?login_hint=${people.unregistered.personalId}`);
					await expect(page).toHaveURL(/\/dang-nhap\/khong-thanh-cong/);
				}
			},
			{ key: '404', path: () => '/khong-co-trang-nay', status: 404 },
			{
				key: 'ngoai-tuyen',
				path: () => '/quan-ly/khoa-so',
				status: 503,
				open: async (page, context) => {
					// The service worker answers a page never opened on this device with its offline page.
					await page.goto('/dang-nhap');
					await page.evaluate(async () => {
						await navigator.serviceWorker.ready;
						if (!navigator.serviceWorker.controller) {
							await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
						}
					});
					await context.setOffline(true);
					try {
						await page.goto('/quan-ly/khoa-so');
					} finally {
						await context.setOffline(false);
					}
				}
			}
		]
	},
	'staff-and-guardian': {
		who: (people) => pick(people, (p) => has(p, 'Giáo viên') && isGuardian(p)),
		acting: 'none',
		pages: [{ key: 'chon-vai-tro', path: () => '/chon-vai-tro' }]
	},
	teacher: {
		who: (people) => pick(people, (p) => has(p, 'Giáo viên') && !has(p, /^Chủ nhiệm/) && !has(p, /hiệu trưởng/i) && !isGuardian(p)),
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			{ key: 'so-diem-hk1', path: (f) => f.writeHk1!, gradebook: true, editableGrid: true },
			{ key: 'so-diem-hk2', path: (f) => f.writeHk2!, gradebook: true, editableGrid: true }
		]
	},
	homeroom: {
		who: (people) => pick(people, (p) => has(p, /^Chủ nhiệm/) && !has(p, /hiệu trưởng/i) && !isGuardian(p)),
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			{ key: 'chu-nhiem-hk1', path: (f) => f.homeroomHk1! },
			{ key: 'chu-nhiem-hk2', path: (f) => f.homeroomHk2! },
			{ key: 'tong-ket-hk1', path: (f) => f.summaryHk1! },
			{ key: 'tong-ket-ca-nam', path: (f) => f.summaryYear! },
			// The class's payment status (fees server SPEC FA2).
			{ key: 'hoc-phi-lop', path: (f) => f.classFees! }
		]
	},
	principal: {
		who: (people) => pick(people, (p) => has(p, 'Hiệu trưởng')),
		acting: 'staff',
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			{ key: 'khoa-so', path: () => '/quan-ly/khoa-so' },
			{ key: 'yeu-cau-sua-diem', path: () => '/quan-ly/yeu-cau-sua-diem' },
			{ key: 'nhan-su', path: () => '/quan-ly/nhan-su' },
			{ key: 'xet-tot-nghiep', path: () => '/quan-ly/xet-tot-nghiep' },
			{ key: 'toan-ven', path: () => '/quan-ly/toan-ven' },
			{ key: 'nhap-danh-sach', path: () => '/quan-ly/nhap-danh-sach' },
			{ key: 'csdl-nganh', path: () => '/quan-ly/csdl-nganh' },
			{ key: 'xac-minh-phu-huynh', path: () => '/quan-ly/xac-minh-phu-huynh' },
			{ key: 'do-phu', path: () => '/quan-ly/do-phu' },
			{ key: 'nhat-ky-truy-cap', path: () => '/quan-ly/nhat-ky-truy-cap' },
			{ key: 'so-diem-xem', path: (f) => f.readGradebook!, gradebook: true },
			{ key: 'tong-ket-lop', path: (f) => f.leaderSummary! }
		]
	},
	// The fee pages (fees server SPEC FA1): the accountant's; the principal reaches the same pages.
	accountant: {
		who: (people) => pick(people, (p) => has(p, ACCOUNTANT_LABEL)),
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			{ key: 'hoc-phi', path: () => '/quan-ly/hoc-phi' },
			{ key: 'hoc-phi-mien-giam', path: () => '/quan-ly/hoc-phi/mien-giam' },
			{ key: 'hoc-phi-dang-ky', path: () => '/quan-ly/hoc-phi/dang-ky' },
			{ key: 'hoc-phi-tai-khoan', path: () => '/quan-ly/hoc-phi/tai-khoan' },
			{ key: 'hoc-phi-doi-soat', path: () => '/quan-ly/hoc-phi/doi-soat' },
			{ key: 'hoc-phi-bao-cao', path: () => '/quan-ly/hoc-phi/bao-cao' }
		]
	},
	'vice-principal': {
		who: (people) => pick(people, (p) => has(p, 'Phó hiệu trưởng')),
		acting: 'staff',
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			// The scheduler's timetable pages (timetable SPEC TT2, TT5).
			{ key: 'thoi-khoa-bieu', path: () => '/quan-ly/thoi-khoa-bieu' },
			{ key: 'thoi-khoa-bieu-v1', path: () => '/quan-ly/thoi-khoa-bieu/v1' },
			// A version's settings: grid, bell times, rooms, teachers' unavailable slots (TT12).
			{ key: 'thoi-khoa-bieu-v1-cai-dat', path: () => '/quan-ly/thoi-khoa-bieu/v1/cai-dat' },
			// The published weeks (timetable SPEC TT11): the demo publishes version 1 for every class.
			{ key: 'thoi-khoa-bieu-da-cong-bo', path: () => '/thoi-khoa-bieu' },
			{ key: 'thoi-khoa-bieu-lop', path: () => '/thoi-khoa-bieu/lop/6a1?ngay=2025-11-17' },
			{ key: 'thoi-khoa-bieu-phong', path: () => '/thoi-khoa-bieu/phong/phong-may?ngay=2025-11-17' },
			// Day changes on a Monday of the demo's version 1, and the iCalendar feeds (TT22, TT26).
			{ key: 'thoi-khoa-bieu-thay-doi', path: () => '/quan-ly/thoi-khoa-bieu/thay-doi?ngay=2025-11-17' },
			{ key: 'thoi-khoa-bieu-lich', path: () => '/quan-ly/thoi-khoa-bieu/lich' }
		]
	},
	district: {
		who: (people) => pick(people, (p) => has(p, OFFICER_LABEL)),
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			{ key: 'phong-gd-nhan-su', path: () => '/phong-gd/nhan-su' },
			{ key: 'phong-gd-truong', path: () => '/phong-gd/truong' },
			{ key: 'phong-gd-do-phu', path: () => '/phong-gd/do-phu' },
			{ key: 'phong-gd-mot-truong', path: () => `/phong-gd/truong/${DEMO_SCHOOL.code}` }
		]
	},
	guardian: {
		who: (people) => pick(people, (p) => p.roles.length === 1 && isGuardian(p)),
		pages: [
			{ key: 'trang-chu', path: () => '/' },
			// The child's page (parents SPEC PV7): where a parent with one verified child lands.
			{ key: 'con', path: (f) => f.child!, loaded: /Cập nhật lúc/ },
			{ key: '403', path: () => SOME_GRADEBOOK, status: 403 },
			{ key: 'dong-y-da-dong-y', path: () => '/dong-y' },
			{ key: 'ai-da-xem', path: (f) => `${f.child}/ai-da-xem` },
			{ key: 'du-lieu-cua-con', path: (f) => `${f.child}/du-lieu` },
			// The printable A5 notice of the child's open dues (fees server SPEC FA15).
			{ key: 'giay-bao-hoc-phi', path: (f) => `${f.child}/hoc-phi/thong-bao` }
		]
	},
	'guardian-first-time': {
		// Another parent (nothing else), signed in and left on the purpose notice.
		who: (people) => people.all.filter((p) => p.roles.length === 1 && isGuardian(p))[1] ?? null,
		notice: 'leave',
		pages: [{ key: 'dong-y', path: () => '/dong-y' }]
	}
};

export async function loadPeople(page: Page): Promise<People> {
	const all = await simulatorCitizens(page);
	const unregistered = all.find((c) => c.roles.length === 0);
	expect(unregistered, 'the simulator has a citizen no school registered').toBeTruthy();
	return { all, unregistered: unregistered! };
}

/** Signs the role's person in (picking the acting role if asked) and returns the context's storage state and the addresses on its home page. */
export async function signIn(browser: Browser, role: RoleSpec, people: People) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const person = role.who ? role.who(people) : null;
		if (role.who) expect(person, 'the demo school has such a person').toBeTruthy();
		if (person) {
			await page.goto(`/login/vneid?login_hint=${person.personalId}`);
			if (new URL(page.url()).pathname === '/chon-vai-tro' && role.acting !== 'none') {
				await page.getByRole('button', { name: role.acting === 'guardian' ? /Phụ huynh/ : /Cán bộ, giáo viên/ }).click();
			}
			if (role.notice === 'leave') {
				await expect(page).toHaveURL(/\/dong-y$/);
				return { storageState: await context.storageState(), found: {}, person };
			}
			if (role.acting !== 'none') {
				await page.waitForURL((url) => url.pathname !== '/chon-vai-tro');
				await acceptNoticeIfAsked(page);
				await expect(page.getByRole('heading', { name: /Xin chào/ }).or(page.getByTestId('child-page'))).toBeVisible();
			}
		}
		const found = person && role.acting !== 'none' ? await homeAddresses(page) : {};
		return { storageState: await context.storageState(), found, person };
	} finally {
		await context.close();
	}
}

/** The first address of each kind linked from the home page. */
async function homeAddresses(page: Page): Promise<Found> {
	// Read at once, without waiting: a role's home page shows only some of these links.
	const first = async (selector: string) => (await page.locator(selector).evaluateAll((links) => links[0]?.getAttribute('href'))) ?? '';
	const landed = new URL(page.url()).pathname;
	return {
		child: landed.startsWith('/con/') ? landed : await first('a.child-link'),
		writeHk1: await first('.classes a[href*="/hk1/"]'),
		writeHk2: await first('.classes a[href*="/hk2/"]'),
		readGradebook: await first('.overview a[href^="/so-diem/"]'),
		homeroomHk1: await first('a[href$="/chu-nhiem/hk1"]'),
		homeroomHk2: await first('a[href$="/chu-nhiem/hk2"]'),
		summaryHk1: await first('a[href$="/tong-ket?ky=hk1"]'),
		summaryYear: await first('a[href$="/tong-ket?ky=ca-nam"]'),
		leaderSummary: await first('a[href$="/tong-ket?ky=ca-nam"]'),
		classFees: await first('a[href^="/lop/"][href$="/hoc-phi"]')
	};
}
