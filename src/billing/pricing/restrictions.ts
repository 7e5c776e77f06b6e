/**
 * When a TariffElement applies (OCPI 2.2.1 TariffRestrictions), and where in a session an
 * element can start or stop applying. Lower bounds are inclusive and upper bounds exclusive,
 * for every restriction: 17:00 belongs to an element from 17:00, 20 kWh to one from 20 kWh,
 * as OCPI's "valid from" and "valid until (exclusive)" read.
 */
import { addDays, instantOf, type LocalParts, localParts } from './local-time.ts';
import { Q } from './rational.ts';
import type { Restrictions, Tariff } from './tariff.ts';

/** What a restriction is judged on, at the start of a stretch of a session. */
export interface Moment {
  local: LocalParts | null;
  /** Since the session started. */
  elapsedMs: Q;
  /** Energy delivered before this moment. */
  cumulativeWh: Q;
  powerW: Q;
  currentA: Q | null;
}

export function matches(r: Restrictions | null, m: Moment): boolean {
  if (!r) return true;
  if (r.reservation) return false;
  const local = m.local;
  if (local) {
    const s = r.startTimeMs;
    const e = r.endTimeMs;
    const t = local.msOfDay;
    if (s !== undefined && e !== undefined) {
      // An element from 22:00 to 06:00 runs over midnight.
      if (s < e && !(t >= s && t < e)) return false;
      if (s > e && !(t >= s || t < e)) return false;
    } else if (s !== undefined && t < s) return false;
    else if (e !== undefined && t >= e) return false;
    if (r.startDate && local.date < r.startDate) return false;
    if (r.endDate && local.date >= r.endDate) return false;
    if (r.days && !r.days.has(local.weekday)) return false;
  }
  if (r.minWh && m.cumulativeWh.lt(r.minWh)) return false;
  if (r.maxWh && !m.cumulativeWh.lt(r.maxWh)) return false;
  if (r.minPowerW && m.powerW.lt(r.minPowerW)) return false;
  if (r.maxPowerW && !m.powerW.lt(r.maxPowerW)) return false;
  // Without a current reading, an element that depends on current cannot be shown to apply.
  if (r.minCurrentA && (!m.currentA || m.currentA.lt(r.minCurrentA))) return false;
  if (r.maxCurrentA && (!m.currentA || !m.currentA.lt(r.maxCurrentA))) return false;
  if (r.minDurationMs !== undefined && m.elapsedMs.lt(Q.of(r.minDurationMs))) return false;
  if (r.maxDurationMs !== undefined && !m.elapsedMs.lt(Q.of(r.maxDurationMs))) return false;
  return true;
}

/** Whether any element depends on local time (so the site's zone must be consulted). */
export function usesLocalTime(t: Tariff): boolean {
  return t.elements.some((e) => e.restrictions && (e.restrictions.startTimeMs !== undefined || e.restrictions.endTimeMs !== undefined || e.restrictions.startDate || e.restrictions.endDate || e.restrictions.days));
}

/** Instants in (from, to) where a local-time restriction can switch: each boundary time on each local day, and midnight. */
export function localCuts(t: Tariff, from: number, to: number, tz: string): number[] {
  const times = new Set<number>([0]);
  for (const e of t.elements) {
    if (e.restrictions?.startTimeMs !== undefined) times.add(e.restrictions.startTimeMs);
    if (e.restrictions?.endTimeMs !== undefined) times.add(e.restrictions.endTimeMs);
  }
  const out: number[] = [];
  const last = addDays(localParts(to, tz).date, 1);
  for (let day = addDays(localParts(from, tz).date, -1); day <= last; day = addDays(day, 1)) {
    for (const ms of times) {
      const at = instantOf(day, ms, tz);
      if (at > from && at < to) out.push(at);
    }
  }
  return out;
}

/** Session offsets (ms) where a duration restriction switches. */
export function durationCuts(t: Tariff): number[] {
  const out: number[] = [];
  for (const e of t.elements) {
    if (e.restrictions?.minDurationMs !== undefined) out.push(e.restrictions.minDurationMs);
    if (e.restrictions?.maxDurationMs !== undefined) out.push(e.restrictions.maxDurationMs);
  }
  return out;
}

/** Cumulative energies (Wh) where an energy restriction switches. */
export function energyCuts(t: Tariff): Q[] {
  const out: Q[] = [];
  for (const e of t.elements) {
    if (e.restrictions?.minWh) out.push(e.restrictions.minWh);
    if (e.restrictions?.maxWh) out.push(e.restrictions.maxWh);
  }
  return out;
}
