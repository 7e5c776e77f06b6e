/**
 * A session's history as billing reads it (read-only): the energy register, power and
 * current over time, and the charging-state changes, all in the station's own timestamps.
 * Registers are whole Wh per instant, rounded once as the session's own energy is, so the
 * periods of a timeline add up to the session's energyWh.
 */
import { and, asc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { meterSamples, sessionEvents, sessions } from '../db/schema/index.ts';
import { parseDecimal, roundToInteger, toText } from './decimal.ts';
import { ENERGY_REGISTER, type NormalizedSample, POWER } from './measurands.ts';
import { totalOf } from './meter-state.ts';
import type { ChargingState } from './session.service.ts';

const CURRENT = 'Current.Import';

export interface SessionHistory {
  registers: Array<{ at: Date; wh: number }>;
  /** Active import power, W, exact decimal text. */
  power: Array<{ at: Date; w: string }>;
  /** Import current summed over phases, A, exact decimal text. */
  current: Array<{ at: Date; a: string }>;
  states: Array<{ at: Date; state: ChargingState }>;
}

export function createSessionHistory(db: Db) {
  return {
    async of(sessionId: string): Promise<SessionHistory> {
      const [rows, events] = await Promise.all([
        db
          .select({ at: meterSamples.at, measurand: meterSamples.measurand, phase: meterSamples.phase, location: meterSamples.location, value: meterSamples.value, unit: meterSamples.unit })
          .from(meterSamples)
          .where(and(eq(meterSamples.sessionId, sessionId), inArray(meterSamples.measurand, [ENERGY_REGISTER, POWER, CURRENT])))
          .orderBy(asc(meterSamples.at)),
        db
          .select({ at: sessionEvents.at, state: sessionEvents.chargingState })
          .from(sessionEvents)
          .where(and(eq(sessionEvents.sessionId, sessionId), isNotNull(sessionEvents.chargingState)))
          .orderBy(asc(sessionEvents.at), asc(sessionEvents.id)),
      ]);
      const instants = new Map<number, NormalizedSample[]>();
      for (const r of rows) {
        const decimal = parseDecimal(r.value);
        if (!decimal) continue;
        const k = r.at.getTime();
        const list = instants.get(k) ?? [];
        list.push({ ...r, context: null, decimal });
        instants.set(k, list);
      }
      const out: SessionHistory = { registers: [], power: [], current: [], states: [] };
      for (const [ms, group] of instants) {
        const at = new Date(ms);
        const register = totalOf(group, ENERGY_REGISTER);
        if (register) out.registers.push({ at, wh: Number(roundToInteger(register)) });
        const power = totalOf(group, POWER);
        if (power) out.power.push({ at, w: toText(power) });
        const current = totalOf(group, CURRENT);
        if (current) out.current.push({ at, a: toText(current) });
      }
      out.states = events.map((e) => ({ at: e.at, state: e.state as ChargingState }));
      return out;
    },
  };
}

export type SessionHistoryQuery = ReturnType<typeof createSessionHistory>;

/** Completed sessions last changed in a window (billing's safety net for CDRs its events missed). */
export function createEndedSessionsQuery(db: Db) {
  return async (from: Date, to: Date, limit: number) =>
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.status, 'completed'), gte(sessions.updatedAt, from), lte(sessions.updatedAt, to)))
      .orderBy(asc(sessions.updatedAt))
      .limit(limit);
}
