/**
 * A session's energy spread over the hours it was delivered in. Between two register
 * readings energy flows evenly (the rule billing prices by, ADR 8); a register that runs
 * backwards adds nothing. Each hour gets the rounded cumulative energy at its end minus that
 * at its start, so the hours add up exactly to the session's energyWh. A session without two
 * readings spreads its energy evenly from start to end. Exact integer arithmetic throughout.
 */
import type { SessionSpan } from './timeline.ts';

const HOUR = 3_600_000;

/** Half away from zero, for non-negative rationals n/d. */
const roundDiv = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

interface Curve {
  /** Times (ms) and cumulative energy there (before scaling). */
  t: number[];
  c: bigint[];
  total: bigint;
}

function curveOf(s: SessionSpan): Curve | null {
  const byTime = new Map<number, number>();
  for (const r of s.registers) byTime.set(r.at, r.wh);
  const points = [...byTime].sort((a, b) => a[0] - b[0]);
  if (points.length >= 2) {
    const t = [points[0]![0]];
    const c = [0n];
    for (let i = 1; i < points.length; i++) {
      t.push(points[i]![0]);
      c.push(c[i - 1]! + BigInt(Math.max(0, points[i]![1] - points[i - 1]![1])));
    }
    const total = c[c.length - 1]!;
    if (total > 0n) return { t, c, total };
  }
  if (s.energyWh <= 0) return null;
  return { t: [s.startedAt, Math.max(s.startedAt, s.endsAt)], c: [0n, BigInt(s.energyWh)], total: BigInt(s.energyWh) };
}

/** Cumulative energy at `at`, scaled so the curve ends at the session's energyWh, rounded. */
function cumulativeAt(k: Curve, energy: bigint, at: number): bigint {
  const last = k.t.length - 1;
  if (at <= k.t[0]!) return 0n;
  if (at >= k.t[last]!) return energy;
  let i = 0;
  while (k.t[i + 1]! < at) i++;
  const dt = BigInt(k.t[i + 1]! - k.t[i]!);
  const num = (k.c[i]! * dt + (k.c[i + 1]! - k.c[i]!) * BigInt(at - k.t[i]!)) * energy;
  return roundDiv(num, dt * k.total);
}

/** Energy (Wh) per UTC hour start (ms). */
export function energyByHour(s: SessionSpan): Map<number, number> {
  const out = new Map<number, number>();
  const k = curveOf(s);
  if (!k) return out;
  const energy = BigInt(Math.max(0, s.energyWh));
  const first = k.t[0]!;
  const last = k.t[k.t.length - 1]!;
  if (first === last) {
    out.set(Math.floor(first / HOUR) * HOUR, Number(energy));
    return out;
  }
  for (let h = Math.floor(first / HOUR) * HOUR; h < last; h += HOUR) {
    const wh = cumulativeAt(k, energy, h + HOUR) - cumulativeAt(k, energy, h);
    if (wh !== 0n) out.set(h, Number(wh));
  }
  return out;
}
