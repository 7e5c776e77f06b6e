/** The device model inventory, report requests and variable monitors, per station. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isSecretSetting, REDACTED } from '../audit/index.ts';
import type { Db } from '../db/database.ts';
import { containing } from '../db/like.ts';
import { deviceModelReports, deviceModelVariables, variableMonitors } from '../db/schema/index.ts';

export type VariableRow = typeof deviceModelVariables.$inferSelect;
export type NewVariable = typeof deviceModelVariables.$inferInsert;
export type ReportRow = typeof deviceModelReports.$inferSelect;
export type MonitorRow = typeof variableMonitors.$inferSelect;
export type NewMonitor = typeof variableMonitors.$inferInsert;

export interface InventoryFilter {
  component?: string | undefined;
  variable?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * One row per conflict key, the last one winning: an upsert that meets its own key twice
 * fails as a whole in PostgreSQL ("cannot affect row a second time"), and a station may
 * repeat a variable or a monitor id within one report.
 */
function lastPerKey<T>(rows: T[], key: (r: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

export function createDeviceModelRepo(db: Db) {
  return {
    /**
     * Upserts variables; a report or an answer never erases a known value with nothing. A
     * credential (BasicAuthPassword, AuthorizationKey) is kept as [redacted]: that it was set, not what to.
     */
    async upsertVariables(all: NewVariable[]): Promise<void> {
      const redacted = all.map((r) => (r.value != null && isSecretSetting(r.variable) ? { ...r, value: REDACTED } : r));
      const rows = lastPerKey(redacted, (r) => `${r.stationId}\u0000${r.key}`);
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insert(deviceModelVariables)
          .values(rows.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [deviceModelVariables.stationId, deviceModelVariables.key],
            set: {
              value: sql`coalesce(excluded.value, ${deviceModelVariables.value})`,
              mutability: sql`coalesce(excluded.mutability, ${deviceModelVariables.mutability})`,
              persistent: sql`coalesce(excluded.persistent, ${deviceModelVariables.persistent})`,
              constant: sql`coalesce(excluded.constant, ${deviceModelVariables.constant})`,
              dataType: sql`coalesce(excluded.data_type, ${deviceModelVariables.dataType})`,
              unit: sql`coalesce(excluded.unit, ${deviceModelVariables.unit})`,
              minLimit: sql`coalesce(excluded.min_limit, ${deviceModelVariables.minLimit})`,
              maxLimit: sql`coalesce(excluded.max_limit, ${deviceModelVariables.maxLimit})`,
              valuesList: sql`coalesce(excluded.values_list, ${deviceModelVariables.valuesList})`,
              supportsMonitoring: sql`coalesce(excluded.supports_monitoring, ${deviceModelVariables.supportsMonitoring})`,
              source: sql`excluded.source`,
              updatedAt: sql`excluded.updated_at`,
            },
          });
      }
    },

    async inventory(stationId: string, f: InventoryFilter): Promise<{ rows: VariableRow[]; total: number }> {
      const conds: SQL[] = [eq(deviceModelVariables.stationId, stationId)];
      if (f.component) conds.push(eq(deviceModelVariables.component, f.component));
      if (f.variable) conds.push(eq(deviceModelVariables.variable, f.variable));
      if (f.q) {
        const like = containing(f.q);
        conds.push(or(ilike(deviceModelVariables.component, like), ilike(deviceModelVariables.variable, like), ilike(deviceModelVariables.value, like))!);
      }
      const where = and(...conds);
      const [rows, count] = await Promise.all([
        db
          .select()
          .from(deviceModelVariables)
          .where(where)
          .orderBy(asc(deviceModelVariables.component), asc(deviceModelVariables.evseId), asc(deviceModelVariables.variable), asc(deviceModelVariables.key))
          .limit(f.limit)
          .offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(deviceModelVariables).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    async insertReport(r: typeof deviceModelReports.$inferInsert): Promise<void> {
      await db.insert(deviceModelReports).values(r);
    },

    async setReportStatus(requestId: number, status: string, at?: Date): Promise<void> {
      await db
        .update(deviceModelReports)
        .set({ status, ...(at ? { completedAt: at } : {}) })
        .where(eq(deviceModelReports.requestId, requestId));
    },

    /** Counts a part of a report; the last part (tbc false) completes it. */
    async reportPart(stationId: string, requestId: number, items: number, last: boolean, at: Date): Promise<void> {
      await db
        .update(deviceModelReports)
        .set({
          parts: sql`${deviceModelReports.parts} + 1`,
          items: sql`${deviceModelReports.items} + ${items}`,
          status: last ? 'Complete' : 'Receiving',
          ...(last ? { completedAt: at } : {}),
        })
        .where(and(eq(deviceModelReports.requestId, requestId), eq(deviceModelReports.stationId, stationId)));
    },

    async reports(stationId: string, limit = 20): Promise<ReportRow[]> {
      return db.select().from(deviceModelReports).where(eq(deviceModelReports.stationId, stationId)).orderBy(desc(deviceModelReports.requestedAt)).limit(limit);
    },

    async upsertMonitors(rows: NewMonitor[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insert(variableMonitors)
        .values(lastPerKey(rows, (r) => `${r.stationId}\u0000${r.monitorId}`))
        .onConflictDoUpdate({
          target: [variableMonitors.stationId, variableMonitors.monitorId],
          set: {
            variableKey: sql`excluded.variable_key`,
            component: sql`excluded.component`,
            variable: sql`excluded.variable`,
            type: sql`excluded.type`,
            severity: sql`excluded.severity`,
            value: sql`excluded.value`,
            transaction: sql`excluded.transaction`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    },

    async removeMonitors(stationId: string, ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db.delete(variableMonitors).where(and(eq(variableMonitors.stationId, stationId), inArray(variableMonitors.monitorId, ids)));
    },

    async monitors(stationId: string): Promise<MonitorRow[]> {
      return db.select().from(variableMonitors).where(eq(variableMonitors.stationId, stationId)).orderBy(asc(variableMonitors.monitorId));
    },
  };
}

export type DeviceModelRepo = ReturnType<typeof createDeviceModelRepo>;
