/** Operator account queries. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { operators } from '../db/schema/index.ts';

export type OperatorRow = typeof operators.$inferSelect;

export function createOperatorRepo(db: Db) {
  return {
    async insert(o: { email: string; name: string | null; passwordHash: string; role: string }): Promise<OperatorRow | null> {
      const rows = await db.insert(operators).values(o).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },
    async findByEmail(email: string): Promise<OperatorRow | null> {
      const rows = await db.select().from(operators).where(sql`lower(${operators.email}) = lower(${email})`).limit(1);
      return rows[0] ?? null;
    },
    async findById(id: string): Promise<OperatorRow | null> {
      const rows = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
      return rows[0] ?? null;
    },
    list: (): Promise<OperatorRow[]> => db.select().from(operators).orderBy(asc(operators.email)),
    async update(id: string, patch: Partial<Pick<OperatorRow, 'name' | 'role' | 'disabled' | 'passwordHash'>>): Promise<OperatorRow | null> {
      const rows = await db.update(operators).set(patch).where(eq(operators.id, id)).returning();
      return rows[0] ?? null;
    },
    async remove(id: string): Promise<boolean> {
      return (await db.delete(operators).where(eq(operators.id, id)).returning({ id: operators.id })).length > 0;
    },
    async countActiveAdmins(): Promise<number> {
      const rows = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(operators)
        .where(sql`${operators.role} = 'admin' AND NOT ${operators.disabled}`);
      return rows[0]?.n ?? 0;
    },
    async count(): Promise<number> {
      const rows = await db.select({ n: sql<number>`count(*)::int` }).from(operators);
      return rows[0]?.n ?? 0;
    },
    async touchLogin(id: string, at: Date): Promise<void> {
      await db.update(operators).set({ lastLoginAt: at }).where(eq(operators.id, id));
    },
  };
}
