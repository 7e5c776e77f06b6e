/**
 * The rollup tables: what changed since the last refresh (high-water marks over the
 * sources), and replacing a batch of stations' rows from an hour on. Every write is a
 * delete-and-insert of a range computed from the sources, so running it twice changes nothing.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/rows.ts';
import type { PortKey, Tx } from './rollup-sources.repo.ts';
import type { HourFacts } from './timeline.ts';

/** Rows with ids a little below the mark are looked at again if they arrived lately (commits land out of id order). */
const ID_LOOKBACK = 10_000;
/** How long a transaction may take to commit and still be seen (rows received within this are read twice, harmlessly). */
export const ARRIVAL_MARGIN_MS = 120_000;
/** Advisory lock key for refreshes: one at a time across nodes. */
const LOCK_KEY = 7_301_415_927;

export interface Marks {
  status: number;
  presence: number;
  sessions: Date | null;
  frontier: Date | null;
  /** The zone report_connector_days is kept in. */
  dayZone: string | null;
}

export type Changed = Array<{ stationId: string; since: Date }>;

const asDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

export function createRollupRepo() {
  return {
    lock: async (tx: Tx) => void (await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`)),

    async marks(tx: Tx): Promise<Marks> {
      const rows = rowsOf<{ name: string; id_mark: string | number | null; at_mark: Date | null; text_mark: string | null }>(
        await tx.execute(sql`SELECT name, id_mark, at_mark, text_mark FROM report_marks`),
      );
      const get = (n: string) => rows.find((r) => r.name === n);
      return {
        status: Number(get('status')?.id_mark ?? 0),
        presence: Number(get('presence')?.id_mark ?? 0),
        sessions: asDate(get('sessions')?.at_mark),
        frontier: asDate(get('frontier')?.at_mark),
        dayZone: get('day_zone')?.text_mark ?? null,
      };
    },

    async saveMarks(tx: Tx, m: Marks): Promise<void> {
      const values = [
        ['status', m.status, null, null],
        ['presence', m.presence, null, null],
        ['sessions', null, m.sessions?.toISOString() ?? null, null],
        ['frontier', null, m.frontier?.toISOString() ?? null, null],
        ['day_zone', null, null, m.dayZone],
      ] as const;
      for (const [name, id, at, text] of values) {
        await tx.execute(sql`
          INSERT INTO report_marks (name, id_mark, at_mark, text_mark) VALUES (${name}, ${id}, ${at}::timestamptz, ${text})
          ON CONFLICT (name) DO UPDATE SET id_mark = excluded.id_mark, at_mark = excluded.at_mark, text_mark = excluded.text_mark`);
      }
    },

    /**
     * Statuses stored since the mark (a replay from an outage carries old times: `since` is the
     * oldest). received_at is the database's clock, so "lately" is measured by it too.
     */
    async statusesSince(tx: Tx, mark: number): Promise<{ changed: Changed; top: number }> {
      const rows = rowsOf<{ station_id: string; since: Date; top: string | number }>(
        await tx.execute(sql`
          SELECT station_id, min(at) AS since, max(id) AS top FROM connector_status_events
          WHERE id > ${mark - ID_LOOKBACK} AND (id > ${mark} OR received_at > now() - ${`${ARRIVAL_MARGIN_MS} milliseconds`}::interval)
          GROUP BY station_id`),
      );
      return { changed: rows.map((r) => ({ stationId: r.station_id, since: new Date(r.since) })), top: Math.max(mark, ...rows.map((r) => Number(r.top))) };
    },

    /** Presence since the mark; its `at` is Straumur's clock, so "lately" is measured by that. */
    async presenceSince(tx: Tx, mark: number, arrivedAfter: Date): Promise<{ changed: Changed; top: number }> {
      const rows = rowsOf<{ station_id: string; since: Date; top: string | number }>(
        await tx.execute(sql`
          SELECT station_id, min(at) AS since, max(id) AS top FROM station_presence_events
          WHERE id > ${mark - ID_LOOKBACK} AND (id > ${mark} OR at > ${arrivedAfter})
          GROUP BY station_id`),
      );
      return { changed: rows.map((r) => ({ stationId: r.station_id, since: new Date(r.since) })), top: Math.max(mark, ...rows.map((r) => Number(r.top))) };
    },

    /** Sessions changed since the mark (a full scan of sessions: the background job does this, not every read). */
    async sessionsSince(tx: Tx, mark: Date | null): Promise<{ changed: Changed; top: Date | null }> {
      const after = mark ? new Date(mark.getTime() - ARRIVAL_MARGIN_MS) : new Date(0);
      const rows = rowsOf<{ station_id: string; since: Date; top: Date }>(
        await tx.execute(sql`
          SELECT station_id, min(started_at) AS since, max(updated_at) AS top FROM sessions
          WHERE updated_at > ${after} GROUP BY station_id`),
      );
      const top = rows.reduce<Date | null>((m, r) => (!m || new Date(r.top) > m ? new Date(r.top) : m), mark);
      return { changed: rows.map((r) => ({ stationId: r.station_id, since: new Date(r.since) })), top };
    },

    /** Rebuild requests (exclusions changed, an operator asked); taken once. */
    async takeDirty(tx: Tx): Promise<Changed> {
      const rows = rowsOf<{ station_id: string; since: Date }>(await tx.execute(sql`DELETE FROM report_dirty RETURNING station_id, since`));
      return rows.map((r) => ({ stationId: r.station_id, since: new Date(r.since) }));
    },

    async markDirty(tx: Tx, stationId: string, since: Date): Promise<void> {
      await tx.execute(sql`
        INSERT INTO report_dirty (station_id, since) VALUES (${stationId}, ${since})
        ON CONFLICT (station_id) DO UPDATE SET since = least(report_dirty.since, excluded.since)`);
    },

    /**
     * Stations that were doing something (in use, down) in the hour holding the last refresh or
     * the one before (a refresh exactly on the hour leaves its hour empty): their state carries
     * on without new events.
     */
    async activeIn(tx: Tx, hour: Date): Promise<string[]> {
      return rowsOf<{ station_id: string }>(
        await tx.execute(sql`SELECT DISTINCT station_id FROM report_connector_hours WHERE hour >= ${hour}::timestamptz - interval '1 hour' AND hour <= ${hour}`),
      ).map((r) => r.station_id);
    },

    /** Forgets every rollup and mark, so the next refresh rebuilds from the records. */
    async clear(tx: Tx): Promise<void> {
      for (const t of ['report_marks', 'report_dirty', 'report_connector_hours', 'report_connector_days', 'report_fault_hours', 'report_network_hours', 'report_sessions']) {
        await tx.execute(sql.raw(`DELETE FROM ${t}`));
      }
    },

    async replaceHours(tx: Tx, stationIds: string[], from: Date, rows: Array<PortKey & HourFacts>): Promise<void> {
      const S = sql`${sql.param(stationIds)}::text[]`;
      await tx.execute(sql`DELETE FROM report_connector_hours WHERE station_id = ANY(${S}) AND hour >= ${from}`);
      await tx.execute(sql`DELETE FROM report_fault_hours WHERE station_id = ANY(${S}) AND hour >= ${from}`);
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        const col = <T>(f: (r: PortKey & HourFacts) => T) => sql.param(chunk.map(f));
        await tx.execute(sql`
          INSERT INTO report_connector_hours (station_id, evse_id, connector_id, hour, energy_wh, sessions, occupied_ms, charging_ms,
            offline_ms, faulted_ms, unavailable_ms, outage_ms, excluded_ms)
          SELECT * FROM unnest(${col((r) => r.stationId)}::text[], ${col((r) => r.evseId)}::int[], ${col((r) => r.connectorId)}::int[],
            ${col((r) => new Date(r.hour).toISOString())}::timestamptz[], ${col((r) => r.energyWh)}::bigint[], ${col((r) => r.sessions)}::int[],
            ${col((r) => r.occupiedMs)}::bigint[], ${col((r) => r.chargingMs)}::bigint[], ${col((r) => r.offlineMs)}::bigint[],
            ${col((r) => r.faultedMs)}::bigint[], ${col((r) => r.unavailableMs)}::bigint[], ${col((r) => r.outageMs)}::bigint[],
            ${col((r) => r.excludedMs)}::bigint[])`);
      }
      const faults = rows.flatMap((r) => [...r.faults].map(([code, f]) => ({ ...r, code, ...f })));
      for (let i = 0; i < faults.length; i += 5000) {
        const chunk = faults.slice(i, i + 5000);
        const col = <T>(f: (r: (typeof faults)[number]) => T) => sql.param(chunk.map(f));
        await tx.execute(sql`
          INSERT INTO report_fault_hours (station_id, evse_id, connector_id, hour, error_code, faults, faulted_ms)
          SELECT * FROM unnest(${col((r) => r.stationId)}::text[], ${col((r) => r.evseId)}::int[], ${col((r) => r.connectorId)}::int[],
            ${col((r) => new Date(r.hour).toISOString())}::timestamptz[], ${col((r) => r.code)}::text[], ${col((r) => r.faults)}::int[],
            ${col((r) => r.faultedMs)}::bigint[])`);
      }
    },

    /** One fact row per session, joined with what billing fixed for it (tariff, payment mode) and its CDR. */
    async upsertSessions(tx: Tx, facts: Array<{ id: string; chargingMs: number; maxPowerW: number | null }>, now: Date): Promise<void> {
      for (let i = 0; i < facts.length; i += 5000) {
        const chunk = facts.slice(i, i + 5000);
        await tx.execute(sql`
          INSERT INTO report_sessions (session_id, station_id, evse_id, connector_id, status, started_at, ended_at, energy_wh, duration_ms,
            charging_ms, max_power_w, token_uid, driver_id, tariff_id, payment_mode, currency, total_excl_minor, total_vat_minor, total_incl_minor, priced)
          SELECT s.id, s.station_id, s.evse_id, s.connector_id, s.status, s.started_at, s.ended_at, s.energy_wh,
            greatest(0, round(extract(epoch FROM (coalesce(s.ended_at, ${now}) - s.started_at)) * 1000))::bigint,
            v.charging_ms, v.max_power_w, s.token_uid, s.driver_id, coalesce(c.tariff_id, b.tariff_id), coalesce(b.payment_mode, 'none'),
            c.currency, c.total_excl_minor, c.total_vat_minor, c.total_incl_minor, c.id IS NOT NULL
          FROM unnest(${sql.param(chunk.map((f) => f.id))}::uuid[], ${sql.param(chunk.map((f) => f.chargingMs))}::bigint[],
                      ${sql.param(chunk.map((f) => f.maxPowerW))}::bigint[]) AS v(id, charging_ms, max_power_w)
          JOIN sessions s ON s.id = v.id
          LEFT JOIN session_billing b ON b.session_id = s.id
          LEFT JOIN cdrs c ON c.session_id = s.id
          ON CONFLICT (session_id) DO UPDATE SET station_id = excluded.station_id, evse_id = excluded.evse_id, connector_id = excluded.connector_id,
            status = excluded.status, started_at = excluded.started_at, ended_at = excluded.ended_at, energy_wh = excluded.energy_wh,
            duration_ms = excluded.duration_ms, charging_ms = excluded.charging_ms, max_power_w = excluded.max_power_w,
            token_uid = excluded.token_uid, driver_id = excluded.driver_id, tariff_id = excluded.tariff_id, payment_mode = excluded.payment_mode,
            currency = excluded.currency, total_excl_minor = excluded.total_excl_minor, total_vat_minor = excluded.total_vat_minor,
            total_incl_minor = excluded.total_incl_minor, priced = excluded.priced`);
      }
    },

    /**
     * Revenue from CDRs written since their session's row was made (billing writes them at or
     * after the end). Every completed session gets a CDR, so the unpriced ones are few (a partial index).
     */
    async priceFromCdrs(tx: Tx): Promise<void> {
      await tx.execute(sql`
        UPDATE report_sessions r SET tariff_id = coalesce(c.tariff_id, r.tariff_id), currency = c.currency, total_excl_minor = c.total_excl_minor,
          total_vat_minor = c.total_vat_minor, total_incl_minor = c.total_incl_minor, priced = true,
          payment_mode = coalesce((SELECT b.payment_mode FROM session_billing b WHERE b.session_id = r.session_id), r.payment_mode)
        FROM cdrs c
        WHERE c.session_id = r.session_id AND NOT r.priced AND r.status = 'completed'`);
    },

    /**
     * Local days (in `zone`) of some stations, summed again from their hours, from the day
     * holding `from` on; all stations when `stationIds` is null.
     */
    async rollDays(tx: Tx, stationIds: string[] | null, from: Date, zone: string): Promise<void> {
      const only = stationIds ? sql`AND station_id = ANY(${sql.param(stationIds)}::text[])` : sql``;
      const day = sql`(${from}::timestamptz AT TIME ZONE ${zone})::date`;
      await tx.execute(sql`DELETE FROM report_connector_days WHERE day >= ${day} ${only}`);
      await tx.execute(sql`
        INSERT INTO report_connector_days (station_id, evse_id, connector_id, day, energy_wh, sessions, occupied_ms, charging_ms,
          offline_ms, faulted_ms, unavailable_ms, outage_ms, excluded_ms)
        SELECT station_id, evse_id, connector_id, (hour AT TIME ZONE ${zone})::date, sum(energy_wh), sum(sessions), sum(occupied_ms), sum(charging_ms),
          sum(offline_ms), sum(faulted_ms), sum(unavailable_ms), sum(outage_ms), sum(excluded_ms)
        FROM report_connector_hours WHERE hour >= (${day}::timestamp AT TIME ZONE ${zone}) ${only}
        GROUP BY 1, 2, 3, 4`);
    },

    /** The network's hours from `from` on, summed again from the ports' rows. */
    async resumNetwork(tx: Tx, from: Date): Promise<void> {
      await tx.execute(sql`DELETE FROM report_network_hours WHERE hour >= ${from}`);
      await tx.execute(sql`
        INSERT INTO report_network_hours (hour, energy_wh, sessions, occupied_ms, charging_ms, outage_ms, excluded_ms)
        SELECT hour, sum(energy_wh), sum(sessions), sum(occupied_ms), sum(charging_ms), sum(outage_ms), sum(excluded_ms)
        FROM report_connector_hours WHERE hour >= ${from} GROUP BY hour`);
    },
  };
}

export type RollupRepo = ReturnType<typeof createRollupRepo>;
