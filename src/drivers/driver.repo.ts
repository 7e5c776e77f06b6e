/** Driver account queries. */
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { containing } from '../db/like.ts';
import { drivers } from '../db/schema/index.ts';

export type DriverRow = typeof drivers.$inferSelect;

export function createDriverRepo(db: Db) {
  return {
    async insert(d: { email: string; name: string | null; phone: string | null; passwordHash: string | null }): Promise<DriverRow | null> {
      const rows = await db.insert(drivers).values(d).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },
    async findById(id: string): Promise<DriverRow | null> {
      const rows = await db.select().from(drivers).where(eq(drivers.id, id)).limit(1);
      return rows[0] ?? null;
    },
    async findByEmail(email: string): Promise<DriverRow | null> {
      const rows = await db.select().from(drivers).where(sql`lower(${drivers.email}) = lower(${email})`).limit(1);
      return rows[0] ?? null;
    },
    async list(f: { q?: string | undefined; status?: string | undefined; limit: number; offset: number }): Promise<{ rows: DriverRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.q) {
        const like = containing(f.q);
        conds.push(or(ilike(drivers.email, like), ilike(drivers.name, like))!);
      }
      if (f.status) conds.push(eq(drivers.status, f.status));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(drivers).where(where).orderBy(asc(drivers.email)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(drivers).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },
    async update(id: string, patch: Partial<Omit<DriverRow, 'id' | 'createdAt'>>): Promise<DriverRow | null> {
      const rows = await db
        .update(drivers)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(drivers.id, id))
        .returning();
      return rows[0] ?? null;
    },
    async touchLogin(id: string, at: Date): Promise<void> {
      await db.update(drivers).set({ lastLoginAt: at }).where(eq(drivers.id, id));
    },
  };
}
