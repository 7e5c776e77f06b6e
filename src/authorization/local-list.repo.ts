/** What each station's local authorization list holds, as the station last accepted it. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { localListEntries, localLists } from '../db/schema/index.ts';

export type LocalEntryRow = typeof localListEntries.$inferSelect;

export function createLocalListRepo(db: Db) {
  return {
    async version(stationId: string): Promise<number> {
      const rows = await db.select({ v: localLists.version }).from(localLists).where(eq(localLists.stationId, stationId));
      return rows[0]?.v ?? 0;
    },
    entries: (stationId: string): Promise<LocalEntryRow[]> => db.select().from(localListEntries).where(eq(localListEntries.stationId, stationId)),

    /** Records an accepted update: a full one replaces the entries, a differential one changes and removes some. */
    async save(stationId: string, version: number, full: boolean, upsert: LocalEntryRow[], remove: string[]): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(localLists)
          .values({ stationId, version })
          .onConflictDoUpdate({ target: localLists.stationId, set: { version, updatedAt: sql`now()` } });
        if (full) await tx.delete(localListEntries).where(eq(localListEntries.stationId, stationId));
        for (const uid of remove) {
          await tx.delete(localListEntries).where(sql`${localListEntries.stationId} = ${stationId} AND lower(${localListEntries.uid}) = lower(${uid})`);
        }
        if (upsert.length > 0) {
          await tx
            .insert(localListEntries)
            .values(upsert)
            .onConflictDoUpdate({
              target: [localListEntries.stationId, localListEntries.uid],
              set: { type: sql`excluded.type`, status: sql`excluded.status`, expiresAt: sql`excluded.expires_at`, groupId: sql`excluded.group_id` },
            });
        }
      });
    },
  };
}
