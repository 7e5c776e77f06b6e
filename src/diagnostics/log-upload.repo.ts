/** Log upload requests and where each stands. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { logUploads } from '../db/schema/index.ts';

export type LogUploadRow = typeof logUploads.$inferSelect;
export type NewLogUpload = typeof logUploads.$inferInsert;

export function createLogUploadRepo(db: Db) {
  return {
    async insert(row: NewLogUpload): Promise<void> {
      await db.insert(logUploads).values(row);
    },

    async byId(id: number): Promise<LogUploadRow | null> {
      return (await db.select().from(logUploads).where(eq(logUploads.id, id)).limit(1))[0] ?? null;
    },

    async byTokenHash(hash: string): Promise<LogUploadRow | null> {
      return (await db.select().from(logUploads).where(eq(logUploads.tokenHash, hash)).limit(1))[0] ?? null;
    },

    /** The upload a status without request id belongs to: the station's latest open one. */
    async latestOpen(stationId: string): Promise<LogUploadRow | null> {
      const rows = await db
        .select()
        .from(logUploads)
        .where(and(eq(logUploads.stationId, stationId), eq(logUploads.done, false)))
        .orderBy(desc(logUploads.requestedAt), desc(logUploads.id))
        .limit(1);
      return rows[0] ?? null;
    },

    async update(id: number, patch: Partial<NewLogUpload>): Promise<LogUploadRow | null> {
      return (await db.update(logUploads).set(patch).where(eq(logUploads.id, id)).returning())[0] ?? null;
    },

    /** Claims an open upload for a file that has arrived: only the first file is kept (one-time token). */
    async claim(id: number, fileId: string, at: Date): Promise<LogUploadRow | null> {
      const rows = await db
        .update(logUploads)
        .set({ fileId, receivedAt: at, done: true, failed: false, status: 'Uploaded', statusAt: at })
        .where(and(eq(logUploads.id, id), sql`${logUploads.fileId} IS NULL`, sql`${logUploads.expiresAt} > ${at.toISOString()}::timestamptz`))
        .returning();
      return rows[0] ?? null;
    },

    async list(stationId: string | undefined, limit: number): Promise<LogUploadRow[]> {
      return db
        .select()
        .from(logUploads)
        .where(stationId ? eq(logUploads.stationId, stationId) : undefined)
        .orderBy(desc(logUploads.requestedAt), desc(logUploads.id))
        .limit(limit);
    },

    /** Open uploads whose token has expired without a file. */
    async expire(now: Date): Promise<LogUploadRow[]> {
      return db
        .update(logUploads)
        .set({ done: true, failed: true, status: 'Expired', statusAt: now })
        .where(and(eq(logUploads.done, false), lt(logUploads.expiresAt, now)))
        .returning();
    },
  };
}

export type LogUploadRepo = ReturnType<typeof createLogUploadRepo>;
