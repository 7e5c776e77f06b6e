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
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../log.ts';
import { type MeterReading, type NormalizedSample, normalize } from './measurands.ts';
import { applySamples, energyWh, type MeterState } from './meter-state.ts';
import { createSessionRepo, type NewSession, type SessionRepo, type SessionRow, type Tx } from './session.repo.ts';
import { sessionView } from './session-view.ts';

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
  /** The owner of a token (for sessions started by it). */
  ownerOf(uid: string): Promise<{ driverId: string | null; uid: string; type: string } | null>;
}

/** Straumur closed a session because its station rebooted; a later sign of life reopens it. */
export const STALE_AFTER_REBOOT = 'StationRebooted';
/** How long after a remote start a 1.6 StartTransaction with the same token is taken as its result. */
const REMOTE_START_WINDOW_MS = 10 * 60_000;

/** A register reading the station gave as a number of Wh (1.6 meterStart, meterStop). */
function registerSample(at: Date, wh: number, context: string): NormalizedSample[] {
  const n = normalize(at, { value: String(wh), context });
  return n ? [n] : [];
}

function meterOf(r: SessionRow): MeterState {
  return {
    meterStartWh: r.meterStartWh,
    firstRegisterAt: r.firstRegisterAt,
    lastRegisterWh: r.lastRegisterWh,
    lastRegisterAt: r.lastRegisterAt,
    meterStopWh: r.meterStopWh,
    powerW: r.powerW,
    powerAt: r.lastSampleAt,
    socPercent: r.socPercent,
    socAt: r.lastSampleAt,
    lastSampleAt: r.lastSampleAt,
  };
}

function meterPatch(m: MeterState): Partial<NewSession> {
  return {
    meterStartWh: m.meterStartWh,
    firstRegisterAt: m.firstRegisterAt,
    lastRegisterWh: m.lastRegisterWh,
    lastRegisterAt: m.lastRegisterAt,
    meterStopWh: m.meterStopWh,
    powerW: m.powerW,
    socPercent: m.socPercent,
    lastSampleAt: m.lastSampleAt,
    energyWh: energyWh(m),
  };
}

export function createSessionsService(deps: SessionsDeps) {
  const repo = deps.repo ?? createSessionRepo(deps.db);
  const { clock, log, events } = deps;

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
    const meter = applySamples(meterOf(row), samples);
    const patch: Partial<NewSession> = meterPatch(meter);
    const latest = samples.reduce<Date | null>((m, s) => (!m || s.at > m ? s.at : m), null);
    if (row.endedBy === 'csms' && row.stopReason === STALE_AFTER_REBOOT && latest && row.endedAt && latest > row.endedAt) {
      log.info({ sessionId: row.id }, 'a session closed at reboot is still running: reopened');
      Object.assign(patch, { status: 'active', endedAt: null, stopReason: null, endedBy: null });
    }
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
      const created = await repo.db.transaction(async (tx) => {
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
          meterStartWh: s.meterStartWh,
          firstRegisterAt: s.at,
          lastRegisterWh: s.meterStartWh,
          lastRegisterAt: s.at,
        });
        if (row) {
          await repo.insertEvent(tx, { sessionId: row.id, seqNo: null, kind: 'Started', offline: false, at: s.at });
          // The start register is a reading too: charts and billing timelines begin with it.
          await repo.insertSamples(tx, stationId, s.evseId, row.id, registerSample(s.at, s.meterStartWh, 'Transaction.Begin'));
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
      const { row, ended } = await repo.db.transaction(async (tx) => {
        let row = await repo.byTransaction(tx, stationId, s.transactionId, true);
        if (!row) {
          log.warn({ stationId, transactionId: s.transactionId }, 'stop for an unknown transaction: recorded as a reconstructed session');
          const first = samples.reduce<Date | null>((m, x) => (!m || x.at < m ? x.at : m), null);
          row = await repo.insert(tx, {
            stationId,
            evseId: 0,
            connectorId: 0,
            transactionId: s.transactionId,
            ...(await tokenFields(s.token, decision)),
            startedAt: first && first < s.at ? first : s.at,
            reconstructed: true,
          });
          row ??= await repo.byTransaction(tx, stationId, s.transactionId, true);
        }
        if (!row) throw new Error('session vanished during stop');
        if (row.status === 'completed' && row.endedBy === 'station') return { row, ended: false };
        row = await addSamples(tx, row, [...samples, ...registerSample(s.at, s.meterStopWh, 'Transaction.End')]);
        // A reconstructed session knows its start register only from transactionData, if at all.
        const meter = { ...meterOf(row), meterStopWh: s.meterStopWh };
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
      let created = false;
      const result = await repo.db.transaction(async (tx) => {
        let row = await repo.byTransaction(tx, stationId, e.transactionId, true);
        if (!row) {
          created = true;
          row = await repo.insert(tx, {
            stationId,
            evseId: e.evseId ?? 0,
            connectorId: e.connectorId ?? (e.evseId ? 1 : 0),
            transactionId: e.transactionId,
            ...(fields ?? {}),
            remoteStartId: e.remoteStartId ?? null,
            reservationId: e.reservationId ?? null,
            startedAt: e.at,
            reconstructed: e.eventType !== 'Started',
          });
          row ??= await repo.byTransaction(tx, stationId, e.transactionId, true);
          if (!row) throw new Error('session vanished during event');
        }
        const fresh = await repo.insertEvent(tx, {
          sessionId: row.id,
          seqNo: e.seqNo,
          kind: e.eventType,
          triggerReason: e.triggerReason,
          chargingState: e.chargingState ?? null,
          offline: e.offline,
          at: e.at,
        });
        if (!fresh) return { row, duplicate: true, ended: false };
        const patch: Partial<NewSession> = { lastSeqNo: Math.max(row.lastSeqNo ?? 0, e.seqNo), offlineEvents: row.offlineEvents || e.offline };
        if (e.eventType === 'Started' || e.at < row.startedAt) patch.startedAt = e.at < row.startedAt ? e.at : row.startedAt;
        if (e.eventType === 'Started') patch.reconstructed = false;
        if (fields && !row.tokenUid) Object.assign(patch, fields);
        if (decision && (!row.authStatus || e.eventType === 'Started')) patch.authStatus = decision.status;
        if (e.evseId && row.evseId === 0) Object.assign(patch, { evseId: e.evseId, connectorId: e.connectorId ?? 1 });
        if (e.remoteStartId !== undefined && row.remoteStartId === null) patch.remoteStartId = e.remoteStartId;
        if (e.chargingState && (!row.chargingStateAt || e.at >= row.chargingStateAt)) {
          Object.assign(patch, { chargingState: e.chargingState, chargingStateAt: e.at });
        }
        row = await repo.update(tx, row.id, patch);
        row = await addSamples(tx, row, samples);
        let ended = false;
        if (e.eventType === 'Ended' && !(row.status === 'completed' && row.endedBy === 'station')) {
          row = await repo.update(tx, row.id, { status: 'completed', endedAt: e.at, stopReason: e.stoppedReason ?? 'Local', endedBy: 'station' });
          ended = true;
        }
        return { row, duplicate: false, ended };
      });
      if (!result.duplicate) publish(created ? 'session.started' : result.ended ? 'session.ended' : 'session.updated', result.row);
      if (created && result.ended) publish('session.ended', result.row);
      return { decision, session: result.row, duplicate: result.duplicate };
    },

    /**
     * Meter values: to the named transaction, or else to the session that ran on the EVSE at
     * each reading's time, or kept without a session (a station's own meter, EVSE 0).
     */
    async recordMeterValues(stationId: string, m: { evseId: number; transactionId?: string | undefined; readings: MeterReading[] }): Promise<void> {
      const samples = normalizeAll(stationId, m.readings);
      if (samples.length === 0) return;
      const touched = await repo.db.transaction(async (tx) => {
        if (m.transactionId !== undefined) {
          let row = await repo.byTransaction(tx, stationId, m.transactionId, true);
          if (!row) {
            log.warn({ stationId, transactionId: m.transactionId }, 'meter values for an unknown transaction: session reconstructed');
            const first = samples.reduce((a, s) => (s.at < a ? s.at : a), samples[0]!.at);
            row = await repo.insert(tx, { stationId, evseId: m.evseId, connectorId: m.evseId ? 1 : 0, transactionId: m.transactionId, startedAt: first, reconstructed: true });
            row ??= await repo.byTransaction(tx, stationId, m.transactionId, true);
          }
          return row ? [await addSamples(tx, row, samples)] : [];
        }
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
      const updated = await repo.db.transaction(async (tx) => {
        await repo.insertEvent(tx, { sessionId: row.id, seqNo: null, kind: 'State', chargingState: state, offline: false, at });
        return repo.update(tx, row.id, { chargingState: state, chargingStateAt: at });
      });
      publish('session.updated', updated);
    },

    /** A station booted: sessions it was running before are over (reopened if it later shows they were not). */
    async closeStaleOnBoot(stationId: string, bootAt: Date): Promise<number> {
      const closed = await repo.closeActiveOnStation(stationId, bootAt, STALE_AFTER_REBOOT);
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
