/** Firmware images, the updates sent to stations, and campaigns with their targets. */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';
import { firmwareCampaigns, firmwareCampaignTargets, firmwareImages, firmwareUpdates } from '../db/schema/index.ts';

export type ImageRow = typeof firmwareImages.$inferSelect;
export type UpdateRow = typeof firmwareUpdates.$inferSelect;
export type CampaignRow = typeof firmwareCampaigns.$inferSelect;
export type TargetRow = typeof firmwareCampaignTargets.$inferSelect;

export function createFirmwareRepo(db: Db) {
  return {
    async insertImage(row: typeof firmwareImages.$inferInsert): Promise<ImageRow> {
      return (await db.insert(firmwareImages).values(row).returning())[0]!;
    },
    async image(id: string): Promise<ImageRow | null> {
      return (await db.select().from(firmwareImages).where(eq(firmwareImages.id, id)).limit(1))[0] ?? null;
    },
    async imageByToken(token: string): Promise<ImageRow | null> {
      return (await db.select().from(firmwareImages).where(eq(firmwareImages.downloadToken, token)).limit(1))[0] ?? null;
    },
    async images(): Promise<ImageRow[]> {
      return db.select().from(firmwareImages).orderBy(desc(firmwareImages.createdAt));
    },
    async updateImage(id: string, patch: Partial<typeof firmwareImages.$inferInsert>): Promise<ImageRow | null> {
      return (await db.update(firmwareImages).set(patch).where(eq(firmwareImages.id, id)).returning())[0] ?? null;
    },
    async removeImage(id: string): Promise<ImageRow | null> {
      return (await db.delete(firmwareImages).where(eq(firmwareImages.id, id)).returning())[0] ?? null;
    },

    async insertUpdate(row: typeof firmwareUpdates.$inferInsert): Promise<void> {
      await db.insert(firmwareUpdates).values(row);
    },
    async update(id: number): Promise<UpdateRow | null> {
      return (await db.select().from(firmwareUpdates).where(eq(firmwareUpdates.id, id)).limit(1))[0] ?? null;
    },
    async latestOpenUpdate(stationId: string): Promise<UpdateRow | null> {
      const rows = await db
        .select()
        .from(firmwareUpdates)
        .where(and(eq(firmwareUpdates.stationId, stationId), isNull(firmwareUpdates.outcome)))
        .orderBy(desc(firmwareUpdates.requestedAt), desc(firmwareUpdates.id))
        .limit(1);
      return rows[0] ?? null;
    },
    /** Moves an update that is still under way; null when it has already ended. */
    async moveUpdate(id: number, patch: { status: string; statusAt: Date; outcome?: string | null; finishedAt?: Date | null }): Promise<UpdateRow | null> {
      const rows = await db
        .update(firmwareUpdates)
        .set(patch)
        .where(and(eq(firmwareUpdates.id, id), isNull(firmwareUpdates.outcome)))
        .returning();
      return rows[0] ?? null;
    },
    async updates(stationId: string | undefined, limit: number): Promise<UpdateRow[]> {
      return db
        .select()
        .from(firmwareUpdates)
        .where(stationId ? eq(firmwareUpdates.stationId, stationId) : undefined)
        .orderBy(desc(firmwareUpdates.requestedAt), desc(firmwareUpdates.id))
        .limit(limit);
    },
    /** Open updates of a station whose image has this version (a boot reporting it means it is installed). */
    async openUpdatesForVersion(stationId: string, version: string): Promise<UpdateRow[]> {
      const rows = await db
        .select({ u: firmwareUpdates })
        .from(firmwareUpdates)
        .innerJoin(firmwareImages, eq(firmwareImages.id, firmwareUpdates.imageId))
        .where(and(eq(firmwareUpdates.stationId, stationId), isNull(firmwareUpdates.outcome), eq(firmwareImages.version, version)));
      return rows.map((r) => r.u);
    },
    /** Open updates of running campaigns past their attempt timeout. */
    async overdueCampaignUpdates(now: Date): Promise<UpdateRow[]> {
      const rows = await db
        .select({ u: firmwareUpdates })
        .from(firmwareUpdates)
        .innerJoin(firmwareCampaigns, eq(firmwareCampaigns.id, firmwareUpdates.campaignId))
        .where(
          and(
            isNull(firmwareUpdates.outcome),
            sql`${firmwareUpdates.requestedAt} + make_interval(secs => ${firmwareCampaigns.attemptTimeoutSec}) < ${now.toISOString()}::timestamptz`,
          ),
        );
      return rows.map((r) => r.u);
    },

    async insertCampaign(row: typeof firmwareCampaigns.$inferInsert, stationIds: string[], at: Date): Promise<CampaignRow> {
      return db.transaction(async (tx) => {
        const c = (await tx.insert(firmwareCampaigns).values(row).returning())[0]!;
        for (let i = 0; i < stationIds.length; i += 1000) {
          await tx
            .insert(firmwareCampaignTargets)
            .values(stationIds.slice(i, i + 1000).map((stationId) => ({ campaignId: c.id, stationId, status: 'pending', updatedAt: at })));
        }
        return c;
      });
    },
    async campaign(id: string): Promise<CampaignRow | null> {
      return (await db.select().from(firmwareCampaigns).where(eq(firmwareCampaigns.id, id)).limit(1))[0] ?? null;
    },
    async campaigns(limit: number): Promise<CampaignRow[]> {
      return db.select().from(firmwareCampaigns).orderBy(desc(firmwareCampaigns.createdAt)).limit(limit);
    },
    async runningCampaigns(): Promise<CampaignRow[]> {
      return db.select().from(firmwareCampaigns).where(inArray(firmwareCampaigns.status, ['running', 'halted']));
    },
    async setCampaign(id: string, patch: Partial<typeof firmwareCampaigns.$inferInsert>, from?: string[]): Promise<CampaignRow | null> {
      const rows = await db
        .update(firmwareCampaigns)
        .set(patch)
        .where(and(eq(firmwareCampaigns.id, id), from ? inArray(firmwareCampaigns.status, from) : undefined))
        .returning();
      return rows[0] ?? null;
    },
    async counts(campaignId: string): Promise<Record<string, number>> {
      const rows = rowsOf<{ status: string; n: number }>(
        await db.execute(sql`SELECT status, count(*)::int AS n FROM firmware_campaign_targets WHERE campaign_id = ${campaignId} GROUP BY status`),
      );
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
    async targets(campaignId: string): Promise<TargetRow[]> {
      return db.select().from(firmwareCampaignTargets).where(eq(firmwareCampaignTargets.campaignId, campaignId)).orderBy(asc(firmwareCampaignTargets.stationId));
    },
    async dueTargets(campaignId: string, now: Date, limit: number): Promise<TargetRow[]> {
      if (limit <= 0) return [];
      return db
        .select()
        .from(firmwareCampaignTargets)
        .where(
          and(
            eq(firmwareCampaignTargets.campaignId, campaignId),
            eq(firmwareCampaignTargets.status, 'pending'),
            or(isNull(firmwareCampaignTargets.nextAttemptAt), lte(firmwareCampaignTargets.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(firmwareCampaignTargets.nextAttemptAt), asc(firmwareCampaignTargets.stationId))
        .limit(limit);
    },
    async setTarget(campaignId: string, stationId: string, patch: Partial<typeof firmwareCampaignTargets.$inferInsert>): Promise<TargetRow | null> {
      const rows = await db
        .update(firmwareCampaignTargets)
        .set(patch)
        .where(and(eq(firmwareCampaignTargets.campaignId, campaignId), eq(firmwareCampaignTargets.stationId, stationId)))
        .returning();
      return rows[0] ?? null;
    },
    async cancelPending(campaignId: string, at: Date): Promise<void> {
      await db
        .update(firmwareCampaignTargets)
        .set({ status: 'cancelled', updatedAt: at })
        .where(and(eq(firmwareCampaignTargets.campaignId, campaignId), eq(firmwareCampaignTargets.status, 'pending')));
    },
  };
}

export type FirmwareRepo = ReturnType<typeof createFirmwareRepo>;
