/**
 * Report queries over the per-session facts: statistics and distributions, top drivers and
 * tokens, revenue from CDRs, and the session export (read in chunks, never all at once).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ReportDb } from './report-db.ts';
import { rowsOf } from '../db/rows.ts';
import { periodOf, placeConditions, type ReportFilter, where } from './filters.ts';

const n = (v: unknown) => Number(v ?? 0);
const t = (v: unknown) => new Date(v as string).getTime();

export type Metric = 'duration' | 'energy' | 'idle';

/** Bin edges per metric: minutes (duration, idle, as ms) and kWh (energy, as Wh); the last bin is open. */
export const BINS: Record<Metric, { unit: string; scale: number; edges: number[] }> = {
  duration: { unit: 'min', scale: 60_000, edges: [0, 15, 30, 60, 120, 240, 480] },
  idle: { unit: 'min', scale: 60_000, edges: [0, 5, 15, 30, 60, 120] },
  energy: { unit: 'kWh', scale: 1000, edges: [0, 5, 10, 20, 40, 60, 100] },
};

const metricColumn: Record<Metric, SQL> = {
  duration: sql`r.duration_ms`,
  idle: sql`greatest(0, r.duration_ms - r.charging_ms)`,
  energy: sql`r.energy_wh`,
};

export interface SessionExportRow {
  session_id: string;
  station_id: string;
  site_id: string | null;
  evse_id: number;
  connector_id: number;
  status: string;
  started_at: Date;
  ended_at: Date | null;
  duration_ms: string | number;
  charging_ms: string | number;
  energy_wh: string | number;
  max_power_w: string | number | null;
  token_uid: string | null;
  driver_id: string | null;
  tariff_id: string | null;
  payment_mode: string | null;
  currency: string | null;
  total_excl_minor: string | number | null;
  total_vat_minor: string | number | null;
  total_incl_minor: string | number | null;
}

export function createSessionReportRepo(db: ReportDb) {
  /** Completed sessions started in the report's range, at the report's place. */
  const started = (f: ReportFilter) => where([sql`r.started_at >= ${f.from}`, sql`r.started_at < ${f.to}`, sql`r.status = 'completed'`, ...placeConditions(f, 'r')]);

  return {
    async stats(f: ReportFilter) {
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT ${periodOf(f, sql`r.started_at`)} AS p, count(*) AS sessions, sum(r.energy_wh) AS energy_wh,
            avg(r.energy_wh) AS energy_avg, percentile_cont(0.5) WITHIN GROUP (ORDER BY r.energy_wh) AS energy_p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY r.energy_wh) AS energy_p90,
            avg(r.duration_ms) AS duration_avg, percentile_cont(0.5) WITHIN GROUP (ORDER BY r.duration_ms) AS duration_p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY r.duration_ms) AS duration_p90,
            avg(r.charging_ms) AS charging_avg, sum(r.duration_ms) AS duration_sum,
            avg(greatest(0, r.duration_ms - r.charging_ms)) AS idle_avg,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, r.duration_ms - r.charging_ms)) AS idle_p50,
            sum(greatest(0, r.duration_ms - r.charging_ms)) AS idle_sum, max(r.max_power_w) AS max_power_w
          FROM report_sessions r WHERE ${started(f)} GROUP BY 1`),
      );
      return new Map(
        rows.map((r) => [
          t(r.p),
          {
            sessions: n(r.sessions),
            energyWh: n(r.energy_wh),
            energyAvg: n(r.energy_avg),
            energyP50: n(r.energy_p50),
            energyP90: n(r.energy_p90),
            durationAvg: n(r.duration_avg),
            durationP50: n(r.duration_p50),
            durationP90: n(r.duration_p90),
            chargingAvg: n(r.charging_avg),
            durationSum: n(r.duration_sum),
            idleAvg: n(r.idle_avg),
            idleP50: n(r.idle_p50),
            idleSum: n(r.idle_sum),
            maxPowerW: r.max_power_w === null ? null : n(r.max_power_w),
          },
        ]),
      );
    },

    /** Sessions per bin of a metric (bin i holds edges[i] <= value < edges[i + 1]). */
    async distribution(f: ReportFilter, metric: Metric): Promise<Map<number, number>> {
      const b = BINS[metric];
      const edges = b.edges.map((e) => e * b.scale);
      const rows = rowsOf<{ bin: number; sessions: string | number }>(
        await db.execute(sql`
          SELECT width_bucket(${metricColumn[metric]}, ${sql.param(edges)}::bigint[]) AS bin, count(*) AS sessions
          FROM report_sessions r WHERE ${started(f)} GROUP BY 1`),
      );
      return new Map(rows.map((r) => [Math.max(0, n(r.bin) - 1), n(r.sessions)]));
    },

    /** Drivers or tokens by energy, largest first (sessions started in the range, ended or not). */
    async top(f: ReportFilter, by: 'driver' | 'token', limit: number) {
      const inRange = where([sql`r.started_at >= ${f.from}`, sql`r.started_at < ${f.to}`, ...placeConditions(f, 'r')]);
      // Hash-aggregate the range first (no DISTINCT, which would force a sort of every session), then describe the few on top.
      const rows =
        by === 'driver'
          ? rowsOf<Record<string, unknown>>(
              await db.execute(sql`
                WITH top AS (
                  SELECT r.driver_id, count(*) AS sessions, sum(r.energy_wh) AS energy_wh FROM report_sessions r
                  WHERE ${inRange} AND r.driver_id IS NOT NULL GROUP BY r.driver_id ORDER BY sum(r.energy_wh) DESC, count(*) DESC, r.driver_id LIMIT ${limit})
                SELECT top.driver_id AS k, d.email, d.name, top.sessions, top.energy_wh,
                  (SELECT count(DISTINCT upper(r.token_uid)) FROM report_sessions r WHERE r.driver_id = top.driver_id AND ${inRange}) AS tokens
                FROM top LEFT JOIN drivers d ON d.id = top.driver_id ORDER BY top.energy_wh DESC, top.sessions DESC, top.driver_id`),
            )
          : rowsOf<Record<string, unknown>>(
              await db.execute(sql`
                SELECT upper(r.token_uid) AS k, max(r.driver_id::text) AS driver_id, count(*) AS sessions, sum(r.energy_wh) AS energy_wh
                FROM report_sessions r WHERE ${inRange} AND r.token_uid IS NOT NULL
                GROUP BY upper(r.token_uid) ORDER BY sum(r.energy_wh) DESC, count(*) DESC, upper(r.token_uid) LIMIT ${limit}`),
            );
      return rows.map((r) => ({
        key: r.k as string,
        email: (r.email as string | undefined) ?? null,
        name: (r.name as string | undefined) ?? null,
        driverId: (r.driver_id as string | undefined) ?? null,
        sessions: n(r.sessions),
        energyWh: n(r.energy_wh),
        tokens: n(r.tokens),
      }));
    },

    /** Revenue of CDRs whose session ended in the range, by tariff or payment method, per currency. */
    async revenue(f: ReportFilter, by: 'tariff' | 'paymentMethod') {
      const key = by === 'tariff' ? sql`r.tariff_id::text` : sql`coalesce(r.payment_mode, 'none')`;
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          SELECT ${periodOf(f, sql`r.ended_at`)} AS p, r.currency, ${key} AS k, max(tf.name) AS tariff_name, count(*) AS sessions, sum(r.energy_wh) AS energy_wh,
            sum(r.total_excl_minor) AS excl, sum(r.total_vat_minor) AS vat, sum(r.total_incl_minor) AS incl
          FROM report_sessions r LEFT JOIN tariffs tf ON tf.id = r.tariff_id
          WHERE r.priced AND r.ended_at >= ${f.from} AND r.ended_at < ${f.to} AND ${where(placeConditions(f, 'r'))}
          GROUP BY 1, 2, 3 ORDER BY 1, 2, sum(r.total_incl_minor) DESC, 3`),
      );
      return rows.map((r) => ({
        period: t(r.p),
        currency: r.currency as string,
        key: (r.k as string | null) ?? null,
        tariffName: (r.tariff_name as string | null) ?? null,
        sessions: n(r.sessions),
        energyWh: n(r.energy_wh),
        excl: BigInt(String(r.excl ?? 0)),
        vat: BigInt(String(r.vat ?? 0)),
        incl: BigInt(String(r.incl ?? 0)),
      }));
    },

    /** Sessions started in the range, in start order, `size` at a time (keyset: never an offset, never everything). */
    async *exportChunks(f: ReportFilter, size = 2000): AsyncGenerator<SessionExportRow[]> {
      // The start as text: timestamps keep microseconds that a JS Date would drop.
      let after: { at: string; id: string } | null = null;
      for (;;) {
        const cursor: SQL = after ? sql`AND (r.started_at, r.session_id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
        const rows = rowsOf<SessionExportRow & { started_key: string }>(
          await db.execute(sql`
            SELECT r.*, r.started_at::text AS started_key, st.site_id FROM report_sessions r JOIN stations st ON st.id = r.station_id
            WHERE r.started_at >= ${f.from} AND r.started_at < ${f.to} AND ${where(placeConditions(f, 'r'))} ${cursor}
            ORDER BY r.started_at, r.session_id LIMIT ${size}`),
        );
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < size) return;
        const last = rows[rows.length - 1]!;
        after = { at: last.started_key, id: last.session_id };
      }
    },
  };
}

export type SessionReportRepo = ReturnType<typeof createSessionReportRepo>;
