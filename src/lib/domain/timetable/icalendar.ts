/**
 * A small iCalendar (RFC 5545) writer for timetable feeds: one VCALENDAR of VEVENTs in local
 * time Asia/Ho_Chi_Minh. Pure; rules TK26–TK29 in SPEC.md.
 */

export const FEED_TIMEZONE = 'Asia/Ho_Chi_Minh';

export interface CalendarEvent {
	/** Stable across regenerations of the feed (TK28). */
	readonly uid: string;
	/** YYYY-MM-DD and HH:MM, local time in Asia/Ho_Chi_Minh. */
	readonly date: string;
	readonly start: string;
	readonly end: string;
	readonly summary: string;
	readonly location?: string;
	readonly description?: string;
	readonly cancelled?: boolean;
}

export interface Calendar {
	/** The calendar's name as subscribing apps show it (X-WR-CALNAME). */
	readonly name: string;
	/** When the feed was produced (DTSTAMP of every event, TK28). */
	readonly stamp: Date;
	readonly events: readonly CalendarEvent[];
}

/** TK26: TEXT values escape backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * TK27: a content line longer than 75 octets (UTF-8) is folded: CRLF and one space before the
 * next part; a multi-byte character is never split.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// The first line holds 75 octets; continuation lines 74 after their leading space.
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const compactDate = (date: string) => date.replace(/-/g, '');
const compactTime = (time: string) => `${time.replace(':', '')}00`;

/** UTC date-time form, e.g. 20260105T093000Z. */
export function utcStamp(at: Date): string {
	return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * TK26–TK29: the feed as text: CRLF line ends, folded lines, escaped text, a VTIMEZONE for
 * Asia/Ho_Chi_Minh (UTC+7 all year) and every event's times in it, DTSTAMP the production time,
 * cancelled lessons STATUS:CANCELLED.
 */
export function renderCalendar(calendar: Calendar): string {
	const stamp = utcStamp(calendar.stamp);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//So Diem//Thoi khoa bieu//VI',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(calendar.name)}`,
		`X-WR-TIMEZONE:${FEED_TIMEZONE}`,
		'BEGIN:VTIMEZONE',
		`TZID:${FEED_TIMEZONE}`,
		'BEGIN:STANDARD',
		'DTSTART:19700101T000000',
		'TZOFFSETFROM:+0700',
		'TZOFFSETTO:+0700',
		'TZNAME:+07',
		'END:STANDARD',
		'END:VTIMEZONE'
	];
	for (const event of calendar.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.uid}`,
			`DTSTAMP:${stamp}`,
			`DTSTART;TZID=${FEED_TIMEZONE}:${compactDate(event.date)}T${compactTime(event.start)}`,
			`DTEND;TZID=${FEED_TIMEZONE}:${compactDate(event.date)}T${compactTime(event.end)}`,
			`SUMMARY:${escapeText(event.summary)}`
		);
		if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
		lines.push(`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:OPAQUE', 'END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

export interface FeedNames {
	subject(code: string): string;
	teacher(id: string): string;
	className(code: string): string;
	room(id: string): string;
}

export interface FeedBell {
	readonly session: string;
	readonly period: number;
	readonly start: string;
	readonly end: string;
}

/**
 * TK28–TK29: one event per dated lesson at its bell times (a slot without a bell time has no
 * event). UID `<date>-<class>-<slot>@<domain>`: the same lesson keeps its UID whatever changes,
 * so a calendar updates it in place. A substitution names the substitute and the week's teacher;
 * a cancelled lesson is STATUS:CANCELLED. For a teacher's feed (`teacherFeed`), a lesson a
 * substitute takes from them is shown cancelled for them.
 */
export function lessonEvents(
	lessons: ReadonlyArray<{ date: string; slot: string; classCode: string; subject: string; teacher: string | null; room: string | null; originalTeacher: string | null; status: 'normal' | 'substituted' | 'cancelled' }>,
	bells: readonly FeedBell[],
	names: FeedNames,
	options: { domain: string; teacherFeed?: string }
): CalendarEvent[] {
	const events: CalendarEvent[] = [];
	for (const lesson of lessons) {
		const [, session, period] = lesson.slot.split('-');
		const bell = bells.find((b) => b.session === session && b.period === Number(period));
		if (!bell) continue;
		const subject = names.subject(lesson.subject);
		const className = names.className(lesson.classCode);
		const relieved = options.teacherFeed !== undefined && lesson.status === 'substituted' && lesson.teacher !== options.teacherFeed;
		const cancelled = lesson.status === 'cancelled' || relieved;
		const summary =
			lesson.status === 'cancelled'
				? `Nghỉ: ${subject} — ${className}`
				: lesson.status === 'substituted'
					? relieved
						? `${subject} — ${className} (${names.teacher(lesson.teacher!)} dạy thay)`
						: `${subject} — ${className} (dạy thay)`
					: `${subject} — ${className}`;
		const description = [
			lesson.teacher ? `Giáo viên: ${names.teacher(lesson.teacher)}` : '',
			lesson.originalTeacher ? `Dạy thay cho: ${names.teacher(lesson.originalTeacher)}` : '',
			lesson.status === 'cancelled' ? 'Tiết học được hủy trong ngày này.' : ''
		]
			.filter(Boolean)
			.join('\n');
		events.push({
			uid: `${lesson.date}-${lesson.classCode}-${lesson.slot}@${options.domain}`,
			date: lesson.date,
			start: bell.start,
			end: bell.end,
			summary,
			location: lesson.room ? names.room(lesson.room) : className,
			description: description || undefined,
			cancelled
		});
	}
	return events;
}
