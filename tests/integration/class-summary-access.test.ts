/**
 * Who may open a class summary (tổng kết lớp) and its Excel export, over real HTTP against the
 * built app, signed in through the VNeID simulator: the class's homeroom teacher and the school's
 * leaders; not its subject teachers, not parents, not a teacher acting as a parent, not another
 * school. The decision is made on the server with the acting role's grants.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, SCHOOL, YEAR, type AccessPersonKey } from '../fixtures/access-school';
import type { HttpBrowser } from './helpers/http-browser';
import { startVneidApp, type VneidApp } from './helpers/vneid-app';

type Actor = { person: AccessPersonKey; actingAs?: 'staff' | 'guardian'; label: string };

/** Status of the 6A1 summary page and its .xlsx, then of the 6A2 summary page. */
const MATRIX: Array<[Actor, [number, number, number]]> = [
	[{ person: 'principal', label: 'principal' }, [200, 200, 200]],
	[{ person: 'vicePrincipal', label: 'vice-principal' }, [200, 200, 200]],
	[{ person: 'homeroomTeacher', label: 'homeroom teacher of 6A1' }, [200, 200, 403]],
	[{ person: 'mathTeacher', label: 'subject teacher (Toán 6A1)' }, [403, 403, 403]],
	[{ person: 'teacherParent', actingAs: 'staff', label: 'teacher of 6A2 acting as staff' }, [403, 403, 403]],
	[{ person: 'teacherParent', actingAs: 'guardian', label: 'the same person acting as parent' }, [403, 403, 403]],
	[{ person: 'parent', label: 'verified guardian of a 6A1 student' }, [403, 403, 403]],
	[{ person: 'districtOfficer', label: 'district officer' }, [403, 403, 403]],
	[{ person: 'otherSchoolTeacher', label: 'teacher of another school' }, [403, 403, 403]]
];

const base = (classCode: string) => `/lop/${SCHOOL}/${YEAR}/${classCode}`;

describe('class summary access over HTTP', () => {
	let env: VneidApp;
	const browsers = new Map<string, HttpBrowser>();

	beforeAll(async () => {
		env = await startVneidApp();
		for (const [actor] of MATRIX) {
			const { browser, url } = await env.signIn(PEOPLE[actor.person].personalId);
			if (url.pathname === '/chon-vai-tro') {
				const chosen = await browser.request(`${env.origin}/chon-vai-tro`, {
					method: 'POST',
					headers: { origin: env.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ role: actor.actingAs! })
				});
				expect(chosen.status).toBe(303);
			}
			browsers.set(actor.label, browser);
		}
	});
	afterAll(() => env?.stop());

	it.each(MATRIX.map(([actor, statuses]) => [actor.label, ...statuses] as const))('%s: 6A1 page %i, 6A1 xlsx %i, 6A2 page %i', async (label, page, xlsx, other) => {
		const browser = browsers.get(label)!;
		const response = await browser.request(`${env.origin}${base('6a1')}/tong-ket?ky=hk1`);
		expect(response.status).toBe(page);
		const body = await response.text();
		if (page === 403) expect(body).toContain('Chỉ giáo viên chủ nhiệm của lớp và ban giám hiệu');
		else expect(body).toContain('Tổng kết lớp 6A1');
		const file = await browser.request(`${env.origin}${base('6a1')}/tong-ket.xlsx?ky=ca-nam`);
		expect(file.status).toBe(xlsx);
		if (xlsx === 200) {
			expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await file.arrayBuffer()) as ExcelJS.Buffer);
			expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng kết', 'Thống kê']);
		} else {
			await file.arrayBuffer();
		}
		expect((await browser.request(`${env.origin}${base('6a2')}/tong-ket?ky=hk1`)).status).toBe(other);
	});

	it('a signed-out browser is sent to sign in; an unknown period is refused', async () => {
		const anonymous = await fetch(`${env.origin}${base('6a1')}/tong-ket`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe('/dang-nhap');
		const bad = await browsers.get('principal')!.request(`${env.origin}${base('6a1')}/tong-ket?ky=hk3`);
		expect(bad.status).toBe(400);
		const unknownClass = await browsers.get('principal')!.request(`${env.origin}${base('6a9')}/tong-ket`);
		expect(unknownClass.status).toBe(404);
	});
});
