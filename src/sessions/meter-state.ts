/**
 * What a session's meter samples add up to, as a pure fold: the first and last energy
 * register readings by the station's timestamp (not by arrival), the latest power and SoC.
 * Applying the same samples twice, or in any order, gives the same state, so retransmitted
 * and replayed meter values can never inflate energy.
 */
import { type Decimal, roundToInteger, toText } from './decimal.ts';
import { ENERGY_REGISTER, type NormalizedSample, POWER, SOC } from './measurands.ts';

export interface MeterState {
  /** Register at the start, in Wh (1.6 meterStart, or the earliest register sample). */
  meterStartWh: number | null;
  firstRegisterAt: Date | null;
  lastRegisterWh: number | null;
  lastRegisterAt: Date | null;
  /** Register at the stop, when the station said it (1.6 meterStop). */
  meterStopWh: number | null;
  powerW: string | null;
  powerAt: Date | null;
  socPercent: string | null;
  socAt: Date | null;
  lastSampleAt: Date | null;
}

export const emptyMeterState = (): MeterState => ({
  meterStartWh: null,
  firstRegisterAt: null,
  lastRegisterWh: null,
  lastRegisterAt: null,
  meterStopWh: null,
  powerW: null,
  powerAt: null,
  socPercent: null,
  socAt: null,
  lastSampleAt: null,
});

/**
 * The largest energy register Straumur believes, in Wh: 1 TWh, a megawatt charger running
 * for a century. An import register is never negative either. A reading outside 0..this is
 * a broken meter or a hostile station: it is kept in the message log, never as a session's
 * energy (docs/adr/0028).
 */
export const MAX_REGISTER_WH = 1_000_000_000_000;

export const isPlausibleRegister = (wh: number | bigint): boolean =>
  (typeof wh === 'bigint' || Number.isSafeInteger(wh)) && wh >= 0 && wh <= MAX_REGISTER_WH;

const OUTLET = new Set(['', 'Outlet']);
const PHASES = new Set(['L1', 'L2', 'L3']);

function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const up = (d: Decimal) => d.digits * 10n ** BigInt(scale - d.scale);
  return { digits: up(a) + up(b), scale };
}

/**
 * The total of one measurand at one instant: the value without a phase when the station sent
 * one, otherwise the sum of L1, L2 and L3 (at the outlet).
 */
export function totalOf(samples: NormalizedSample[], measurand: string): Decimal | null {
  const here = samples.filter((s) => s.measurand === measurand && OUTLET.has(s.location));
  const whole = here.find((s) => s.phase === '');
  if (whole) return whole.decimal;
  const phases = here.filter((s) => PHASES.has(s.phase));
  if (phases.length === 0) return null;
  return phases.map((s) => s.decimal).reduce(add);
}

/** Groups samples by timestamp. */
function byInstant(samples: NormalizedSample[]): Map<number, NormalizedSample[]> {
  const out = new Map<number, NormalizedSample[]>();
  for (const s of samples) {
    const k = s.at.getTime();
    const list = out.get(k);
    if (list) list.push(s);
    else out.set(k, [s]);
  }
  return out;
}

export function applySamples(state: MeterState, samples: NormalizedSample[]): MeterState {
  const next = { ...state };
  for (const [ms, group] of byInstant(samples)) {
    const at = new Date(ms);
    if (!next.lastSampleAt || at > next.lastSampleAt) next.lastSampleAt = at;
    const register = totalOf(group, ENERGY_REGISTER);
    const rounded = register ? roundToInteger(register) : null;
    if (rounded !== null && isPlausibleRegister(rounded)) {
      const wh = Number(rounded);
      if (!next.firstRegisterAt || at < next.firstRegisterAt) {
        next.firstRegisterAt = at;
        next.meterStartWh = wh;
      }
      if (!next.lastRegisterAt || at >= next.lastRegisterAt) {
        next.lastRegisterAt = at;
        next.lastRegisterWh = wh;
      }
    }
    const power = totalOf(group, POWER);
    if (power && (!next.powerAt || at >= next.powerAt)) {
      next.powerAt = at;
      next.powerW = toText(power);
    }
    const soc = totalOf(group, SOC);
    if (soc && (!next.socAt || at >= next.socAt)) {
      next.socAt = at;
      next.socPercent = toText(soc);
    }
  }
  return next;
}

/** Energy delivered so far, in whole Wh, never negative. */
export function energyWh(s: MeterState): number {
  const end = s.meterStopWh ?? s.lastRegisterWh;
  if (s.meterStartWh === null || end === null) return 0;
  return Math.max(0, end - s.meterStartWh);
}
