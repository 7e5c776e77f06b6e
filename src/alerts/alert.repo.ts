/** Alerts and their notification outbox. At most one unresolved alert exists per (type, station, subject). */
import { and, desc, eq, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { alertNotifications, alerts } from '../db/schema/index.ts';
import type { AlertKey, AlertStatus } from './types.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type NotificationRow = typeof alertNotifications.$inferSelect;

export interface AlertFilter {
  status?: AlertStatus | 'active' | undefined;
  type?: string | undefined;
  stationId?: string | undefined;
  severity?: string | undefined;
  limit: number;
  offset: number;
}

const keyWhere = (k: AlertKey): SQL =>
  and(eq(alerts.type, k.type), eq(alerts.stationId, k.stationId), eq(alerts.subject, k.subject ?? ''), ne(alerts.status, 'resolved'))!;

export function createAlertRepo(db: Db) {
  return {
    /** Inserts an alert unless the same condition is already unresolved; null then. */
    async openIfAbsent(a: NewAlert): Promise<AlertRow | null> {
      const rows = await db.insert(alerts).values(a).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },

    async resolve(k: AlertKey, resolution: string, at: Date): Promise<AlertRow | null> {
      const rows = await db.update(alerts).set({ status: 'resolved', resolvedAt: at, resolution }).where(keyWhere(k)).returning();
      return rows[0] ?? null;
    },

    async acknowledge(id: string, by: string, at: Date): Promise<AlertRow | null> {
      const rows = await db
        .update(alerts)
        .set({ status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by })
        .where(and(eq(alerts.id, id), eq(alerts.status, 'open')))
        .returning();
      return rows[0] ?? null;
    },

    async byId(id: string): Promise<AlertRow | null> {
      return (await db.select().from(alerts).where(eq(alerts.id, id)).limit(1))[0] ?? null;
    },

    /** The conditions that have an unresolved alert, as `type|station|subject` keys. */
    async unresolvedKeys(): Promise<Set<string>> {
      const rows = await db
        .select({ type: alerts.type, stationId: alerts.stationId, subject: alerts.subject })
        .from(alerts)
        .where(ne(alerts.status, 'resolved'));
      return new Set(rows.map((r) => `${r.type}|${r.stationId}|${r.subject}`));
    },

    async unresolved(type: string): Promise<AlertRow[]> {
      return db.select().from(alerts).where(and(eq(alerts.type, type), ne(alerts.status, 'resolved')));
    },

    async list(f: AlertFilter): Promise<{ rows: AlertRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.status === 'active') conds.push(ne(alerts.status, 'resolved'));
      else if (f.status) conds.push(eq(alerts.status, f.status));
      if (f.type) conds.push(eq(alerts.type, f.type));
      if (f.stationId) conds.push(eq(alerts.stationId, f.stationId));
      if (f.severity) conds.push(eq(alerts.severity, f.severity));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(alerts).where(where).orderBy(desc(alerts.openedAt), desc(alerts.id)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(alerts).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    /** Whether an opening of this condition was notified since `since` (the cooldown against flapping). */
    async notifiedSince(k: AlertKey, since: Date): Promise<boolean> {
      const rows = await db
        .select({ id: alertNotifications.id })
        .from(alertNotifications)
        .innerJoin(alerts, eq(alerts.id, alertNotifications.alertId))
        .where(
          and(
            eq(alerts.type, k.type),
            eq(alerts.stationId, k.stationId),
            eq(alerts.subject, k.subject ?? ''),
            eq(alertNotifications.event, 'opened'),
            sql`${alertNotifications.createdAt} >= ${since.toISOString()}::timestamptz`,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async hasOpenedNotification(alertId: string): Promise<boolean> {
      const rows = await db
        .select({ id: alertNotifications.id })
        .from(alertNotifications)
        .where(and(eq(alertNotifications.alertId, alertId), eq(alertNotifications.event, 'opened')))
        .limit(1);
      return rows.length > 0;
    },

    async enqueue(rows: Array<typeof alertNotifications.$inferInsert>): Promise<void> {
      if (rows.length) await db.insert(alertNotifications).values(rows);
    },

    async due(now: Date, limit: number): Promise<Array<NotificationRow & { alert: AlertRow }>> {
      const rows = await db
        .select()
        .from(alertNotifications)
        .innerJoin(alerts, eq(alerts.id, alertNotifications.alertId))
        .where(and(isNull(alertNotifications.sentAt), eq(alertNotifications.gaveUp, false), lte(alertNotifications.nextAt, now)))
        .orderBy(alertNotifications.id)
        .limit(limit);
      return rows.map((r) => ({ ...r.alert_notifications, alert: r.alerts }));
    },

    async markSent(ids: number[], at: Date, digest: boolean): Promise<void> {
      if (ids.length) await db.update(alertNotifications).set({ sentAt: at, digest, attempts: sql`${alertNotifications.attempts} + 1` }).where(inArray(alertNotifications.id, ids));
    },

    async markFailed(ids: number[], error: string, nextAt: Date, giveUpAfter: number): Promise<void> {
      if (!ids.length) return;
      await db
        .update(alertNotifications)
        .set({
          attempts: sql`${alertNotifications.attempts} + 1`,
          lastError: error.slice(0, 500),
          nextAt,
          gaveUp: sql`${alertNotifications.attempts} + 1 >= ${giveUpAfter}`,
        })
        .where(inArray(alertNotifications.id, ids));
    },
  };
}

export type AlertRepo = ReturnType<typeof createAlertRepo>;
