/**
 * What a port (station, EVSE, connector) did hour by hour, as a pure function of what the
 * station reported: presence (connected or not), connector statuses, the sessions on the
 * port with their charging states, and the uptime exclusions an operator recorded.
 *
 * A port is "up" when its station is connected and the connector is neither Faulted nor
 * Unavailable (Occupied and Reserved ports are up: in use). Time before the station was first
 * connected (commissioned) is not counted. Outage splits into offline (which hides the
 * status), faulted and unavailable; the part inside an exclusion is excluded (NEVI,
 * 23 CFR 680.116(b)).
 */
import { energyByHour } from './energy-curve.ts';

export const HOUR_MS = 3_600_000;

export interface StatusPoint {
  at: number;
  status: string;
  errorCode: string | null;
}

export interface SessionSpan {
  id: string;
  startedAt: number;
  /** Its end, or the refresh time while it runs. */
  endsAt: number;
  energyWh: number;
  registers: Array<{ at: number; wh: number }>;
  /** Charging-state changes (2.x chargingState, 1.6 connector statuses), by time. */
  states: Array<{ at: number; state: string }>;
}

export interface PortInput {
  evseId: number;
  connectorId: number;
  /** Whether outage is tracked for it (a real port, not a placeholder for sessions of unknown EVSE). */
  tracked: boolean;
  /** The status in force at the start of the range (null: none reported before). */
  initialStatus: StatusPoint | null;
  statuses: StatusPoint[];
  sessions: SessionSpan[];
}

export interface StationInput {
  /** First connection ever; null when it never connected. */
  commissionedAt: number | null;
  /** Connected at the start of the range (false when unknown). */
  initiallyConnected: boolean;
  presence: Array<{ at: number; connected: boolean }>;
  exclusions: Array<{ from: number; to: number; evseId: number | null }>;
}

export interface HourFacts {
  hour: number;
  energyWh: number;
  sessions: number;
  occupiedMs: number;
  chargingMs: number;
  offlineMs: number;
  faultedMs: number;
  unavailableMs: number;
  outageMs: number;
  excludedMs: number;
  /** Faults started and faulted time, per error code ('' when none was given). */
  faults: Map<string, { faults: number; faultedMs: number }>;
}

const emptyHour = (hour: number): HourFacts => ({
  hour,
  energyWh: 0,
  sessions: 0,
  occupiedMs: 0,
  chargingMs: 0,
  offlineMs: 0,
  faultedMs: 0,
  unavailableMs: 0,
  outageMs: 0,
  excludedMs: 0,
  faults: new Map(),
});

export const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** The last item at or before `t` in a list sorted by `at` (binary search). */
function lastAtOrBefore<T extends { at: number }>(list: T[], t: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at <= t) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Charging unless the session said otherwise (the rule billing prices by, ADR 8). */
function chargingAt(s: SessionSpan, t: number): boolean {
  return (lastAtOrBefore(s.states, t)?.state ?? 'Charging') === 'Charging';
}

/** A session's charging time over its whole span. */
export function chargingMsOf(s: SessionSpan): number {
  let total = 0;
  const cuts = [s.startedAt, ...s.states.map((x) => x.at).filter((t) => t > s.startedAt && t < s.endsAt), s.endsAt];
  for (let i = 0; i + 1 < cuts.length; i++) if (chargingAt(s, cuts[i]!)) total += cuts[i + 1]! - cuts[i]!;
  return total;
}

function faultStarts(port: PortInput, from: number): Array<{ at: number; code: string }> {
  const out: Array<{ at: number; code: string }> = [];
  let prev = port.initialStatus;
  for (const s of port.statuses) {
    if (s.status === 'Faulted' && (prev?.status !== 'Faulted' || (prev.errorCode ?? '') !== (s.errorCode ?? '')) && s.at >= from) {
      out.push({ at: s.at, code: s.errorCode ?? '' });
    }
    prev = s;
  }
  return out;
}

/**
 * The hours of [from, to) in which the port did anything worth a row (every hour boundary
 * and every change is a cut, so each stretch between cuts has one state).
 */
export function portHours(station: StationInput, port: PortInput, from: number, to: number): HourFacts[] {
  const hours = new Map<number, HourFacts>();
  const hourOf = (t: number) => {
    const h = floorHour(t);
    let f = hours.get(h);
    if (!f) hours.set(h, (f = emptyHour(h)));
    return f;
  };
  const statuses: StatusPoint[] = port.initialStatus ? [{ ...port.initialStatus, at: -Infinity }, ...port.statuses] : port.statuses;
  const presence = [{ at: -Infinity, connected: station.initiallyConnected }, ...station.presence];
  const exclusions = station.exclusions.filter((x) => x.evseId === null || x.evseId === port.evseId);

  const cuts = new Set<number>([from, to]);
  for (let h = floorHour(from) + HOUR_MS; h < to; h += HOUR_MS) cuts.add(h);
  const within = (t: number) => t > from && t < to && cuts.add(t);
  for (const s of port.statuses) within(s.at);
  for (const p of station.presence) within(p.at);
  for (const x of exclusions) (within(x.from), within(x.to));
  if (station.commissionedAt !== null) within(station.commissionedAt);
  for (const s of port.sessions) {
    within(s.startedAt);
    within(s.endsAt);
    for (const st of s.states) within(st.at);
  }
  const sorted = [...cuts].sort((a, b) => a - b);

  // Sessions by start, swept with the cuts: those begun join, those ended leave.
  const byStart = [...port.sessions].sort((x, y) => x.startedAt - y.startedAt);
  let next = 0;
  let running: SessionSpan[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const len = sorted[i + 1]! - a;
    const status = lastAtOrBefore(statuses, a);
    while (next < byStart.length && byStart[next]!.startedAt <= a) running.push(byStart[next++]!);
    if (running.length > 0) running = running.filter((s) => a < s.endsAt);
    const occupied = running.length > 0 || status?.status === 'Occupied';
    const charging = running.some((s) => chargingAt(s, a));
    const counted = port.tracked && station.commissionedAt !== null && a >= station.commissionedAt;
    const online = lastAtOrBefore(presence, a)?.connected ?? false;
    const faulted = online && status?.status === 'Faulted';
    const unavailable = online && status?.status === 'Unavailable';
    const outage = counted && (!online || faulted || unavailable);
    if (!occupied && !outage) continue;
    const f = hourOf(a);
    if (occupied) f.occupiedMs += len;
    if (charging) f.chargingMs += len;
    if (!outage) continue;
    f.outageMs += len;
    if (!online) f.offlineMs += len;
    else if (faulted) {
      f.faultedMs += len;
      const code = status?.errorCode ?? '';
      const c = f.faults.get(code) ?? { faults: 0, faultedMs: 0 };
      c.faultedMs += len;
      f.faults.set(code, c);
    } else f.unavailableMs += len;
    if (exclusions.some((x) => x.from <= a && a < x.to)) f.excludedMs += len;
  }

  const commissioned = station.commissionedAt;
  for (const fs of port.tracked && commissioned !== null ? faultStarts(port, from) : []) {
    if (fs.at >= to || fs.at < commissioned!) continue;
    const f = hourOf(fs.at);
    const c = f.faults.get(fs.code) ?? { faults: 0, faultedMs: 0 };
    c.faults += 1;
    f.faults.set(fs.code, c);
  }
  for (const s of port.sessions) {
    if (s.startedAt >= from && s.startedAt < to) hourOf(s.startedAt).sessions += 1;
    for (const [h, wh] of energyByHour(s)) if (h >= floorHour(from) && h < to && wh !== 0) hourOf(h).energyWh += wh;
  }
  return [...hours.values()].sort((x, y) => x.hour - y.hour);
}
