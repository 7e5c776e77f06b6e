/**
 * How report queries reach the database. They aggregate up to millions of rollup rows, so each
 * runs in its own read-only transaction with room to hash and sort in memory (`SET LOCAL
 * work_mem`, for that transaction only) instead of spilling sorts to disk, as EXPLAIN showed
 * they did with PostgreSQL's default 4 MB.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

export type ReportDb = Pick<Db, 'execute'>;

const WORK_MEM = sql.raw(`SET LOCAL work_mem = '64MB'`);

export function reportDb(db: Db): ReportDb {
  const execute = (query: Parameters<Db['execute']>[0]) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`SET TRANSACTION READ ONLY`);
      await tx.execute(WORK_MEM);
      return tx.execute(query);
    });
  return { execute: execute as unknown as Db['execute'] };
}
