/**
 * iCalendar feeds of a class's or a teacher's timetable at a secret URL (SPEC TT25–TT28): who may
 * make one, the token (stored as its SHA-256 only), revoking and regenerating, and the feed itself
 * — the coming weeks from the version in effect per date with the day changes applied.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../../drizzle/database';
import { calendarFeeds, schoolYears } from '../../../../drizzle/schema';
import type { Grants } from '../../domain/access/grants';
import { vietnamDate } from '../../domain/calendar/vietnam-time';
import { addDays, datesBetween, versionInEffect, weekdayOf } from '../../domain/timetable/day-changes';
import { lessonEvents, renderCalendar } from '../../domain/timetable/icalendar';
import { loadGrants } from '../grants';
import { datedLessons, loadVersionWeeks, type VersionWeek } from './day-changes';

export type FeedKind = 'class' | 'teacher';

export interface FeedTarget {
	kind: FeedKind;
	/** Class code or teacher id. */
	target: string;
}

/** TT25: how many weeks a feed lists, from the Monday of the current week. */
export const FEED_WEEKS = 4;

/**
 * TT25: who may make a feed of what: any teacher of their own lessons, a homeroom teacher of their
 * class, the school's principal, vice-principals and schedulers of any class or teacher there.
 */
export function mayMakeFeed(grants: Grants, school: string, year: string, feed: FeedTarget): boolean {
	if (grants.disabled) return false;
	const leader = grants.roles.some((r) => r.organisation === school && (r.role === 'principal' || r.role === 'vice_principal' || r.role === 'scheduler'));
	if (leader) return true;
	const staff = grants.roles.some((r) => r.organisation === school && r.role !== 'district_officer');
	if (!staff) return false;
	if (feed.kind === 'teacher') return feed.target === grants.personId;
	return grants.homeroom.some((h) => h.school === school && h.year === year && h.classCode === feed.target);
}

export const hashFeedToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

function newToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export class FeedError extends Error {}

/**
 * TT26: a new secret URL token for a class or teacher, owned by `owner`; an active feed the same
 * owner had for the same target is revoked (regenerating). The token is returned once; only its
 * hash is stored.
 */
export async function createFeed(db: Database, grants: Grants, school: string, year: string, feed: FeedTarget, now: Date): Promise<{ id: number; token: string }> {
	if (!mayMakeFeed(grants, school, year, feed)) throw new FeedError('Bạn không được tạo lịch cho lớp hoặc giáo viên này.');
	const token = newToken();
	const id = await db.transaction(async (tx) => {
		await tx
			.update(calendarFeeds)
			.set({ revokedAt: now })
			.where(and(eq(calendarFeeds.ownerId, grants.personId), eq(calendarFeeds.school, school), eq(calendarFeeds.kind, feed.kind), eq(calendarFeeds.target, feed.target), isNull(calendarFeeds.revokedAt)));
		const [row] = await tx.insert(calendarFeeds).values({ school, year, kind: feed.kind, target: feed.target, ownerId: grants.personId, tokenHash: hashFeedToken(token), createdAt: now }).returning({ id: calendarFeeds.id });
		return row!.id;
	});
	return { id, token };
}

/** TT26: the owner's feeds that still work, newest first. */
export async function activeFeedsOf(db: Database, ownerId: string) {
	return db
		.select({ id: calendarFeeds.id, school: calendarFeeds.school, kind: calendarFeeds.kind, target: calendarFeeds.target, createdAt: calendarFeeds.createdAt })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.ownerId, ownerId), isNull(calendarFeeds.revokedAt)))
		.orderBy(desc(calendarFeeds.createdAt));
}

/** TT27: the owner revokes a feed; its URL answers 404 from then on. False when it was not theirs or already revoked. */
export async function revokeFeed(db: Database, ownerId: string, id: number, now: Date): Promise<boolean> {
	const rows = await db
		.update(calendarFeeds)
		.set({ revokedAt: now })
		.where(and(eq(calendarFeeds.id, id), eq(calendarFeeds.ownerId, ownerId), isNull(calendarFeeds.revokedAt)))
		.returning({ id: calendarFeeds.id });
	return rows.length > 0;
}

/** TT25: the feed's dates: FEED_WEEKS weeks from the Monday of the week of `today`. */
export function feedDates(today: string): string[] {
	const day = weekdayOf(today);
	const monday = addDays(today, day === null ? 1 : 2 - day);
	return datesBetween(monday, addDays(monday, FEED_WEEKS * 7 - 1));
}

/**
 * TT27, TT28: the feed behind a token, as iCalendar text; null (the route answers 404) for an
 * unknown or revoked token, and for one whose owner may no longer make it (left the school,
 * no longer the class's homeroom teacher, disabled).
 */
export async function feedByToken(db: Database, token: string, now: Date, domain: string): Promise<string | null> {
	if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
	const [feed] = await db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)));
	if (!feed) return null;
	const grants = await loadGrants(db, feed.ownerId);
	const target: FeedTarget = { kind: feed.kind, target: feed.target };
	if (!mayMakeFeed(grants, feed.school, feed.year, target)) return null;
	const [current] = await db.select({ year: schoolYears.year }).from(schoolYears).where(and(eq(schoolYears.schoolId, feed.school), eq(schoolYears.current, true)));
	const year = current?.year ?? feed.year;
	const weeks = await loadVersionWeeks(db, feed.school, year);
	return renderFeed(db, feed.school, year, target, weeks, now, domain);
}

export async function renderFeed(db: Database, school: string, year: string, feed: FeedTarget, weeks: VersionWeek[], now: Date, domain: string): Promise<string> {
	const dates = feedDates(vietnamDate(now));
	const lessons = await datedLessons(db, school, year, dates, feed.kind === 'class' ? { classCode: feed.target } : { teacher: feed.target }, weeks);
	const latest = versionInEffect(weeks, dates.at(-1)!) ?? weeks.at(-1);
	const roster = latest?.roster;
	const lookup = <T extends { name: string }>(list: readonly T[] | undefined, key: (t: T) => string) => {
		const map = new Map((list ?? []).map((t) => [key(t), t.name]));
		return (id: string) => map.get(id) ?? id;
	};
	const names = {
		subject: lookup(roster?.subjects, (s) => s.code),
		teacher: lookup(roster?.teachers, (t) => t.id),
		className: lookup(roster?.classes, (c) => c.code),
		room: lookup(roster?.rooms, (r) => r.id)
	};
	const bellsOn = (date: string) => versionInEffect(weeks, date)?.meta.bells ?? [];
	const events = [];
	for (const date of dates) events.push(...lessonEvents(lessons.filter((l) => l.date === date), bellsOn(date), names, { domain, teacherFeed: feed.kind === 'teacher' ? feed.target : undefined }));
	const title = feed.kind === 'class' ? `Thời khóa biểu lớp ${names.className(feed.target)}` : `Lịch dạy — ${names.teacher(feed.target)}`;
	return renderCalendar({ name: title, stamp: now, events });
}
