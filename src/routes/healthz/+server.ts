import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { services } from '$lib/server/services';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const { db, dbKind } = services();
	try {
		await db.execute(sql`select 1`);
		return json({ ok: true, db: dbKind });
	} catch {
		return json({ ok: false, db: dbKind }, { status: 503 });
	}
};
