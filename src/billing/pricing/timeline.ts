/**
 * A session's timeline for the pricing engine, from its history: periods between every
 * register reading, power or current reading and charging-state change, each charging or not,
 * with the energy the register moved in it. Pure: the reading is done by the sessions
 * capability. Charging vs not charging (OCPI TIME vs PARKING_TIME) is the charging state in
 * force (1.6 connector status, 2.x chargingState; Charging until told otherwise), and a
 * measured power of zero or less counts as not charging whatever the state says.
 */
import type { SessionHistory } from '../../sessions/index.ts';
import type { Period, Timeline } from './engine.ts';
import { max, Q, ZERO } from './rational.ts';

export interface TimelineInput {
  startedAt: Date;
  /** The session's end, or now for a running session. */
  end: Date;
  timeZone: string;
  history: SessionHistory;
}

function latest<T extends { at: Date }>(items: T[], ms: number): T | undefined {
  let found: T | undefined;
  for (const x of items) {
    if (x.at.getTime() > ms) break;
    found = x;
  }
  return found;
}

/** The register at an instant, linear between readings, flat before the first and after the last. */
function registerAt(regs: SessionHistory['registers'], ms: number): Q {
  if (regs.length === 0) return ZERO;
  let prev = regs[0]!;
  if (ms <= prev.at.getTime()) return Q.of(prev.wh);
  for (const r of regs) {
    const t = r.at.getTime();
    if (t >= ms) {
      if (t === ms) return Q.of(r.wh);
      const p = prev.at.getTime();
      return Q.of(prev.wh).add(Q.of(r.wh - prev.wh).mul(Q.of(ms - p)).div(Q.of(t - p)));
    }
    prev = r;
  }
  return Q.of(prev.wh);
}

/** What the register moved from its first reading to its last. */
const wholeRegister = (regs: SessionHistory['registers']): Q => (regs.length < 2 ? ZERO : Q.of(regs[regs.length - 1]!.wh - regs[0]!.wh));

export function timelineOf(input: TimelineInput): Timeline {
  const { history: h } = input;
  const start = input.startedAt.getTime();
  const end = Math.max(start, input.end.getTime());
  const points = new Set<number>([start, end]);
  for (const list of [h.registers, h.power, h.current, h.states]) {
    for (const x of list) {
      const t = x.at.getTime();
      if (t > start && t < end) points.add(t);
    }
  }
  const sorted = [...points].sort((a, b) => a - b);
  // A session that starts and stops at the same instant (a station clock set far ahead is
  // replaced by the receive time) still delivered what its register moved: one instant period.
  if (sorted.length === 1) sorted.push(start);
  const periods: Period[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const state = latest(h.states, a)?.state ?? 'Charging';
    const power = latest(h.power, a);
    const current = latest(h.current, a);
    const powerW = power ? Q.parse(power.w) : null;
    const charging = state === 'Charging' && !(powerW && !powerW.gt(ZERO));
    periods.push({
      start: a,
      end: b,
      charging,
      // A register that runs backwards (a meter swap) adds nothing rather than a negative amount.
      energyWh: max(ZERO, a === b ? wholeRegister(h.registers) : registerAt(h.registers, b).sub(registerAt(h.registers, a))),
      powerW,
      currentA: current ? Q.parse(current.a) : null,
    });
  }
  return { startedAt: start, timeZone: input.timeZone, periods };
}
