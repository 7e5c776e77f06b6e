/** Id token queries. Lookups ignore case (a unique index on lower(uid)). */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { containing } from '../db/like.ts';
import { rowsOf } from '../db/rows.ts';
import { drivers, idTokens } from '../db/schema/index.ts';

export type TokenRow = typeof idTokens.$inferSelect;
export type NewToken = typeof idTokens.$inferInsert;

export interface TokenFilter {
  q?: string | undefined;
  driverId?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export function createTokenRepo(db: Db) {
  const byUid = (uid: string) => sql`lower(${idTokens.uid}) = lower(${uid})`;
  return {
    async insert(t: NewToken): Promise<TokenRow | null> {
      const rows = await db.insert(idTokens).values(t).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },

    async find(uid: string): Promise<TokenRow | null> {
      const rows = await db.select().from(idTokens).where(byUid(uid)).limit(1);
      return rows[0] ?? null;
    },

    /** The token with its owner's status, in one query: what authorization needs. */
    async findWithOwner(uid: string): Promise<(TokenRow & { driverStatus: string | null }) | null> {
      const rows = await db
        .select({ token: idTokens, driverStatus: drivers.status })
        .from(idTokens)
        .leftJoin(drivers, eq(drivers.id, idTokens.driverId))
        .where(byUid(uid))
        .limit(1);
      const r = rows[0];
      return r ? { ...r.token, driverStatus: r.driverStatus } : null;
    },

    async findMany(uids: string[]): Promise<TokenRow[]> {
      if (uids.length === 0) return [];
      return db
        .select()
        .from(idTokens)
        .where(inArray(sql`lower(${idTokens.uid})`, uids.map((u) => u.toLowerCase())));
    },

    async list(f: TokenFilter): Promise<{ rows: TokenRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.q) {
        const like = containing(f.q);
        conds.push(or(ilike(idTokens.uid, like), ilike(idTokens.label, like))!);
      }
      if (f.driverId) conds.push(eq(idTokens.driverId, f.driverId));
      if (f.status) conds.push(eq(idTokens.status, f.status));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(idTokens).where(where).orderBy(asc(idTokens.uid)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(idTokens).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    /** Every token with its owner's status, for a full local list. */
    async allWithOwners(limit: number): Promise<Array<TokenRow & { driverStatus: string | null }>> {
      const rows = await db
        .select({ token: idTokens, driverStatus: drivers.status })
        .from(idTokens)
        .leftJoin(drivers, eq(drivers.id, idTokens.driverId))
        .orderBy(asc(idTokens.uid))
        .limit(limit);
      return rows.map((r) => ({ ...r.token, driverStatus: r.driverStatus }));
    },

    async update(uid: string, patch: Partial<Omit<TokenRow, 'uid' | 'createdAt'>>): Promise<TokenRow | null> {
      const rows = await db
        .update(idTokens)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(byUid(uid))
        .returning();
      return rows[0] ?? null;
    },

    async remove(uid: string): Promise<boolean> {
      return (await db.delete(idTokens).where(byUid(uid)).returning({ uid: idTokens.uid })).length > 0;
    },

    /**
     * Inserts or updates many tokens (matched without regard to case) in one transaction, a
     * thousand rows per statement. Returns how many were created and how many updated.
     */
    async upsertMany(rows: NewToken[]): Promise<{ created: number; updated: number }> {
      return db.transaction(async (tx) => {
        let created = 0;
        for (let i = 0; i < rows.length; i += 1000) {
          const chunk = rows.slice(i, i + 1000);
          // Each column goes as one array parameter (sql.param: a bare array would be spread into a list).
          const col = <K extends keyof NewToken>(k: K) => sql.param(chunk.map((r) => r[k] ?? null));
          const res = await tx.execute(sql`
            INSERT INTO id_tokens (uid, type, status, expires_at, group_id, driver_id, label)
            SELECT * FROM unnest(${col('uid')}::text[], ${col('type')}::text[], ${col('status')}::text[],
              ${sql.param(chunk.map((r) => (r.expiresAt instanceof Date ? r.expiresAt.toISOString() : null)))}::timestamptz[],
              ${col('groupId')}::text[], ${col('driverId')}::uuid[], ${col('label')}::text[])
            ON CONFLICT ((lower(uid))) DO UPDATE SET type = excluded.type, status = excluded.status,
              expires_at = excluded.expires_at, group_id = excluded.group_id, driver_id = excluded.driver_id,
              label = excluded.label, updated_at = now()
            RETURNING (xmax = 0) AS inserted`);
          created += rowsOf<{ inserted: boolean }>(res).filter((r) => r.inserted).length;
        }
        return { created, updated: rows.length - created };
      });
    },
  };
}

export type TokenRepo = ReturnType<typeof createTokenRepo>;
