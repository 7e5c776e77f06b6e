/** Security events, 2.x device events and reservations: what stations report, kept for operators. */
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { deviceEvents, reservations, securityEvents } from '../db/schema/index.ts';

export type SecurityEventRow = typeof securityEvents.$inferSelect;
export type DeviceEventRow = typeof deviceEvents.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;

export interface RecordQuery {
  stationId?: string | undefined;
  type?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export function createRecordsRepo(db: Db) {
  return {
    async insertSecurityEvent(row: typeof securityEvents.$inferInsert): Promise<void> {
      await db.insert(securityEvents).values(row);
    },
    async securityEvents(q: RecordQuery): Promise<SecurityEventRow[]> {
      const conds: SQL[] = [];
      if (q.stationId) conds.push(eq(securityEvents.stationId, q.stationId));
      if (q.type) conds.push(eq(securityEvents.type, q.type));
      if (q.from) conds.push(gte(securityEvents.at, q.from));
      if (q.to) conds.push(lte(securityEvents.at, q.to));
      return db.select().from(securityEvents).where(conds.length ? and(...conds) : undefined).orderBy(desc(securityEvents.at), desc(securityEvents.id)).limit(q.limit);
    },

    async insertDeviceEvents(rows: Array<typeof deviceEvents.$inferInsert>): Promise<void> {
      if (rows.length) await db.insert(deviceEvents).values(rows);
    },
    async deviceEvents(q: RecordQuery & { stationId: string }): Promise<DeviceEventRow[]> {
      const conds: SQL[] = [eq(deviceEvents.stationId, q.stationId)];
      if (q.type) conds.push(eq(deviceEvents.component, q.type));
      if (q.from) conds.push(gte(deviceEvents.at, q.from));
      if (q.to) conds.push(lte(deviceEvents.at, q.to));
      return db.select().from(deviceEvents).where(and(...conds)).orderBy(desc(deviceEvents.at), desc(deviceEvents.id)).limit(q.limit);
    },

    async insertReservation(row: typeof reservations.$inferInsert): Promise<void> {
      await db.insert(reservations).values(row);
    },
    async reservation(id: number): Promise<ReservationRow | null> {
      return (await db.select().from(reservations).where(eq(reservations.id, id)).limit(1))[0] ?? null;
    },
    async setReservation(id: number, status: string, at: Date, onlyFrom?: string): Promise<ReservationRow | null> {
      const rows = await db
        .update(reservations)
        .set({ status, updatedAt: at })
        .where(and(eq(reservations.id, id), onlyFrom ? eq(reservations.status, onlyFrom) : undefined))
        .returning();
      return rows[0] ?? null;
    },
    async reservations(stationId: string | undefined, limit: number): Promise<ReservationRow[]> {
      return db
        .select()
        .from(reservations)
        .where(stationId ? eq(reservations.stationId, stationId) : undefined)
        .orderBy(desc(reservations.createdAt), desc(reservations.id))
        .limit(limit);
    },
    /**
     * Accepted reservations a session started on are Used; those past their expiry are
     * Expired (a 1.6 station reports neither).
     */
    async settleReservations(now: Date): Promise<number> {
      await db.execute(sql`
        UPDATE reservations r SET status = 'Used', updated_at = ${now.toISOString()}::timestamptz
        WHERE r.status = 'Accepted' AND EXISTS (SELECT 1 FROM sessions s WHERE s.station_id = r.station_id AND s.reservation_id = r.id)`);
      const rows = await db
        .update(reservations)
        .set({ status: 'Expired', updatedAt: now })
        .where(and(eq(reservations.status, 'Accepted'), lt(reservations.expiresAt, now)))
        .returning({ id: reservations.id });
      return rows.length;
    },
  };
}

export type RecordsRepo = ReturnType<typeof createRecordsRepo>;
