/**
 * The pricing engine: a pure function from a tariff and a session's timeline to its cost,
 * per dimension, excluding and including VAT, with OCPI-style charging periods. No I/O, no
 * clock, no floats. The rules, in order (docs/adr/0008-pricing-rules.md):
 *
 * 1. The timeline is cut wherever an element could start or stop applying (a local time of
 *    day, midnight, a session duration, a cumulative energy, the end of a plan's included
 *    energy); energy within a period is taken to flow evenly, so a cut splits it exactly.
 * 2. For each stretch and dimension, the first element whose restrictions match and that
 *    prices the dimension applies (OCPI 2.2.1 Tariff object); none means free.
 * 3. step_size rounds up each run of one element's use of a dimension (ENERGY in Wh, TIME and
 *    PARKING_TIME in seconds); FLAT is charged once, by the first element that has one.
 * 4. Each line's amount excl. VAT is exact until it is rounded once, half away from zero, to
 *    the currency's minor unit. VAT is computed once per rate on the sum of that rate's lines.
 * 5. min_price / max_price bound the total excl. VAT with an adjustment line.
 */
import { durationCuts, energyCuts, localCuts, matches, type Moment, usesLocalTime } from './restrictions.ts';
import { localParts } from './local-time.ts';
import { max, min, ONE, Q, ZERO } from './rational.ts';
import type { Dimension, Tariff } from './tariff.ts';
import { exponent } from '../money.ts';

export interface Period {
  /** Station time, ms since the epoch. */
  start: number;
  end: number;
  charging: boolean;
  energyWh: Q;
  /** Measured power at the start of the period, W; else its average power is used. */
  powerW?: Q | null;
  currentA?: Q | null;
}

export interface Timeline {
  startedAt: number;
  timeZone: string;
  periods: Period[];
}

export interface PricingOptions {
  /** Energy a subscription plan still includes: the session's first Wh up to this are free. */
  includedWh?: Q;
}

export interface CostLine {
  type: Dimension | 'MIN_PRICE' | 'MAX_PRICE';
  element: number | null;
  unitPrice: Q | null;
  vat: Q | null;
  /** Billed volume: Wh for ENERGY, ms for TIME and PARKING_TIME, 1 for FLAT. */
  volume: Q;
  exclVat: bigint;
}

export interface VatLine {
  rate: Q | null;
  base: bigint;
  amount: bigint;
}

export interface ChargingPeriod {
  start: Q;
  end: Q;
  charging: boolean;
  energyWh: Q;
  /** The element index applied per dimension in this period (absent: free). */
  elements: Partial<Record<Dimension, number>>;
}

export interface Cost {
  tariffId: string;
  currency: string;
  lines: CostLine[];
  vat: VatLine[];
  totalExclVat: bigint;
  totalVat: bigint;
  totalInclVat: bigint;
  energyWh: Q;
  chargingMs: Q;
  parkingMs: Q;
  includedWh: Q;
  periods: ChargingPeriod[];
}

interface Segment {
  start: Q;
  end: Q;
  charging: boolean;
  energy: Q;
  freeEnergy: Q;
  moment: Moment;
  active: Partial<Record<Dimension, number>>;
}

const UNIT: Record<Dimension, Q> = { ENERGY: Q.of(1000), TIME: Q.of(3_600_000), PARKING_TIME: Q.of(3_600_000), FLAT: ONE };
const STEP_UNIT: Record<Dimension, bigint> = { ENERGY: 1n, TIME: 1000n, PARKING_TIME: 1000n, FLAT: 1n };
const timed: Dimension[] = ['ENERGY', 'TIME', 'PARKING_TIME'];

/** Cuts one period at every instant where an element may switch; energy splits in proportion to time. */
function cutPeriod(t: Tariff, tl: Timeline, p: Period, cumulativeWh: Q, o: PricingOptions, local: boolean): Segment[] {
  const start = Q.of(p.start);
  const end = Q.of(p.end);
  const length = end.sub(start);
  const cuts: Q[] = [];
  const inside = (q: Q) => q.gt(start) && q.lt(end);
  if (local) for (const ms of localCuts(t, p.start, p.end, tl.timeZone)) cuts.push(Q.of(ms));
  for (const d of durationCuts(t)) cuts.push(Q.of(tl.startedAt + d));
  const thresholds = [...energyCuts(t), ...(o.includedWh ? [o.includedWh] : [])];
  if (!p.energyWh.isZero()) {
    for (const wh of thresholds) {
      if (wh.gt(cumulativeWh) && wh.lt(cumulativeWh.add(p.energyWh))) cuts.push(start.add(wh.sub(cumulativeWh).div(p.energyWh).mul(length)));
    }
  }
  const points = [start, ...cuts.filter(inside).sort((a, b) => a.cmp(b)), end].filter((q, i, all) => i === 0 || !q.eq(all[i - 1]!));
  const power = p.powerW ?? (length.isZero() ? ZERO : p.energyWh.mul(Q.of(3_600_000)).div(length));
  const out: Segment[] = [];
  let cum = cumulativeWh;
  for (let i = 0; i < Math.max(1, points.length - 1); i++) {
    const a = points[i]!;
    const b = points[i + 1] ?? a;
    const energy = length.isZero() ? p.energyWh : p.energyWh.mul(b.sub(a)).div(length);
    const included = o.includedWh ?? ZERO;
    const freeEnergy = max(ZERO, min(cum.add(energy), included).sub(cum));
    const moment: Moment = {
      local: local ? localParts(Number(a.floor()), tl.timeZone) : null,
      elapsedMs: a.sub(Q.of(tl.startedAt)),
      cumulativeWh: cum,
      powerW: p.charging ? power : ZERO,
      currentA: p.currentA ?? null,
    };
    out.push({ start: a, end: b, charging: p.charging, energy, freeEnergy, moment, active: {} });
    cum = cum.add(energy);
  }
  return out;
}

function activeElement(t: Tariff, dim: Dimension, m: Moment): number | undefined {
  const i = t.elements.findIndex((e) => e.components.some((c) => c.type === dim) && matches(e.restrictions, m));
  return i < 0 ? undefined : i;
}

function volumeOf(dim: Dimension, s: Segment): Q {
  if (dim === 'ENERGY') return s.energy.sub(s.freeEnergy);
  const d = s.end.sub(s.start);
  if (dim === 'TIME') return s.charging ? d : ZERO;
  return s.charging ? ZERO : d;
}

function roundUp(v: Q, step: number, dim: Dimension): Q {
  if (step <= 0) return v;
  const unit = BigInt(step) * STEP_UNIT[dim];
  return Q.of(v.div(new Q(unit)).ceil() * unit);
}

/** The cost of a session by a tariff. `timeline.periods` are in time order and do not overlap. */
export function price(t: Tariff, tl: Timeline, o: PricingOptions = {}): Cost {
  const local = usesLocalTime(t);
  const segments: Segment[] = [];
  let cum = ZERO;
  const periods = tl.periods.length ? tl.periods : [{ start: tl.startedAt, end: tl.startedAt, charging: true, energyWh: ZERO }];
  for (const p of periods) {
    for (const s of cutPeriod(t, tl, p, cum, o, local)) segments.push(s);
    cum = cum.add(p.energyWh);
  }
  for (const s of segments) for (const dim of [...timed, 'FLAT' as const]) {
    const i = activeElement(t, dim, s.moment);
    if (i !== undefined) s.active[dim] = i;
  }

  // Billed volume per (dimension, element): each run of one element is rounded up by its step_size.
  const billed = new Map<string, { dim: Dimension; element: number; volume: Q }>();
  const bill = (dim: Dimension, element: number, volume: Q) => {
    const key = `${dim}/${element}`;
    const line = billed.get(key) ?? { dim, element, volume: ZERO };
    const step = t.elements[element]!.components.find((c) => c.type === dim)!.stepSize;
    line.volume = line.volume.add(roundUp(volume, step, dim));
    billed.set(key, line);
  };
  for (const dim of timed) {
    let run: { element: number; volume: Q } | null = null;
    for (const s of segments) {
      const e = s.active[dim];
      if (run && run.element !== e) {
        if (!run.volume.isZero()) bill(dim, run.element, run.volume);
        run = null;
      }
      if (e === undefined) continue;
      run ??= { element: e, volume: ZERO };
      run.volume = run.volume.add(volumeOf(dim, s));
    }
    if (run && !run.volume.isZero()) bill(dim, run.element, run.volume);
  }
  const flat = segments.find((s) => s.active.FLAT !== undefined)?.active.FLAT;
  if (flat !== undefined) billed.set(`FLAT/${flat}`, { dim: 'FLAT', element: flat, volume: ONE });

  const scale = new Q(10n ** BigInt(exponent(t.currency)));
  const lines: CostLine[] = [...billed.values()]
    .sort((a, b) => a.element - b.element || a.dim.localeCompare(b.dim))
    .map(({ dim, element, volume }) => {
      const c = t.elements[element]!.components.find((x) => x.type === dim)!;
      return { type: dim, element, unitPrice: c.price, vat: c.vat, volume, exclVat: c.price.mul(volume).div(UNIT[dim]).mul(scale).round() };
    });
  clamp(t, lines, scale);
  const vat = vatLines(lines);
  const totalExclVat = lines.reduce((a, l) => a + l.exclVat, 0n);
  const totalVat = vat.reduce((a, v) => a + v.amount, 0n);
  return {
    tariffId: t.id,
    currency: t.currency,
    lines,
    vat,
    totalExclVat,
    totalVat,
    totalInclVat: totalExclVat + totalVat,
    energyWh: cum,
    chargingMs: segments.reduce((a, s) => a.add(volumeOf('TIME', s)), ZERO),
    parkingMs: segments.reduce((a, s) => a.add(volumeOf('PARKING_TIME', s)), ZERO),
    includedWh: segments.reduce((a, s) => a.add(s.freeEnergy), ZERO),
    periods: chargingPeriods(segments),
  };
}

/** min_price and max_price bound the total excl. VAT; the adjustment takes the VAT rate of the largest line. */
function clamp(t: Tariff, lines: CostLine[], scale: Q): void {
  const total = lines.reduce((a, l) => a + l.exclVat, 0n);
  const minMinor = t.minPrice?.mul(scale).round();
  const maxMinor = t.maxPrice?.mul(scale).round();
  let target: bigint | null = null;
  let type: CostLine['type'] = 'MIN_PRICE';
  if (minMinor !== undefined && total < minMinor) target = minMinor;
  if (maxMinor !== undefined && total > maxMinor) [target, type] = [maxMinor, 'MAX_PRICE'];
  if (target === null) return;
  const largest = [...lines].sort((a, b) => (b.exclVat > a.exclVat ? 1 : b.exclVat < a.exclVat ? -1 : 0))[0];
  const vat = largest ? largest.vat : (t.elements[0]?.components[0]?.vat ?? null);
  lines.push({ type, element: null, unitPrice: null, vat, volume: ONE, exclVat: target - total });
}

function vatLines(lines: CostLine[]): VatLine[] {
  const byRate = new Map<string, VatLine>();
  for (const l of lines) {
    const key = l.vat ? `${l.vat.n}/${l.vat.d}` : 'none';
    const v = byRate.get(key) ?? { rate: l.vat, base: 0n, amount: 0n };
    v.base += l.exclVat;
    byRate.set(key, v);
  }
  const hundred = Q.of(100);
  for (const v of byRate.values()) v.amount = v.rate ? new Q(v.base).mul(v.rate).div(hundred).round() : 0n;
  return [...byRate.values()];
}

/** OCPI charging periods: consecutive stretches with the same charging state and elements. */
function chargingPeriods(segments: Segment[]): ChargingPeriod[] {
  const out: ChargingPeriod[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.charging === s.charging && JSON.stringify(last.elements) === JSON.stringify(s.active) && last.end.eq(s.start)) {
      last.end = s.end;
      last.energyWh = last.energyWh.add(s.energy);
      continue;
    }
    if (s.end.eq(s.start) && segments.length > 1) continue;
    out.push({ start: s.start, end: s.end, charging: s.charging, energyWh: s.energy, elements: { ...s.active } });
  }
  return out;
}
