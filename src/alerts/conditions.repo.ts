/**
 * Read-only queries for the conditions alerts watch. They read other capabilities' tables
 * (stations, connectors, sessions, boots, device events) as reports do: the alert checks own
 * no data there and never write it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';

const iso = (d: Date) => d.toISOString();

export function createConditionsRepo(db: Db) {
  return {
    /** Stations seen at least once whose last sign of life is older than the cutoff. */
    async silentSince(cutoff: Date): Promise<Array<{ id: string; lastSeenAt: Date; connected: boolean }>> {
      const rows = rowsOf<{ id: string; last_seen_at: string | Date; connected: boolean }>(
        await db.execute(sql`SELECT id, last_seen_at, connected FROM stations WHERE last_seen_at < ${iso(cutoff)}::timestamptz`),
      );
      return rows.map((r) => ({ id: r.id, lastSeenAt: new Date(r.last_seen_at), connected: r.connected }));
    },

    async lastSeen(ids: string[]): Promise<Map<string, Date | null>> {
      if (ids.length === 0) return new Map();
      const rows = rowsOf<{ id: string; last_seen_at: string | Date | null }>(
        await db.execute(sql`SELECT id, last_seen_at FROM stations WHERE id = ANY(${sql.param(ids)}::text[])`),
      );
      return new Map(rows.map((r) => [r.id, r.last_seen_at ? new Date(r.last_seen_at) : null]));
    },

    /** Faulted connectors, and 1.6 charge points whose connector 0 is Faulted (EVSE 0). */
    async faulted(): Promise<Array<{ stationId: string; evseId: number; connectorId: number; errorCode: string | null; vendorErrorCode: string | null; info: string | null; at: Date }>> {
      const rows = rowsOf<{ station_id: string; evse_id: number; connector_id: number; error_code: string | null; vendor_error_code: string | null; info: string | null; status_at: string | Date }>(
        await db.execute(sql`
          SELECT station_id, evse_id, connector_id, error_code, vendor_error_code, info, status_at FROM connectors WHERE status = 'Faulted'
          UNION ALL
          SELECT id, 0, 0, NULL, NULL, NULL, coalesce(last_seen_at, now()) FROM stations WHERE station_status = 'Faulted'`),
      );
      return rows.map((r) => ({
        stationId: r.station_id,
        evseId: r.evse_id,
        connectorId: r.connector_id,
        errorCode: r.error_code,
        vendorErrorCode: r.vendor_error_code,
        info: r.info,
        at: new Date(r.status_at),
      }));
    },

    /** A connector's stored fault details (the status event carries the error code only). */
    async connectorFault(stationId: string, evseId: number, connectorId: number): Promise<{ errorCode: string | null; vendorErrorCode: string | null; info: string | null } | null> {
      const rows = rowsOf<{ error_code: string | null; vendor_error_code: string | null; info: string | null }>(
        await db.execute(sql`
          SELECT error_code, vendor_error_code, info FROM connectors
          WHERE station_id = ${stationId} AND evse_id = ${evseId} AND connector_id = ${connectorId} AND status = 'Faulted'`),
      );
      const r = rows[0];
      return r ? { errorCode: r.error_code, vendorErrorCode: r.vendor_error_code, info: r.info } : null;
    },

    /** The latest 2.x problem report (NotifyEvent with a techCode) of a station's EVSE, for a fault's details. */
    async latestProblem(stationId: string, evseId: number): Promise<{ techCode: string | null; techInfo: string | null; actualValue: string } | null> {
      const rows = rowsOf<{ tech_code: string | null; tech_info: string | null; actual_value: string }>(
        await db.execute(sql`
          SELECT tech_code, tech_info, actual_value FROM device_events
          WHERE station_id = ${stationId} AND (evse_id = ${evseId} OR evse_id IS NULL) AND cleared = false
            AND (tech_code IS NOT NULL OR tech_info IS NOT NULL)
          ORDER BY at DESC LIMIT 1`),
      );
      const r = rows[0];
      return r ? { techCode: r.tech_code, techInfo: r.tech_info, actualValue: r.actual_value } : null;
    },

    async bootsSince(since: Date): Promise<Map<string, number>> {
      const rows = rowsOf<{ station_id: string; n: number }>(
        await db.execute(sql`SELECT station_id, count(*)::int AS n FROM station_boots WHERE at >= ${iso(since)}::timestamptz GROUP BY station_id`),
      );
      return new Map(rows.map((r) => [r.station_id, r.n]));
    },

    /**
     * Records a boot and counts this station's boots since `since`, the new one included, in one
     * statement on the (station_id, at) index: a boot storm of thousands of stations must not
     * scan every station's boots once per boot.
     */
    async recordBoot(stationId: string, at: Date, reason: string | undefined, since: Date): Promise<number> {
      const rows = rowsOf<{ n: number }>(
        await db.execute(sql`
          WITH added AS (INSERT INTO station_boots (station_id, reason, at) VALUES (${stationId}, ${reason ?? null}, ${iso(at)}::timestamptz) RETURNING at)
          SELECT ((SELECT count(*) FROM station_boots WHERE station_id = ${stationId} AND at >= ${iso(since)}::timestamptz)
                  + (SELECT count(*) FROM added WHERE at >= ${iso(since)}::timestamptz))::int AS n`),
      );
      return rows[0]?.n ?? 0;
    },

    /** Active sessions on connected stations with no meter value since the cutoff. */
    async quietSessions(cutoff: Date): Promise<Array<{ id: string; stationId: string; evseId: number; lastSampleAt: Date | null; startedAt: Date }>> {
      const rows = rowsOf<{ id: string; station_id: string; evse_id: number; last_sample_at: string | Date | null; started_at: string | Date }>(
        await db.execute(sql`
          SELECT s.id, s.station_id, s.evse_id, s.last_sample_at, s.started_at FROM sessions s JOIN stations st ON st.id = s.station_id
          WHERE s.status = 'active' AND st.connected AND coalesce(s.last_sample_at, s.started_at) < ${iso(cutoff)}::timestamptz`),
      );
      return rows.map((r) => ({
        id: r.id,
        stationId: r.station_id,
        evseId: r.evse_id,
        lastSampleAt: r.last_sample_at ? new Date(r.last_sample_at) : null,
        startedAt: new Date(r.started_at),
      }));
    },
  };
}

export type ConditionsRepo = ReturnType<typeof createConditionsRepo>;
