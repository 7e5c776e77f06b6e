/**
 * Charging sessions as stations report them, in the CSMS's own terms. Two transaction models
 * feed one session model: the CSMS assigns the transaction id at the start (startSession /
 * stopSession, as OCPP 1.6 does) or the station names it and reports events (recordEvent,
 * as OCPP 2.x does). Every write is idempotent: a start sent twice gets the same id, an event
 * or sample sent twice is stored once, and replays with old timestamps land in their session
 * by the station's clock, not by arrival.
 */
import type { AuthorizationService, Decision } from '../authorization/index.ts';
import type { Clock } from '../clock.ts';
import type { TokenType } from '../commands/index.ts';
import { GroupCommit, type Tx } from '../db/group-commit.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../log.ts';
import { type MeterReading, type NormalizedSample, normalize } from './measurands.ts';
import { eventWriter, meterWriter, staleOnBootWriter } from './session-batch.ts';
import { isPlausibleRegister } from './meter-state.ts';
import { earliest, meterOf, meterPatch, registerSample, samplesPatch, STALE_AFTER_REBOOT } from './session-rules.ts';
import { createSessionRepo, type SessionRepo, type SessionRow } from './session.repo.ts';
import { sessionView } from './session-view.ts';

export { STALE_AFTER_REBOOT };

export interface TokenRef {
  uid: string;
  type?: TokenType | undefined;
}

/** Charging states (OCPP 2.x ChargingStateEnumType; 1.6 connector statuses map onto them). */
export type ChargingState = 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle';

export interface StartInput {
  evseId: number;
  connectorId: number;
  token: TokenRef;
  meterStartWh: number;
  at: Date;
  reservationId?: number | undefined;
}

export interface StopInput {
  transactionId: string;
  at: Date;
  meterStopWh: number;
  reason?: string | undefined;
  token?: TokenRef | undefined;
  readings: MeterReading[];
}

export interface TransactionEventInput {
  eventType: 'Started' | 'Updated' | 'Ended';
  transactionId: string;
  at: Date;
  seqNo: number;
  offline: boolean;
  triggerReason: string;
  chargingState?: ChargingState | undefined;
  stoppedReason?: string | undefined;
  remoteStartId?: number | undefined;
  evseId?: number | undefined;
  connectorId?: number | undefined;
  token?: TokenRef | undefined;
  reservationId?: number | undefined;
  readings: MeterReading[];
}

export interface SessionsDeps {
  repo?: SessionRepo;
  db: SessionRepo['db'];
  clock: Clock;
  log: Logger;
  events: EventBus;
  authorization: AuthorizationService;
  /** The group-commit write path shared with other capabilities (one of its own otherwise). */
  writes?: GroupCommit;
  /** The owner of a token (for sessions started by it). */
  ownerOf(uid: string): Promise<{ driverId: string | null; uid: string; type: string } | null>;
}

/** How long after a remote start a 1.6 StartTransaction with the same token is taken as its result. */
const REMOTE_START_WINDOW_MS = 10 * 60_000;

export function createSessionsService(deps: SessionsDeps) {
  const repo = deps.repo ?? createSessionRepo(deps.db);
  const { clock, log, events } = deps;
  const writes = deps.writes ?? new GroupCommit({ db: deps.db, log, windowMs: 0, shards: 1 });
  const now = () => clock.now();
  const meters = meterWriter({ repo, log, now });
  const transactionEvents = eventWriter({ repo, log, now });
  const closeOnBoot = staleOnBootWriter({ repo, reason: STALE_AFTER_REBOOT });

  function normalizeAll(stationId: string, readings: MeterReading[]): NormalizedSample[] {
    const out: NormalizedSample[] = [];
    for (const r of readings) {
      for (const v of r.values) {
        const n = normalize(r.at, v);
        if (n) out.push(n);
        else log.warn({ stationId, value: v.value, measurand: v.measurand }, 'meter value is not a number; skipped');
      }
    }
    return out;
  }

  function publish(type: 'session.started' | 'session.updated' | 'session.ended', row: SessionRow): void {
    events.publish({ type, stationId: row.stationId, driverId: row.driverId, session: sessionView(row, clock.now()), at: clock.now().toISOString() });
  }

  /** Adds samples to a session inside a transaction, reopening it if Straumur closed it too early. */
  async function addSamples(tx: Tx, row: SessionRow, samples: NormalizedSample[]): Promise<SessionRow> {
    await repo.insertSamples(tx, row.stationId, row.evseId, row.id, samples);
    const { patch, reopened } = samplesPatch(row, samples);
    if (reopened) log.info({ sessionId: row.id }, 'a session closed at reboot is still running: reopened');
    return repo.update(tx, row.id, patch);
  }

  async function tokenFields(token: TokenRef | undefined, decision: Decision | null) {
    if (!token || token.type === 'NoAuthorization') return { tokenUid: token?.uid || null, tokenType: token?.type ?? null, driverId: null };
    const owner = await deps.ownerOf(token.uid);
    return {
      tokenUid: owner?.uid ?? token.uid,
      tokenType: owner?.type ?? token.type ?? null,
      driverId: owner?.driverId ?? null,
      authStatus: decision?.status ?? null,
    };
  }

  return {
    repo,

    /**
     * A station starts a transaction and asks for its id (OCPP 1.6 StartTransaction). The same
     * start sent again (same connector, token, meter and time) gets the same id.
     */
    async startSession(stationId: string, s: StartInput): Promise<{ transactionId: string; decision: Decision; duplicate: boolean }> {
      const startKey = `${s.evseId}|${s.token.uid.toLowerCase()}|${s.meterStartWh}|${s.at.toISOString()}`;
      // A negative or absurd start register is no reading: the session's energy comes from later samples.
      const start = isPlausibleRegister(s.meterStartWh) ? s.meterStartWh : null;
      if (start === null) log.warn({ stationId, meterStartWh: s.meterStartWh }, 'implausible start register ignored');
      const known = await repo.byStartKey(repo.db, stationId, startKey);
      const decision = await deps.authorization.authorize({
        uid: s.token.uid,
        type: s.token.type,
        stationId,
        evseId: s.evseId,
        purpose: 'Start',
        transactionId: known?.transactionId,
      });
      if (known) return { transactionId: known.transactionId, decision, duplicate: true };
      const fields = await tokenFields(s.token, decision);
      const created = await writes.run(stationId, async (tx) => {
        const number = await repo.nextTransactionNumber(tx);
        const remote = await repo.recentRemoteStart(tx, stationId, s.token.uid, new Date(s.at.getTime() - REMOTE_START_WINDOW_MS));
        const row = await repo.insert(tx, {
          stationId,
          evseId: s.evseId,
          connectorId: s.connectorId,
          transactionId: String(number),
          startKey,
          ...fields,
          driverId: fields.driverId ?? remote?.driverId ?? null,
          authStatus: decision.status,
          remoteStartId: remote?.id ?? null,
          reservationId: s.reservationId ?? null,
          startedAt: s.at,
          meterStartWh: start,
          firstRegisterAt: start === null ? null : s.at,
          lastRegisterWh: start,
          lastRegisterAt: start === null ? null : s.at,
        });
        if (row) {
          await repo.insertEvent(tx, { sessionId: row.id, seqNo: null, kind: 'Started', offline: false, at: s.at });
          // The start register is a reading too: charts and billing timelines begin with it.
          await repo.insertSamples(tx, stationId, s.evseId, row.id, registerSample(s.at, start, 'Transaction.Begin'));
        }
        return row;
      });
      if (!created) {
        // A concurrent copy of the same start won the insert: answer with its id.
        const winner = await repo.byStartKey(repo.db, stationId, startKey);
        return { transactionId: winner!.transactionId, decision, duplicate: true };
      }
      publish('session.started', created);
      return { transactionId: created.transactionId, decision, duplicate: false };
    },

    /**
     * A station stops a transaction it asked an id for (OCPP 1.6 StopTransaction). A stop for a
     * transaction Straumur never saw is recorded as a reconstructed session, never refused.
     */
    async stopSession(stationId: string, s: StopInput): Promise<{ decision: Decision | null }> {
      const decision = s.token?.uid ? await deps.authorization.authorize({ uid: s.token.uid, stationId, purpose: 'Stop', transactionId: s.transactionId }) : null;
      const samples = normalizeAll(stationId, s.readings);
      // Read before the shared transaction, which must not wait on other queries.
      const fields = await tokenFields(s.token, decision);
      const { row, ended } = await writes.run(stationId, async (tx) => {
        let row = await repo.byTransaction(tx, stationId, s.transactionId, true);
        if (!row) {
          log.warn({ stationId, transactionId: s.transactionId }, 'stop for an unknown transaction: recorded as a reconstructed session');
          const first = earliest(samples);
          row = await repo.insert(tx, {
            stationId,
            evseId: 0,
            connectorId: 0,
            transactionId: s.transactionId,
            ...fields,
            startedAt: first && first < s.at ? first : s.at,
            reconstructed: true,
          });
          row ??= await repo.byTransaction(tx, stationId, s.transactionId, true);
        }
        if (!row) throw new Error('session vanished during stop');
        if (row.status === 'completed' && row.endedBy === 'station') return { row, ended: false };
        row = await addSamples(tx, row, [...samples, ...registerSample(s.at, s.meterStopWh, 'Transaction.End')]);
        // A reconstructed session knows its start register only from transactionData, if at all.
        const meter = { ...meterOf(row), meterStopWh: isPlausibleRegister(s.meterStopWh) ? s.meterStopWh : null };
        row = await repo.update(tx, row.id, {
          ...meterPatch(meter),
          status: 'completed',
          endedAt: s.at,
          stopReason: s.reason ?? 'Local',
          endedBy: 'station',
        });
        await repo.insertEvent(tx, { sessionId: row.id, seqNo: null, kind: 'Ended', offline: false, at: s.at });
        return { row, ended: true };
      });
      if (ended) publish('session.ended', row);
      return { decision };
    },

    /**
     * An event of a transaction the station names (OCPP 2.x TransactionEvent). Any event of an
     * unknown transaction creates it; a retransmitted event (same seqNo) changes nothing.
     */
    async recordEvent(stationId: string, e: TransactionEventInput): Promise<{ decision: Decision | null; session: SessionRow; duplicate: boolean }> {
      const decision = e.token?.uid || e.token?.type === 'NoAuthorization'
        ? await deps.authorization.authorize({
            uid: e.token.uid,
            type: e.token.type,
            stationId,
            evseId: e.evseId,
            purpose: 'TransactionEvent',
            transactionId: e.transactionId,
          })
        : null;
      const samples = normalizeAll(stationId, e.readings);
      const fields = e.token ? await tokenFields(e.token, decision) : null;
      const result = await writes.submit(stationId, transactionEvents, { stationId, e, samples, fields, decision });
      if (!result.duplicate) publish(result.created ? 'session.started' : result.ended ? 'session.ended' : 'session.updated', result.row);
      if (result.created && result.ended) publish('session.ended', result.row);
      return { decision, session: result.row, duplicate: result.duplicate };
    },

    /**
     * Meter values: to the named transaction, or else to the session that ran on the EVSE at
     * each reading's time, or kept without a session (a station's own meter, EVSE 0).
     */
    async recordMeterValues(stationId: string, m: { evseId: number; transactionId?: string | undefined; readings: MeterReading[] }): Promise<void> {
      const samples = normalizeAll(stationId, m.readings);
      if (samples.length === 0) return;
      if (m.transactionId !== undefined) {
        publish('session.updated', await writes.submit(stationId, meters, { stationId, evseId: m.evseId, transactionId: m.transactionId, samples }));
        return;
      }
      const touched = await writes.run(stationId, async (tx) => {
        const bySession = new Map<string, { row: SessionRow; samples: NormalizedSample[] }>();
        const loose: NormalizedSample[] = [];
        const sessionAt = new Map<number, SessionRow | null>();
        for (const s of samples) {
          const key = s.at.getTime();
          if (!sessionAt.has(key)) sessionAt.set(key, m.evseId > 0 ? await repo.onEvseAt(tx, stationId, m.evseId, s.at) : null);
          const row = sessionAt.get(key);
          if (!row) {
            loose.push(s);
            continue;
          }
          const entry = bySession.get(row.id) ?? { row, samples: [] };
          entry.samples.push(s);
          bySession.set(row.id, entry);
        }
        await repo.insertSamples(tx, stationId, m.evseId, null, loose);
        const out: SessionRow[] = [];
        for (const { row, samples: own } of bySession.values()) out.push(await addSamples(tx, row, own));
        return out;
      });
      for (const row of touched) publish('session.updated', row);
    },

    /** A charging-state change reported by connector status (1.6) for the session on that EVSE. */
    async recordChargingState(stationId: string, evseId: number, state: ChargingState, at: Date): Promise<void> {
      const row = await repo.onEvseAt(repo.db, stationId, evseId, at);
      if (!row || row.status !== 'active' || (row.chargingStateAt && row.chargingStateAt > at)) return;
      const updated = await writes.run(stationId, async (tx) => {
        await repo.insertEvent(tx, { sessionId: row.id, seqNo: null, kind: 'State', chargingState: state, offline: false, at });
        return repo.update(tx, row.id, { chargingState: state, chargingStateAt: at });
      });
      publish('session.updated', updated);
    },

    /** A station booted: sessions it was running before are over (reopened if it later shows they were not). */
    async closeStaleOnBoot(stationId: string, bootAt: Date): Promise<number> {
      const closed = await writes.submit(stationId, closeOnBoot, { stationId, at: bootAt });
      for (const row of closed) {
        log.warn({ stationId, sessionId: row.id, transactionId: row.transactionId }, 'session closed: its station rebooted');
        publish('session.ended', row);
      }
      return closed.length;
    },

    publish,
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
