/**
 * The reports: each takes a checked filter and answers its columns and rows, ready for a
 * chart or a CSV file. Rollups are refreshed first when they are older than the allowed lag.
 * Percentages are numbers with three decimals; energy is whole Wh; money decimal strings.
 */
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { localIso, minutes, overlap, type Period, periodsOf, percent, type ReportFilter } from './filters.ts';
import { reportDb } from './report-db.ts';
import type { Rollups } from './rollups.ts';
import { BINS, createSessionReportRepo, type Metric } from './session-report.repo.ts';
import { createUsageRepo, type PortRow, type PortTimes } from './usage.repo.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface Report {
  columns: string[];
  rows: Row[] | AsyncIterable<Row>;
}

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  rollups: Rollups;
  maxLagMs: number;
  /** The zone the daily rollup is kept in. */
  dayZone: string;
  formatMinor(minor: bigint, currency: string): string;
}

/** NEVI's threshold: each port's uptime must be greater than 97% (23 CFR 680.116(b)). */
const NEVI_UPTIME = 97;

type Totals = Omit<PortTimes, 'stationId' | 'evseId' | 'connectorId' | 'period'> & { inServiceMs: number; ports: number };

const zero = (): Totals => ({ energyWh: 0, sessions: 0, occupiedMs: 0, chargingMs: 0, offlineMs: 0, faultedMs: 0, unavailableMs: 0, outageMs: 0, excludedMs: 0, inServiceMs: 0, ports: 0 });

/** Sums port times per (port or station) and period, with the time each port was in service (from its station's first connection until now). */
function perPlace(ports: PortRow[], periods: Period[], times: PortTimes[], by: 'station' | 'connector', now: number) {
  const byPort = new Map(times.map((x) => [`${x.stationId}|${x.evseId}|${x.connectorId}|${x.period}`, x]));
  const out = new Map<string, { port: PortRow; period: Period; totals: Totals }>();
  for (const period of periods) {
    for (const port of ports) {
      const key = by === 'station' ? `${port.stationId}|${period.key}` : `${port.stationId}|${port.evseId}|${port.connectorId}|${period.key}`;
      const entry = out.get(key) ?? { port, period, totals: zero() };
      const x = byPort.get(`${port.stationId}|${port.evseId}|${port.connectorId}|${period.key}`);
      const tot = entry.totals;
      tot.ports += 1;
      tot.inServiceMs += port.commissioned === null ? 0 : overlap(period.start, period.end, port.commissioned, now);
      if (x) for (const k of ['energyWh', 'sessions', 'occupiedMs', 'chargingMs', 'offlineMs', 'faultedMs', 'unavailableMs', 'outageMs', 'excludedMs'] as const) tot[k] += x[k];
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

const placeColumns = (by: 'station' | 'connector') => (by === 'station' ? ['period', 'stationId', 'siteId', 'ports'] : ['period', 'stationId', 'siteId', 'evseId', 'connectorId']);

export function createReportsService(deps: ReportsDeps) {
  const db = reportDb(deps.db);
  const usage = createUsageRepo(db);
  const sessions = createSessionReportRepo(db);
  const fresh = () => deps.rollups.fresh(deps.maxLagMs);
  const label = (f: ReportFilter, ms: number) => localIso(ms, f.tz);

  function place(f: ReportFilter, p: { port: PortRow; period: Period; totals: Totals }, by: 'station' | 'connector'): Row {
    const base: Row = { period: label(f, p.period.key), stationId: p.port.stationId, siteId: p.port.siteId };
    return by === 'station' ? { ...base, ports: p.totals.ports } : { ...base, evseId: p.port.evseId, connectorId: p.port.connectorId };
  }

  async function places(f: ReportFilter, by: 'station' | 'connector', outageOnly: boolean) {
    await fresh();
    const [ports, periods, times] = await Promise.all([usage.ports(f), periodsOf(db, f), usage.portTimes(f, outageOnly, deps.dayZone)]);
    return perPlace(ports, periods, times, by, deps.clock.now().getTime());
  }

  return {
    async energy(f: ReportFilter): Promise<Report> {
      await fresh();
      const [periods, byPeriod] = await Promise.all([periodsOf(db, f), usage.energy(f)]);
      return {
        columns: ['period', 'energyWh', 'sessions', 'chargingMinutes', 'occupiedMinutes'],
        rows: periods.map((p) => {
          const x = byPeriod.get(p.key);
          return { period: label(f, p.key), energyWh: x?.energyWh ?? 0, sessions: x?.sessions ?? 0, chargingMinutes: minutes(x?.chargingMs ?? 0), occupiedMinutes: minutes(x?.occupiedMs ?? 0) };
        }),
      };
    },

    /** NEVI uptime: ((T - (T_outage - T_excluded)) / T) x 100, T being the time in service in the period (525,600 minutes for a full year). */
    async uptime(f: ReportFilter, by: 'station' | 'connector'): Promise<Report> {
      const rows = (await places(f, by, true)).map((p) => {
        const x = p.totals;
        const down = Math.max(0, x.outageMs - x.excludedMs);
        const uptime = percent(x.inServiceMs - down, x.inServiceMs);
        return {
          ...place(f, p, by),
          inServiceMinutes: minutes(x.inServiceMs),
          outageMinutes: minutes(x.outageMs),
          excludedMinutes: minutes(x.excludedMs),
          offlineMinutes: minutes(x.offlineMs),
          faultedMinutes: minutes(x.faultedMs),
          unavailableMinutes: minutes(x.unavailableMs),
          uptimePercent: uptime,
          meetsNevi: uptime === null ? null : uptime > NEVI_UPTIME,
        };
      });
      return {
        columns: [...placeColumns(by), 'inServiceMinutes', 'outageMinutes', 'excludedMinutes', 'offlineMinutes', 'faultedMinutes', 'unavailableMinutes', 'uptimePercent', 'meetsNevi'],
        rows,
      };
    },

    async utilisation(f: ReportFilter, by: 'station' | 'connector'): Promise<Report> {
      const rows = (await places(f, by, false)).map((p) => {
        const x = p.totals;
        return {
          ...place(f, p, by),
          inServiceMinutes: minutes(x.inServiceMs),
          occupiedMinutes: minutes(x.occupiedMs),
          chargingMinutes: minutes(x.chargingMs),
          occupiedPercent: percent(x.occupiedMs, x.inServiceMs),
          chargingPercent: percent(x.chargingMs, x.inServiceMs),
          sessions: x.sessions,
          energyWh: x.energyWh,
        };
      });
      return { columns: [...placeColumns(by), 'inServiceMinutes', 'occupiedMinutes', 'chargingMinutes', 'occupiedPercent', 'chargingPercent', 'sessions', 'energyWh'], rows };
    },

    /** Average power is the energy delivered in that hour of the week over the hours it occurred; peak is the largest hour. */
    async peakHours(f: ReportFilter): Promise<Report> {
      await fresh();
      const rows = (await usage.peakHours(f)).map((r) => ({
        dayOfWeek: r.dayOfWeek,
        hour: r.hour,
        hours: r.hours,
        sessions: r.sessions,
        energyWh: r.energyWh,
        avgPowerW: r.hours > 0 ? Math.round(r.energyWh / r.hours) : 0,
        peakPowerW: r.peakWh,
      }));
      return { columns: ['dayOfWeek', 'hour', 'hours', 'sessions', 'energyWh', 'avgPowerW', 'peakPowerW'], rows };
    },

    async faults(f: ReportFilter, by: 'errorCode' | 'model' | 'station'): Promise<Report> {
      await fresh();
      const keyColumns = by === 'errorCode' ? ['errorCode'] : by === 'model' ? ['vendor', 'model'] : ['stationId'];
      const rows = (await usage.faults(f, by)).map((r) => {
        const [vendor, model] = r.key.split('|');
        const key: Row = by === 'errorCode' ? { errorCode: r.key || null } : by === 'model' ? { vendor: vendor || null, model: model || null } : { stationId: r.key };
        return { period: label(f, r.period), ...key, faults: r.faults, downtimeMinutes: minutes(r.faultedMs), stations: r.stations, ports: r.ports };
      });
      return { columns: ['period', ...keyColumns, 'faults', 'downtimeMinutes', 'stations', 'ports'], rows };
    },

    async revenue(f: ReportFilter, by: 'tariff' | 'paymentMethod'): Promise<Report> {
      await fresh();
      const m = deps.formatMinor;
      const rows = (await sessions.revenue(f, by)).map((r) => ({
        period: label(f, r.period),
        currency: r.currency,
        ...(by === 'tariff' ? { tariffId: r.key, tariffName: r.tariffName } : { paymentMethod: r.key }),
        sessions: r.sessions,
        energyWh: r.energyWh,
        totalExclVat: m(r.excl, r.currency),
        totalVat: m(r.vat, r.currency),
        totalInclVat: m(r.incl, r.currency),
      }));
      const key = by === 'tariff' ? ['tariffId', 'tariffName'] : ['paymentMethod'];
      return { columns: ['period', 'currency', ...key, 'sessions', 'energyWh', 'totalExclVat', 'totalVat', 'totalInclVat'], rows };
    },

    async sessionStats(f: ReportFilter): Promise<Report> {
      await fresh();
      const [periods, stats] = await Promise.all([periodsOf(db, f), sessions.stats(f)]);
      const sec = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 1000));
      const rows = periods.map((p) => {
        const s = stats.get(p.key);
        return {
          period: label(f, p.key),
          sessions: s?.sessions ?? 0,
          energyWh: s?.energyWh ?? 0,
          energyAvgWh: s ? Math.round(s.energyAvg) : null,
          energyMedianWh: s ? Math.round(s.energyP50) : null,
          energyP90Wh: s ? Math.round(s.energyP90) : null,
          durationAvgSec: sec(s?.durationAvg),
          durationMedianSec: sec(s?.durationP50),
          durationP90Sec: sec(s?.durationP90),
          chargingAvgSec: sec(s?.chargingAvg),
          idleAvgSec: sec(s?.idleAvg),
          idleMedianSec: sec(s?.idleP50),
          idleSharePercent: s ? percent(s.idleSum, s.durationSum) : null,
          maxPowerW: s?.maxPowerW ?? null,
        };
      });
      return { columns: Object.keys(rows[0] ?? { period: null }), rows };
    },

    async distribution(f: ReportFilter, metric: Metric): Promise<Report> {
      await fresh();
      const counts = await sessions.distribution(f, metric);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const { unit, edges } = BINS[metric];
      const rows = edges.map((lo, i) => {
        const hi = edges[i + 1] ?? null;
        const count = counts.get(i) ?? 0;
        return { bin: hi === null ? `${lo}+ ${unit}` : `${lo}-${hi} ${unit}`, from: lo, to: hi, unit, sessions: count, sharePercent: percent(count, total) ?? 0 };
      });
      return { columns: ['bin', 'from', 'to', 'unit', 'sessions', 'sharePercent'], rows };
    },

    async top(f: ReportFilter, by: 'driver' | 'token', limit: number): Promise<Report> {
      await fresh();
      const rows = (await sessions.top(f, by, limit)).map((r, i): Row =>
        by === 'driver'
          ? { rank: i + 1, driverId: r.key, email: r.email, name: r.name, sessions: r.sessions, energyWh: r.energyWh, tokens: r.tokens }
          : { rank: i + 1, tokenUid: r.key, driverId: r.driverId, sessions: r.sessions, energyWh: r.energyWh },
      );
      const columns = by === 'driver' ? ['rank', 'driverId', 'email', 'name', 'sessions', 'energyWh', 'tokens'] : ['rank', 'tokenUid', 'driverId', 'sessions', 'energyWh'];
      return { columns, rows };
    },

    /** Every session started in the range, streamed in chunks (a year of them never sits in memory). */
    async sessions(f: ReportFilter): Promise<Report> {
      await fresh();
      const m = deps.formatMinor;
      const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
      const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      async function* rows(): AsyncGenerator<Row> {
        for await (const chunk of sessions.exportChunks(f)) {
          for (const r of chunk) {
            const money = (v: unknown) => (v === null || v === undefined || !r.currency ? null : m(BigInt(String(v)), r.currency));
            yield {
              sessionId: r.session_id,
              stationId: r.station_id,
              siteId: r.site_id,
              evseId: r.evse_id,
              connectorId: r.connector_id,
              status: r.status,
              startedAt: iso(r.started_at),
              endedAt: iso(r.ended_at),
              durationSec: Math.round(Number(r.duration_ms) / 1000),
              chargingSec: Math.round(Number(r.charging_ms) / 1000),
              idleSec: Math.max(0, Math.round((Number(r.duration_ms) - Number(r.charging_ms)) / 1000)),
              energyWh: Number(r.energy_wh),
              maxPowerW: num(r.max_power_w),
              tokenUid: r.token_uid,
              driverId: r.driver_id,
              tariffId: r.tariff_id,
              paymentMethod: r.payment_mode,
              currency: r.currency,
              totalExclVat: money(r.total_excl_minor),
              totalVat: money(r.total_vat_minor),
              totalInclVat: money(r.total_incl_minor),
            };
          }
        }
      }
      const columns = ['sessionId', 'stationId', 'siteId', 'evseId', 'connectorId', 'status', 'startedAt', 'endedAt', 'durationSec', 'chargingSec', 'idleSec', 'energyWh', 'maxPowerW', 'tokenUid', 'driverId', 'tariffId', 'paymentMethod', 'currency', 'totalExclVat', 'totalVat', 'totalInclVat'];
      return { columns, rows: rows() };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
