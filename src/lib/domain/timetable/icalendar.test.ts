import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, lessonEvents, renderCalendar, utcStamp } from './icalendar';

const names = {
	subject: (code: string) => ({ toan: 'Toán', van: 'Ngữ văn' })[code] ?? code,
	teacher: (id: string) => ({ 'gv-an': 'Nguyễn Văn An', 'gv-dung': 'Lê Thị Dung' })[id] ?? id,
	className: (code: string) => code.toUpperCase(),
	room: (id: string) => ({ 'phong-may': 'Phòng máy tính; tầng 2, dãy A' })[id] ?? id
};
const bells = [
	{ session: 'sang', period: 1, start: '07:00', end: '07:45' },
	{ session: 'sang', period: 2, start: '07:50', end: '08:35' }
];
const stamp = new Date('2026-01-04T10:15:30.123Z');

describe('TK26–TK27 text and lines', () => {
	it('TK26 escapes backslash, semicolon, comma and line breaks', () => {
		expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
	});
	it('TK27 folds lines over 75 octets without splitting a Vietnamese character', () => {
		const line = `SUMMARY:${'Giáo dục công dân, Hoạt động trải nghiệm — hướng nghiệp '.repeat(4)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
		expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
		expect(foldLine('SHORT:x')).toBe('SHORT:x');
	});
});

describe('TK28–TK29 the feed, read back by ical.js', () => {
	const lessons = [
		{ date: '2026-01-05', slot: '2-sang-1', classCode: '6a1', subject: 'toan', teacher: 'gv-an', room: 'phong-may', originalTeacher: null, status: 'normal' as const },
		{ date: '2026-01-05', slot: '2-sang-2', classCode: '6a1', subject: 'van', teacher: 'gv-dung', room: null, originalTeacher: 'gv-an', status: 'substituted' as const },
		{ date: '2026-01-06', slot: '3-sang-1', classCode: '6a1', subject: 'toan', teacher: 'gv-an', room: null, originalTeacher: null, status: 'cancelled' as const },
		// No bell time for period 4 here: no event.
		{ date: '2026-01-06', slot: '3-sang-4', classCode: '6a1', subject: 'toan', teacher: 'gv-an', room: null, originalTeacher: null, status: 'normal' as const }
	];

	it('TK28 CRLF lines, stable UIDs, DTSTAMP, Asia/Ho_Chi_Minh times, escaped names; cancelled lessons cancelled', () => {
		const text = renderCalendar({ name: 'TKB lớp 6A1; Trường THCS, Hà Nội', stamp, events: lessonEvents(lessons, bells, names, { domain: 'so-diem.test' }) });
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
		const calendar = new ICAL.Component(ICAL.parse(text));
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		// ical.js leaves X- properties as written: the escaped form.
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('TKB lớp 6A1\\; Trường THCS\\, Hà Nội');
		const zone = calendar.getFirstSubcomponent('vtimezone')!;
		ICAL.TimezoneService.register(zone);
		const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		expect(events.map((e) => e.uid)).toEqual(['2026-01-05-6a1-2-sang-1@so-diem.test', '2026-01-05-6a1-2-sang-2@so-diem.test', '2026-01-06-6a1-3-sang-1@so-diem.test']);
		const first = events[0]!;
		expect(first.summary).toBe('Toán — 6A1');
		expect(first.location).toBe('Phòng máy tính; tầng 2, dãy A');
		expect(first.startDate.zone?.tzid).toBe('Asia/Ho_Chi_Minh');
		// 07:00 in Hà Nội is 00:00 UTC.
		expect(first.startDate.toJSDate().toISOString()).toBe('2026-01-05T00:00:00.000Z');
		expect(first.endDate.toJSDate().toISOString()).toBe('2026-01-05T00:45:00.000Z');
		expect(first.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-01-04T10:15:30Z');
		expect(utcStamp(stamp)).toBe('20260104T101530Z');
		expect(events[1]!.summary).toBe('Ngữ văn — 6A1 (dạy thay)');
		expect(events[1]!.description).toBe('Giáo viên: Lê Thị Dung\nDạy thay cho: Nguyễn Văn An');
		expect(events[1]!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
		expect(events[2]!.summary).toBe('Nghỉ: Toán — 6A1');
		expect(events[2]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
	});

	it('TK29 a teacher whose lesson a substitute takes sees it cancelled for them; the substitute sees it', () => {
		const absent = lessonEvents([lessons[1]!], bells, names, { domain: 'x', teacherFeed: 'gv-an' });
		expect(absent[0]).toMatchObject({ cancelled: true, summary: 'Ngữ văn — 6A1 (Lê Thị Dung dạy thay)' });
		const substitute = lessonEvents([lessons[1]!], bells, names, { domain: 'x', teacherFeed: 'gv-dung' });
		expect(substitute[0]).toMatchObject({ cancelled: false, summary: 'Ngữ văn — 6A1 (dạy thay)' });
	});
});
