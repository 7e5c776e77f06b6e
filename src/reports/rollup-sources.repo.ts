/**
 * Read-only queries over other capabilities' records (stations, presence, statuses,
 * sessions, meter samples, session events, exclusions): what the rollups are computed from.
 * Each reads one batch of stations over one range, in the caller's transaction.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rowsOf } from '../db/rows.ts';
import type { SessionSpan, StationInput, StatusPoint } from './timeline.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Q = Tx | Db;

const ms = (d: Date | string) => new Date(d).getTime();
const ids = (a: string[]) => sql`${sql.param(a)}::text[]`;

export interface PortKey {
  stationId: string;
  evseId: number;
  connectorId: number;
}

export interface BatchSources {
  stations: Map<string, StationInput>;
  /** Real ports (connectors that reported a status), per station. */
  ports: PortKey[];
  initialStatus: Map<string, StatusPoint>;
  statuses: Map<string, StatusPoint[]>;
  /** Sessions per port key, and their raw rows. */
  sessions: Map<string, SessionSpan[]>;
  maxPower: Map<string, number>;
}

export const portKey = (p: { stationId: string; evseId: number; connectorId: number }) => `${p.stationId}|${p.evseId}|${p.connectorId}`;

export async function readBatch(q: Q, stationIds: string[], from: Date, to: Date): Promise<BatchSources> {
  const S = ids(stationIds);
  // One query at a time: a transaction is one connection.
  const heads = await q.execute(sql`
      SELECT s.id,
        (SELECT p.at FROM station_presence_events p WHERE p.station_id = s.id AND p.connected ORDER BY p.at LIMIT 1) AS commissioned,
        (SELECT p.connected FROM station_presence_events p WHERE p.station_id = s.id AND p.at < ${from} ORDER BY p.at DESC, p.id DESC LIMIT 1) AS connected
      FROM stations s WHERE s.id = ANY(${S})`);
  const presence = await q.execute(sql`
      SELECT station_id, at, connected FROM station_presence_events
      WHERE station_id = ANY(${S}) AND at >= ${from} AND at < ${to} ORDER BY at, id`);
  const ports = await q.execute(sql`SELECT station_id, evse_id, connector_id FROM connectors WHERE station_id = ANY(${S}) AND evse_id > 0`);
  const initial = await q.execute(sql`
      SELECT c.station_id, c.evse_id, c.connector_id, e.status, e.error_code, e.at
      FROM connectors c CROSS JOIN LATERAL (
        SELECT status, error_code, at FROM connector_status_events e
        WHERE e.station_id = c.station_id AND e.evse_id = c.evse_id AND e.connector_id = c.connector_id AND e.at < ${from}
        ORDER BY e.at DESC, e.id DESC LIMIT 1) e
      WHERE c.station_id = ANY(${S})`);
  const statuses = await q.execute(sql`
      SELECT station_id, evse_id, connector_id, status, error_code, at FROM connector_status_events
      WHERE station_id = ANY(${S}) AND at >= ${from} AND at < ${to} ORDER BY at, id`);
  const exclusions = await q.execute(sql`
      SELECT station_id, evse_id, starts_at, ends_at FROM uptime_exclusions
      WHERE station_id = ANY(${S}) AND ends_at > ${from} AND starts_at < ${to}`);

  const stations = new Map<string, StationInput>();
  for (const r of rowsOf<{ id: string; commissioned: Date | null; connected: boolean | null }>(heads)) {
    stations.set(r.id, { commissionedAt: r.commissioned ? ms(r.commissioned) : null, initiallyConnected: r.connected ?? false, presence: [], exclusions: [] });
  }
  for (const r of rowsOf<{ station_id: string; at: Date; connected: boolean }>(presence)) stations.get(r.station_id)?.presence.push({ at: ms(r.at), connected: r.connected });
  for (const r of rowsOf<{ station_id: string; evse_id: number | null; starts_at: Date; ends_at: Date }>(exclusions)) {
    stations.get(r.station_id)?.exclusions.push({ from: ms(r.starts_at), to: ms(r.ends_at), evseId: r.evse_id });
  }

  type StatusRow = { station_id: string; evse_id: number; connector_id: number; status: string; error_code: string | null; at: Date };
  const point = (r: StatusRow): StatusPoint => ({ at: ms(r.at), status: r.status, errorCode: r.error_code });
  const initialStatus = new Map(rowsOf<StatusRow>(initial).map((r) => [key(r), point(r)]));
  const byPort = new Map<string, StatusPoint[]>();
  for (const r of rowsOf<StatusRow>(statuses)) {
    const list = byPort.get(key(r)) ?? [];
    list.push(point(r));
    byPort.set(key(r), list);
  }

  const { sessions, maxPower } = await readSessions(q, S, from, to);
  return {
    stations,
    ports: portsOf(stationIds, rowsOf<{ station_id: string; evse_id: number; connector_id: number }>(ports)),
    initialStatus,
    statuses: byPort,
    sessions,
    maxPower,
  };
}

/** Sessions overlapping [from, to) with their registers (whole Wh per instant) and charging states. */
async function readSessions(q: Q, S: ReturnType<typeof ids>, from: Date, to: Date) {
  type Row = { id: string; station_id: string; evse_id: number; connector_id: number; started_at: Date; ended_at: Date | null; energy_wh: string | number };
  const rows = rowsOf<Row>(
    await q.execute(sql`
      SELECT id, station_id, evse_id, connector_id, started_at, ended_at, energy_wh FROM sessions
      WHERE station_id = ANY(${S}) AND started_at < ${to} AND (ended_at IS NULL OR ended_at >= ${from})`),
  );
  const sessions = new Map<string, SessionSpan[]>();
  const maxPower = new Map<string, number>();
  if (rows.length === 0) return { sessions, maxPower };
  const spans = new Map<string, SessionSpan>();
  for (const r of rows) {
    const span: SessionSpan = {
      id: r.id,
      startedAt: ms(r.started_at),
      endsAt: r.ended_at ? ms(r.ended_at) : ms(to),
      energyWh: Number(r.energy_wh),
      registers: [],
      states: [],
    };
    spans.set(r.id, span);
    const k = key(r);
    const list = sessions.get(k) ?? [];
    list.push(span);
    sessions.set(k, list);
  }
  const sids = sql`${sql.param([...spans.keys()])}::uuid[]`;
  // A register per instant: the value without a phase when sent, else the sum of L1-L3 (as sessions fold them).
  const samples = await q.execute(sql`
      SELECT session_id, at, measurand,
        round(coalesce(max(value) FILTER (WHERE phase = ''), sum(value) FILTER (WHERE phase IN ('L1', 'L2', 'L3'))))::float8 AS v
      FROM meter_samples
      WHERE session_id = ANY(${sids}) AND measurand IN ('Energy.Active.Import.Register', 'Power.Active.Import') AND location IN ('', 'Outlet')
      GROUP BY session_id, measurand, at ORDER BY session_id, at`);
  const states = await q.execute(sql`
      SELECT session_id, at, charging_state FROM session_events
      WHERE session_id = ANY(${sids}) AND charging_state IS NOT NULL ORDER BY session_id, at, id`);
  for (const r of rowsOf<{ session_id: string; at: Date; measurand: string; v: number | null }>(samples)) {
    if (r.v === null) continue;
    if (r.measurand === 'Power.Active.Import') maxPower.set(r.session_id, Math.max(maxPower.get(r.session_id) ?? 0, Number(r.v)));
    else spans.get(r.session_id)?.registers.push({ at: ms(r.at), wh: Number(r.v) });
  }
  for (const r of rowsOf<{ session_id: string; at: Date; charging_state: string }>(states)) spans.get(r.session_id)?.states.push({ at: ms(r.at), state: r.charging_state });
  return { sessions, maxPower };
}

/** A station's ports are the connectors it reported; one that reported none is one port (EVSE 0), so its presence still counts. */
export function portsOf(stationIds: string[], rows: Array<{ station_id: string; evse_id: number; connector_id: number }>): PortKey[] {
  const out = rows.map((r) => ({ stationId: r.station_id, evseId: r.evse_id, connectorId: r.connector_id }));
  const known = new Set(out.map((p) => p.stationId));
  for (const id of stationIds) if (!known.has(id)) out.push({ stationId: id, evseId: 0, connectorId: 0 });
  return out;
}

const key = (r: { station_id: string; evse_id: number; connector_id: number }) => `${r.station_id}|${r.evse_id}|${r.connector_id}`;
