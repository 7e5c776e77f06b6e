/** Tariff, version and assignment queries. Versions are insert-only. */
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { tariffAssignments, tariffs, tariffVersions } from '../../db/schema/index.ts';
import type { TariffBody } from '../pricing/tariff.ts';

export type TariffRow = typeof tariffs.$inferSelect;
export type TariffVersionRow = typeof tariffVersions.$inferSelect;
export type AssignmentScope = 'station' | 'site' | 'group';

export function createTariffRepo(db: Db) {
  return {
    async create(t: { name: string; currency: string; isDefault: boolean; body: TariffBody; validFrom: Date; by: string }): Promise<TariffRow> {
      return db.transaction(async (tx) => {
        if (t.isDefault) await tx.update(tariffs).set({ isDefault: false }).where(eq(tariffs.isDefault, true));
        const [row] = await tx.insert(tariffs).values({ name: t.name, currency: t.currency, isDefault: t.isDefault }).returning();
        await tx.insert(tariffVersions).values({ tariffId: row!.id, version: 1, body: t.body, validFrom: t.validFrom, createdBy: t.by });
        return row!;
      });
    },

    async addVersion(id: string, v: { name?: string | undefined; body: TariffBody; validFrom: Date; by: string; isDefault?: boolean | undefined }): Promise<TariffRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(tariffs).where(eq(tariffs.id, id)).for('update');
        if (!row || row.archivedAt) return null;
        const version = row.currentVersion + 1;
        await tx.insert(tariffVersions).values({ tariffId: id, version, body: v.body, validFrom: v.validFrom, createdBy: v.by });
        if (v.isDefault) await tx.update(tariffs).set({ isDefault: false }).where(eq(tariffs.isDefault, true));
        const [updated] = await tx
          .update(tariffs)
          .set({ currentVersion: version, currency: v.body.currency, ...(v.name ? { name: v.name } : {}), ...(v.isDefault ? { isDefault: true } : {}), updatedAt: sql`now()` })
          .where(eq(tariffs.id, id))
          .returning();
        return updated!;
      });
    },

    async archive(id: string, at: Date): Promise<boolean> {
      const rows = await db.update(tariffs).set({ archivedAt: at, isDefault: false }).where(and(eq(tariffs.id, id), isNull(tariffs.archivedAt))).returning({ id: tariffs.id });
      if (rows.length) await db.delete(tariffAssignments).where(eq(tariffAssignments.tariffId, id));
      return rows.length > 0;
    },

    byId: async (id: string) => (await db.select().from(tariffs).where(eq(tariffs.id, id)))[0] ?? null,
    list: () => db.select().from(tariffs).orderBy(asc(tariffs.name)),
    versions: (id: string) => db.select().from(tariffVersions).where(eq(tariffVersions.tariffId, id)).orderBy(asc(tariffVersions.version)),
    version: async (id: string, version: number) =>
      (await db.select().from(tariffVersions).where(and(eq(tariffVersions.tariffId, id), eq(tariffVersions.version, version))))[0] ?? null,

    /** The version in force at an instant; a session older than the tariff gets its first version. */
    async versionAt(id: string, at: Date): Promise<TariffVersionRow | null> {
      const [inForce] = await db
        .select()
        .from(tariffVersions)
        .where(and(eq(tariffVersions.tariffId, id), lte(tariffVersions.validFrom, at)))
        .orderBy(desc(tariffVersions.validFrom), desc(tariffVersions.version))
        .limit(1);
      if (inForce) return inForce;
      const [first] = await db.select().from(tariffVersions).where(eq(tariffVersions.tariffId, id)).orderBy(asc(tariffVersions.version)).limit(1);
      return first ?? null;
    },

    defaultId: async () => (await db.select({ id: tariffs.id }).from(tariffs).where(eq(tariffs.isDefault, true)))[0]?.id ?? null,

    async assign(scope: AssignmentScope, target: string, tariffId: string, at: Date): Promise<void> {
      await db
        .insert(tariffAssignments)
        .values({ scope, target, tariffId, assignedAt: at })
        .onConflictDoUpdate({ target: [tariffAssignments.scope, tariffAssignments.target], set: { tariffId, assignedAt: at } });
    },

    async unassign(scope: AssignmentScope, target: string): Promise<boolean> {
      const rows = await db.delete(tariffAssignments).where(and(eq(tariffAssignments.scope, scope), eq(tariffAssignments.target, target))).returning({ t: tariffAssignments.tariffId });
      return rows.length > 0;
    },

    async assigned(scope: AssignmentScope, target: string): Promise<string | null> {
      const [row] = await db
        .select({ id: tariffAssignments.tariffId })
        .from(tariffAssignments)
        .where(and(eq(tariffAssignments.scope, scope), eq(tariffAssignments.target, target)));
      return row?.id ?? null;
    },
  };
}

export type TariffRepo = ReturnType<typeof createTariffRepo>;
