import { sql } from 'drizzle-orm';
import { openDatabase, databaseState, pgliteWorkerOf } from '/work/wt/pglite/drizzle/database';
const t0 = Date.now();
const h = await openDatabase({ kind: 'pglite', dataDir: '/tmp/smoke-pglite' });
console.log('opened', Date.now() - t0);
console.log(await h.db.execute(sql`select 1 as x, now() as t, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`));
await h.db.transaction(async (tx) => { await tx.execute(sql`create table if not exists t1(x int)`); await tx.execute(sql`insert into t1 values (1)`); });
console.log(await h.db.execute(sql`select count(*) from t1`));
console.log(await databaseState(h.db));
try { await openDatabase({ kind: 'pglite', dataDir: '/tmp/smoke-pglite' }); } catch (e) { console.log('second:', (e as Error).message); }
await h.close();
console.log('closed');
