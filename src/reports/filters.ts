/**
 * What every report is asked for: a period (taken to whole hours, the rollups' grain), an
 * optional site, station, EVSE and connector, and a grouping by hour, day, week (ISO, from
 * Monday) or month in a time zone. Periods are found by PostgreSQL itself (date_trunc with a
 * zone) so daylight-saving days have their 23 or 25 hours on both databases.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { ReportDb } from './report-db.ts';
import { rowsOf } from '../db/rows.ts';
import { fail, ok, type Result } from '../result.ts';
import { HOUR_MS } from './timeline.ts';

export const groupings = ['hour', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof groupings)[number];

export interface ReportFilter {
  from: Date;
  to: Date;
  tz: string;
  groupBy: GroupBy | null;
  siteId?: string | undefined;
  stationId?: string | undefined;
  evseId?: number | undefined;
  connectorId?: number | undefined;
}

export interface Period {
  /** The period's start in its zone (may be before `from` when `from` is mid-period). */
  key: number;
  /** The part of it inside the report: [start, end). */
  start: number;
  end: number;
}

const MAX_RANGE_MS = 3 * 366 * 86_400_000;
const MAX_HOURLY_MS = 366 * 86_400_000;

export interface FilterInput {
  from: string;
  to: string;
  tz?: string | undefined;
  groupBy?: GroupBy | undefined;
  siteId?: string | undefined;
  stationId?: string | undefined;
  evseId?: number | undefined;
  connectorId?: number | undefined;
}

/** The UTC offset of a zone at a moment, in ms. */
function offsetAt(ms: number, tz: string): number {
  const p = Object.fromEntries(formatIn(tz).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`) - Math.floor(ms / 1000) * 1000;
}

/** A date-time, or a plain date meaning its midnight in the zone. */
function instant(text: string, tz: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(text);
  const wall = Date.parse(`${text}T00:00:00Z`);
  // The offset at the guess, then at the corrected guess (a daylight-saving change may lie between).
  const first = wall - offsetAt(wall, tz);
  return wall - offsetAt(first, tz);
}

/** Checks and aligns a request's filter: from down and to up to the hour. */
export function toFilter(q: FilterInput, defaultTz: string, isTimeZone: (tz: string) => boolean): Result<ReportFilter> {
  const tz = q.tz ?? defaultTz;
  if (!isTimeZone(tz)) return fail('VALIDATION_FAILED', `Unknown time zone "${tz}"; use an IANA name such as Europe/Berlin.`);
  const from = Math.floor(instant(q.from, tz) / HOUR_MS) * HOUR_MS;
  const to = Math.ceil(instant(q.to, tz) / HOUR_MS) * HOUR_MS;
  if (Number.isNaN(from) || Number.isNaN(to)) return fail('VALIDATION_FAILED', 'from and to must be ISO 8601 dates or date-times.');
  if (to <= from) return fail('VALIDATION_FAILED', 'to must be after from.');
  if (to - from > MAX_RANGE_MS) return fail('VALIDATION_FAILED', 'A report covers at most three years; ask for several.');
  if (q.groupBy === 'hour' && to - from > MAX_HOURLY_MS) return fail('VALIDATION_FAILED', 'Hourly grouping covers at most a year; group by day, week or month.');
  return ok({
    from: new Date(from),
    to: new Date(to),
    tz,
    groupBy: q.groupBy ?? null,
    siteId: q.siteId,
    stationId: q.stationId,
    evseId: q.evseId,
    connectorId: q.connectorId,
  });
}

/** Whether the filter names no place: the network-wide rollup answers it. */
export const wholeNetwork = (f: ReportFilter) => !f.siteId && !f.stationId && f.evseId === undefined && f.connectorId === undefined;

/** Conditions on a table with station_id, evse_id and connector_id columns. */
export function placeConditions(f: ReportFilter, alias: string): SQL[] {
  const c = (name: string) => sql.raw(`${alias}.${name}`);
  const out: SQL[] = [];
  if (f.siteId) out.push(sql`${c('station_id')} IN (SELECT id FROM stations WHERE site_id = ${f.siteId})`);
  if (f.stationId) out.push(sql`${c('station_id')} = ${f.stationId}`);
  if (f.evseId !== undefined) out.push(sql`${c('evse_id')} = ${f.evseId}`);
  if (f.connectorId !== undefined) out.push(sql`${c('connector_id')} = ${f.connectorId}`);
  return out;
}

export const where = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);

/** The period a timestamp column falls in (its start, a timestamptz), or the report's start when not grouped. */
export function periodOf(f: ReportFilter, column: SQL): SQL {
  return f.groupBy ? sql`date_trunc(${f.groupBy}, ${column}, ${f.tz})` : sql`${f.from}::timestamptz`;
}

/** The report's periods, in order, clipped to [from, to). */
export async function periodsOf(db: ReportDb, f: ReportFilter): Promise<Period[]> {
  const from = f.from.getTime();
  const to = f.to.getTime();
  if (!f.groupBy) return [{ key: from, start: from, end: to }];
  const rows = rowsOf<{ p: Date }>(
    await db.execute(sql`
      SELECT DISTINCT date_trunc(${f.groupBy}, h, ${f.tz}) AS p
      FROM generate_series(${f.from}::timestamptz, ${f.to}::timestamptz - interval '1 hour', interval '1 hour') AS h ORDER BY 1`),
  );
  const keys = rows.map((r) => new Date(r.p).getTime());
  return keys.map((key, i) => ({ key, start: Math.max(key, from), end: keys[i + 1] ?? to }));
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Formatters are costly to make: one per zone, kept. */
function formatIn(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(tz, f);
  }
  return f;
}

/** A moment as local date-time with its offset (RFC 3339), e.g. 2026-05-04T00:00:00+02:00. */
export function localIso(ms: number, tz: string): string {
  const parts = Object.fromEntries(
    formatIn(tz)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMin = Math.round((Date.parse(`${wall}Z`) - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetMin === 0) return `${wall}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Overlap of two intervals, in ms. */
export const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export const minutes = (ms: number) => Math.round(ms / 60) / 1000;
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100_000) / 1000 : null);
