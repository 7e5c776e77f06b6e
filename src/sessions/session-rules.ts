/**
 * What a message changes in a session, as pure functions of the stored row: the meter fold,
 * reopening a session closed too early, and the fields a TransactionEvent sets. The write
 * paths (one message, or a batch of many stations' messages) apply the same rules.
 */
import type { Decision } from '../authorization/index.ts';
import { type NormalizedSample, normalize } from './measurands.ts';
import { applySamples, energyWh, isPlausibleRegister, type MeterState } from './meter-state.ts';
import type { NewSession, SessionRow } from './session.repo.ts';
import type { TransactionEventInput } from './session.service.ts';

/** Straumur closed a session because its station rebooted; a later sign of life reopens it. */
export const STALE_AFTER_REBOOT = 'StationRebooted';

/** The token fields a session takes from the token that started it. */
export interface TokenFields {
  tokenUid: string | null;
  tokenType: string | null;
  driverId: string | null;
  authStatus?: string | null;
}

/** A register reading the station gave as a number of Wh (1.6 meterStart, meterStop). */
export function registerSample(at: Date, wh: number | null, context: string): NormalizedSample[] {
  if (wh === null || !isPlausibleRegister(wh)) return [];
  const n = normalize(at, { value: String(wh), context });
  return n ? [n] : [];
}

export function meterOf(r: SessionRow): MeterState {
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

export function meterPatch(m: MeterState): Partial<NewSession> {
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

/** Samples folded into a session; a session closed at reboot that they show still running is reopened. */
export function samplesPatch(row: SessionRow, samples: NormalizedSample[]): { patch: Partial<NewSession>; reopened: boolean } {
  const patch = meterPatch(applySamples(meterOf(row), samples));
  const latest = samples.reduce<Date | null>((m, s) => (!m || s.at > m ? s.at : m), null);
  const reopened = row.endedBy === 'csms' && row.stopReason === STALE_AFTER_REBOOT && latest !== null && row.endedAt !== null && latest > row.endedAt;
  if (reopened) Object.assign(patch, { status: 'active', endedAt: null, stopReason: null, endedBy: null });
  return { patch, reopened };
}

/** What a new (not retransmitted) TransactionEvent sets, before its samples are folded in. */
export function eventPatch(row: SessionRow, e: TransactionEventInput, fields: TokenFields | null, decision: Decision | null): Partial<NewSession> {
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
  return patch;
}

/** An Ended event closes the session, unless the station already closed it. */
export function endPatch(row: SessionRow, e: TransactionEventInput): Partial<NewSession> | null {
  if (e.eventType !== 'Ended' || (row.status === 'completed' && row.endedBy === 'station')) return null;
  return { status: 'completed', endedAt: e.at, stopReason: e.stoppedReason ?? 'Local', endedBy: 'station' };
}

/** The earliest reading's time (a reconstructed session starts there). */
export const earliest = (samples: NormalizedSample[]): Date | null => samples.reduce<Date | null>((m, s) => (!m || s.at < m ? s.at : m), null);
