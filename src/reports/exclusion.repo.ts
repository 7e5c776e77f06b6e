/** Uptime exclusions: the periods an operator records as maintenance or outages beyond their control. */
import { and, asc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { uptimeExclusions } from '../db/schema/index.ts';

export type ExclusionRow = typeof uptimeExclusions.$inferSelect;

export function createExclusionRepo(db: Db) {
  return {
    async insert(e: typeof uptimeExclusions.$inferInsert): Promise<ExclusionRow> {
      return (await db.insert(uptimeExclusions).values(e).returning())[0]!;
    },
    async remove(id: string): Promise<ExclusionRow | null> {
      return (await db.delete(uptimeExclusions).where(eq(uptimeExclusions.id, id)).returning())[0] ?? null;
    },
    /** Exclusions overlapping [from, to), oldest first. */
    async list(f: { stationId?: string | undefined; from?: Date | undefined; to?: Date | undefined }): Promise<ExclusionRow[]> {
      const conds: SQL[] = [];
      if (f.stationId) conds.push(eq(uptimeExclusions.stationId, f.stationId));
      if (f.from) conds.push(gt(uptimeExclusions.endsAt, f.from));
      if (f.to) conds.push(lt(uptimeExclusions.startsAt, f.to));
      return db.select().from(uptimeExclusions).where(and(...conds)).orderBy(asc(uptimeExclusions.startsAt)).limit(10_000);
    },
  };
}
