import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';

/** The next id for a request the CSMS sends (GetLog, GetBaseReport, UpdateFirmware, ReserveNow...): one sequence for all. */
export async function nextRequestId(db: Db): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(sql`SELECT nextval('maintenance_request_id_seq')::int AS n`))[0]!.n;
}
