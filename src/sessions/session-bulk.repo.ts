/**
 * Set-based session writes for the group-commit path: one statement for a whole batch of
 * stations' meter values and transaction events, whatever its size. Arrays travel as a few
 * parameters (unnest), not as one placeholder per value.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/group-commit.ts';
import { rowsOf } from '../db/rows.ts';
import { sessions } from '../db/schema/index.ts';
import type { NormalizedSample } from './measurands.ts';
import type { SessionRow } from './session.repo.ts';

export interface SampleRow {
  stationId: string;
  evseId: number;
  sessionId: string | null;
  sample: NormalizedSample;
}

export interface EventRow {
  sessionId: string;
  seqNo: number;
  kind: string;
  triggerReason: string | null;
  chargingState: string | null;
  offline: boolean;
  at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const text = (v: number | null) => (v === null ? null : String(v));

export const sessionKey = (stationId: string, transactionId: string) => `${stationId}\u0000${transactionId}`;

export function createSessionBulkRepo() {
  return {
    /** The sessions of these (station, transaction) pairs, locked, in id order so two batches lock alike. */
    async lockByTransactions(tx: Tx, pairs: Array<{ stationId: string; transactionId: string }>): Promise<SessionRow[]> {
      if (pairs.length === 0) return [];
      const stationIds = pairs.map((p) => p.stationId);
      const transactionIds = pairs.map((p) => p.transactionId);
      return tx
        .select()
        .from(sessions)
        .where(
          sql`(${sessions.stationId}, ${sessions.transactionId}) IN (SELECT * FROM unnest(${sql.param(stationIds)}::text[], ${sql.param(transactionIds)}::text[]))`,
        )
        .orderBy(sessions.id)
        .for('update');
    },

    /** Which of these stations have a running session. */
    async stationsWithActiveSessions(tx: Tx, stationIds: string[]): Promise<Set<string>> {
      const res = await tx.execute(sql`
        SELECT DISTINCT station_id FROM sessions WHERE station_id = ANY(${sql.param(stationIds)}::text[]) AND status = 'active'`);
      return new Set(rowsOf<{ station_id: string }>(res).map((r) => r.station_id));
    },

    /** Stores samples; retransmitted ones (the dedup key) are stored once. */
    async insertSamples(tx: Tx, rows: SampleRow[]): Promise<void> {
      if (rows.length === 0) return;
      await tx.execute(sql`
        INSERT INTO meter_samples (station_id, evse_id, session_id, at, measurand, phase, location, context, value, unit)
        SELECT * FROM unnest(
          ${sql.param(rows.map((r) => r.stationId))}::text[],
          ${sql.param(rows.map((r) => r.evseId))}::int[],
          ${sql.param(rows.map((r) => r.sessionId))}::uuid[],
          ${sql.param(rows.map((r) => r.sample.at.toISOString()))}::timestamptz[],
          ${sql.param(rows.map((r) => r.sample.measurand))}::text[],
          ${sql.param(rows.map((r) => r.sample.phase))}::text[],
          ${sql.param(rows.map((r) => r.sample.location))}::text[],
          ${sql.param(rows.map((r) => r.sample.context))}::text[],
          ${sql.param(rows.map((r) => r.sample.value))}::numeric[],
          ${sql.param(rows.map((r) => r.sample.unit))}::text[])
        ON CONFLICT DO NOTHING`);
    },

    /** Records events; returns the keys (`sessionId/seqNo`) that were new, not retransmissions. */
    async insertEvents(tx: Tx, events: EventRow[]): Promise<Set<string>> {
      if (events.length === 0) return new Set();
      const res = await tx.execute(sql`
        INSERT INTO session_events (session_id, seq_no, kind, trigger_reason, charging_state, offline, at)
        SELECT * FROM unnest(
          ${sql.param(events.map((e) => e.sessionId))}::uuid[],
          ${sql.param(events.map((e) => e.seqNo))}::int[],
          ${sql.param(events.map((e) => e.kind))}::text[],
          ${sql.param(events.map((e) => e.triggerReason))}::text[],
          ${sql.param(events.map((e) => e.chargingState))}::text[],
          ${sql.param(events.map((e) => e.offline))}::boolean[],
          ${sql.param(events.map((e) => e.at.toISOString()))}::timestamptz[])
        ON CONFLICT DO NOTHING
        RETURNING session_id, seq_no`);
      return new Set(rowsOf<{ session_id: string; seq_no: number }>(res).map((r) => `${r.session_id}/${r.seq_no}`));
    },

    /**
     * Writes back the sessions a batch changed (rows locked by lockByTransactions in this
     * transaction, so nothing else changed them meanwhile).
     */
    async writeBack(tx: Tx, rows: SessionRow[]): Promise<void> {
      if (rows.length === 0) return;
      const col = <K extends keyof SessionRow>(k: K) => sql.param(rows.map((r) => r[k]));
      const time = (k: 'startedAt' | 'endedAt' | 'firstRegisterAt' | 'lastRegisterAt' | 'lastSampleAt' | 'chargingStateAt') =>
        sql.param(rows.map((r) => iso(r[k])));
      const big = (k: 'meterStartWh' | 'meterStopWh' | 'lastRegisterWh') => sql.param(rows.map((r) => text(r[k])));
      await tx.execute(sql`
        UPDATE sessions AS s SET
          evse_id = v.evse_id, connector_id = v.connector_id, token_uid = v.token_uid, token_type = v.token_type,
          driver_id = v.driver_id, auth_status = v.auth_status, remote_start_id = v.remote_start_id, status = v.status,
          started_at = v.started_at, ended_at = v.ended_at, stop_reason = v.stop_reason, ended_by = v.ended_by,
          meter_start_wh = v.meter_start_wh, meter_stop_wh = v.meter_stop_wh, energy_wh = v.energy_wh,
          first_register_at = v.first_register_at, last_register_wh = v.last_register_wh, last_register_at = v.last_register_at,
          power_w = v.power_w, soc_percent = v.soc_percent, last_sample_at = v.last_sample_at,
          charging_state = v.charging_state, charging_state_at = v.charging_state_at, last_seq_no = v.last_seq_no,
          offline_events = v.offline_events, reconstructed = v.reconstructed, updated_at = now()
        FROM unnest(
          ${col('id')}::uuid[], ${col('evseId')}::int[], ${col('connectorId')}::int[], ${col('tokenUid')}::text[],
          ${col('tokenType')}::text[], ${col('driverId')}::uuid[], ${col('authStatus')}::text[], ${col('remoteStartId')}::int[],
          ${col('status')}::text[], ${time('startedAt')}::timestamptz[], ${time('endedAt')}::timestamptz[],
          ${col('stopReason')}::text[], ${col('endedBy')}::text[], ${big('meterStartWh')}::bigint[], ${big('meterStopWh')}::bigint[],
          ${sql.param(rows.map((r) => String(r.energyWh)))}::bigint[], ${time('firstRegisterAt')}::timestamptz[],
          ${big('lastRegisterWh')}::bigint[], ${time('lastRegisterAt')}::timestamptz[], ${col('powerW')}::numeric[],
          ${col('socPercent')}::numeric[], ${time('lastSampleAt')}::timestamptz[], ${col('chargingState')}::text[],
          ${time('chargingStateAt')}::timestamptz[], ${col('lastSeqNo')}::int[], ${col('offlineEvents')}::boolean[],
          ${col('reconstructed')}::boolean[]
        ) AS v(id, evse_id, connector_id, token_uid, token_type, driver_id, auth_status, remote_start_id, status,
               started_at, ended_at, stop_reason, ended_by, meter_start_wh, meter_stop_wh, energy_wh, first_register_at,
               last_register_wh, last_register_at, power_w, soc_percent, last_sample_at, charging_state, charging_state_at,
               last_seq_no, offline_events, reconstructed)
        WHERE s.id = v.id`);
    },
  };
}

export type SessionBulkRepo = ReturnType<typeof createSessionBulkRepo>;
