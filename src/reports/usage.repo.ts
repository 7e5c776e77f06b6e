/**
 * Report queries over the hourly rollups: energy and sessions, time per port (use, outage),
 * peak hours and faults, and the ports a report covers with the time each was in service.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ReportDb } from './report-db.ts';
import { rowsOf } from '../db/rows.ts';
import type { HourFacts } from './timeline.ts';
import { periodOf, placeConditions, type ReportFilter, where, wholeNetwork } from './filters.ts';

const n = (v: unknown) => Number(v ?? 0);
const t = (v: unknown) => new Date(v as string).getTime();

export interface PortRow {
  stationId: string;
  siteId: string | null;
  evseId: number;
  connectorId: number;
  /** First connection of its station; null when never connected. */
  commissioned: number | null;
}

/** A port's times and use in one period (sums of its hours). */
export type PortTimes = Omit<HourFacts, 'hour' | 'faults'> & { stationId: string; evseId: number; connectorId: number; period: number };

export function createUsageRepo(db: ReportDb) {
  /** The whole local days inside the report: [d1, d2), starting at t1 and ending at t2; null when there is none. */
  async function wholeDays(f: ReportFilter): Promise<{ d1: string; d2: string; t1: Date; t2: Date } | null> {
    const [b] = rowsOf<{ d1: string; d2: string; t1: Date; t2: Date }>(
      await db.execute(sql`
        SELECT d1::text, d2::text, d1::timestamp AT TIME ZONE ${f.tz} AS t1, d2::timestamp AT TIME ZONE ${f.tz} AS t2 FROM (
          SELECT CASE WHEN (${f.from}::timestamptz AT TIME ZONE ${f.tz})::time = time '00:00' THEN (${f.from}::timestamptz AT TIME ZONE ${f.tz})::date
                      ELSE (${f.from}::timestamptz AT TIME ZONE ${f.tz})::date + 1 END AS d1,
                 (${f.to}::timestamptz AT TIME ZONE ${f.tz})::date AS d2) x`),
    );
    return b && b.d1 < b.d2 ? { d1: b.d1, d2: b.d2, t1: new Date(b.t1), t2: new Date(b.t2) } : null;
  }

  const inRange = (f: ReportFilter, alias: string): SQL =>
    where([sql`${sql.raw(alias)}.hour >= ${f.from}`, sql`${sql.raw(alias)}.hour < ${f.to}`, ...placeConditions(f, alias)]);

  return {
    /** Energy delivered, sessions started, time in use per period. */
    async energy(f: ReportFilter) {
      const source = wholeNetwork(f) ? sql`report_network_hours` : sql`report_connector_hours`;
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT ${periodOf(f, sql`h.hour`)} AS p, sum(h.energy_wh) AS energy_wh, sum(h.sessions) AS sessions,
            sum(h.charging_ms) AS charging_ms, sum(h.occupied_ms) AS occupied_ms
          FROM ${source} h WHERE ${wholeNetwork(f) ? sql`h.hour >= ${f.from} AND h.hour < ${f.to}` : inRange(f, 'h')}
          GROUP BY 1`),
      );
      return new Map(rows.map((r) => [t(r.p), { energyWh: n(r.energy_wh), sessions: n(r.sessions), chargingMs: n(r.charging_ms), occupiedMs: n(r.occupied_ms) }]));
    },

    /**
     * Time per port and period. Whole local days in the operator's zone come from the daily
     * rollup, the hours at either end from the hourly one. `outageOnly` reads only rows with
     * an outage (uptime).
     */
    async portTimes(f: ReportFilter, outageOnly: boolean, dayZone: string): Promise<PortTimes[]> {
      const days = f.tz === dayZone && f.groupBy !== 'hour' ? await wholeDays(f) : null;
      const hours = days
        ? where([sql`((h.hour >= ${f.from} AND h.hour < ${days.t1}) OR (h.hour >= ${days.t2} AND h.hour < ${f.to}))`, ...placeConditions(f, 'h')])
        : inRange(f, 'h');
      const sums = (a: string) =>
        sql.raw(
          ['energy_wh', 'sessions', 'occupied_ms', 'charging_ms', 'offline_ms', 'faulted_ms', 'unavailable_ms', 'outage_ms', 'excluded_ms'].map((c) => `sum(${a}.${c}) AS ${c}`).join(', '),
        );
      const fromDays = days
        ? sql`UNION ALL
          SELECT d.station_id, d.evse_id, d.connector_id,
            ${f.groupBy ? sql`(date_trunc(${f.groupBy}, d.day::timestamp) AT TIME ZONE ${f.tz})` : sql`${f.from}::timestamptz`} AS p, ${sums('d')}
          FROM report_connector_days d
          WHERE d.day >= ${days.d1}::date AND d.day < ${days.d2}::date AND ${where(placeConditions(f, 'd'))} ${outageOnly ? sql`AND d.outage_ms > 0` : sql``}
          GROUP BY 1, 2, 3, 4`
        : sql``;
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT x.station_id, x.evse_id, x.connector_id, x.p, ${sums('x')} FROM (
            SELECT h.station_id, h.evse_id, h.connector_id, ${periodOf(f, sql`h.hour`)} AS p, ${sums('h')}
            FROM report_connector_hours h WHERE ${hours} ${outageOnly ? sql`AND h.outage_ms > 0` : sql``}
            GROUP BY 1, 2, 3, 4
            ${fromDays}) x
          GROUP BY 1, 2, 3, 4`),
      );
      return rows.map((r) => ({
        stationId: r.station_id as string,
        evseId: n(r.evse_id),
        connectorId: n(r.connector_id),
        period: t(r.p),
        energyWh: n(r.energy_wh),
        sessions: n(r.sessions),
        occupiedMs: n(r.occupied_ms),
        chargingMs: n(r.charging_ms),
        offlineMs: n(r.offline_ms),
        faultedMs: n(r.faulted_ms),
        unavailableMs: n(r.unavailable_ms),
        outageMs: n(r.outage_ms),
        excludedMs: n(r.excluded_ms),
      }));
    },

    /** The ports a report covers: connectors that reported, or the station itself (EVSE 0) when none did. */
    async ports(f: ReportFilter): Promise<PortRow[]> {
      const conds: SQL[] = [];
      if (f.siteId) conds.push(sql`st.site_id = ${f.siteId}`);
      if (f.stationId) conds.push(sql`st.id = ${f.stationId}`);
      if (f.evseId !== undefined) conds.push(sql`coalesce(c.evse_id, 0) = ${f.evseId}`);
      if (f.connectorId !== undefined) conds.push(sql`coalesce(c.connector_id, 0) = ${f.connectorId}`);
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT st.id, st.site_id, coalesce(c.evse_id, 0) AS evse_id, coalesce(c.connector_id, 0) AS connector_id,
            (SELECT p.at FROM station_presence_events p WHERE p.station_id = st.id AND p.connected ORDER BY p.at LIMIT 1) AS commissioned
          FROM stations st LEFT JOIN connectors c ON c.station_id = st.id AND c.evse_id > 0
          WHERE ${where(conds)} ORDER BY st.id, 3, 4`),
      );
      return rows.map((r) => ({
        stationId: r.id as string,
        siteId: (r.site_id as string | null) ?? null,
        evseId: n(r.evse_id),
        connectorId: n(r.connector_id),
        commissioned: r.commissioned ? t(r.commissioned) : null,
      }));
    },

    /** Sessions and power by day of week (ISO, 1 = Monday) and hour of day, local time. */
    async peakHours(f: ReportFilter) {
      const source = wholeNetwork(f)
        ? sql`SELECT hour, energy_wh, sessions FROM report_network_hours h WHERE h.hour >= ${f.from} AND h.hour < ${f.to}`
        : sql`SELECT hour, sum(energy_wh) AS energy_wh, sum(sessions) AS sessions FROM report_connector_hours h WHERE ${inRange(f, 'h')} GROUP BY hour`;
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          WITH per_hour AS (${source})
          SELECT extract(isodow FROM g.h AT TIME ZONE ${f.tz})::int AS dow, extract(hour FROM g.h AT TIME ZONE ${f.tz})::int AS hod,
            count(*) AS hours, coalesce(sum(p.sessions), 0) AS sessions, coalesce(sum(p.energy_wh), 0) AS energy_wh, coalesce(max(p.energy_wh), 0) AS peak_wh
          FROM generate_series(${f.from}::timestamptz, ${f.to}::timestamptz - interval '1 hour', interval '1 hour') AS g(h)
          LEFT JOIN per_hour p ON p.hour = g.h
          GROUP BY 1, 2 ORDER BY 1, 2`),
      );
      return rows.map((r) => ({ dayOfWeek: n(r.dow), hour: n(r.hod), hours: n(r.hours), sessions: n(r.sessions), energyWh: n(r.energy_wh), peakWh: n(r.peak_wh) }));
    },

    /** Faults started and faulted time by error code, station model or station. */
    async faults(f: ReportFilter, by: 'errorCode' | 'model' | 'station') {
      const key = by === 'errorCode' ? sql`h.error_code` : by === 'model' ? sql`coalesce(st.vendor, '') || '|' || coalesce(st.model, '')` : sql`h.station_id`;
      // Per port first (hash), then count ports and stations: DISTINCT over rows would sort every fault hour.
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT p, k, sum(faults) AS faults, sum(faulted_ms) AS faulted_ms, count(DISTINCT station_id) AS stations, count(*) AS ports FROM (
            SELECT ${periodOf(f, sql`h.hour`)} AS p, ${key} AS k, h.station_id, h.evse_id, h.connector_id, sum(h.faults) AS faults, sum(h.faulted_ms) AS faulted_ms
            FROM report_fault_hours h JOIN stations st ON st.id = h.station_id
            WHERE ${inRange(f, 'h')}
            GROUP BY 1, 2, 3, 4, 5) x
          GROUP BY 1, 2 ORDER BY 1, sum(faults) DESC, sum(faulted_ms) DESC, 2`),
      );
      return rows.map((r) => ({ period: t(r.p), key: r.k as string, faults: n(r.faults), faultedMs: n(r.faulted_ms), stations: n(r.stations), ports: n(r.ports) }));
    },
  };
}

export type UsageRepo = ReturnType<typeof createUsageRepo>;
