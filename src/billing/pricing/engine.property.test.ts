/**
 * Properties of the pricing engine (fast-check): a timeline split anywhere costs the same;
 * cost never falls when energy or time grows; restrictions switch exactly at their boundaries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Period, price, type Timeline } from './engine.ts';
import { Q } from './rational.ts';
import { daysOfWeek, parseTariff, type Tariff, type TariffBody } from './tariff.ts';
import { exponent } from '../money.ts';

const BASE = Date.parse('2026-03-28T20:00:00Z'); // spans the Berlin daylight-saving change
const HOUR = 3_600_000;
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const priceText = fc.integer({ min: 0, max: 9999 }).map((c) => (c / 100).toFixed(2));

function restrictions(energyAndPower: boolean) {
  const time = fc.record(
    {
      start_time: hhmm,
      end_time: hhmm,
      day_of_week: fc.subarray([...daysOfWeek], { minLength: 1 }),
      min_duration: fc.integer({ min: 0, max: 6 * 3600 }),
      max_duration: fc.integer({ min: 0, max: 12 * 3600 }),
    },
    { requiredKeys: [] },
  );
  if (!energyAndPower) return time;
  return fc.record(
    {
      start_time: hhmm,
      end_time: hhmm,
      min_kwh: fc.integer({ min: 0, max: 60 }),
      max_kwh: fc.integer({ min: 1, max: 80 }),
      min_power: fc.integer({ min: 0, max: 50 }),
      max_power: fc.integer({ min: 1, max: 150 }),
      min_duration: fc.integer({ min: 0, max: 6 * 3600 }),
    },
    { requiredKeys: [] },
  );
}

/** Random tariffs; `vat` fixes one VAT rate for all components (needed for incl.-VAT monotonicity). */
function tariffs(o: { energyAndPower: boolean; vat?: number }): fc.Arbitrary<Tariff> {
  const component = fc.record({
    type: fc.constantFrom('ENERGY', 'TIME', 'PARKING_TIME', 'FLAT' as const),
    price: priceText,
    vat: o.vat !== undefined ? fc.constant(o.vat) : fc.constantFrom(0, 11, 20, 24),
    step_size: fc.constantFrom(0, 1, 60, 300, 1000),
  });
  const element = fc.record({
    price_components: fc.array(component, { minLength: 1, maxLength: 3 }),
    restrictions: fc.option(restrictions(o.energyAndPower), { nil: undefined }),
  });
  return fc
    .record({
      currency: fc.constantFrom('EUR', 'ISK', 'JPY', 'BHD'),
      elements: fc.array(element, { minLength: 1, maxLength: 4 }),
      min_price: fc.option(fc.record({ excl_vat: priceText }), { nil: undefined }),
      max_price: fc.option(fc.record({ excl_vat: fc.integer({ min: 10_000, max: 99_999 }).map((c) => (c / 100).toFixed(2)) }), { nil: undefined }),
    })
    .map((b) => {
      const r = parseTariff('P', b as TariffBody);
      if (!r.ok) throw new Error(r.message);
      return r.tariff;
    });
}

const periodArb = fc.record({
  minutes: fc.integer({ min: 0, max: 240 }),
  wh: fc.integer({ min: 0, max: 40_000 }),
  charging: fc.boolean(),
  powerW: fc.option(fc.integer({ min: 0, max: 150_000 }), { nil: undefined }),
});

const timelines = fc
  .tuple(fc.integer({ min: 0, max: 48 * 60 }), fc.array(periodArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('Europe/Berlin', 'Atlantic/Reykjavik', 'America/New_York'))
  .map(([offset, ps, timeZone]): Timeline => {
    let t = BASE + offset * 60_000;
    const startedAt = t;
    const periods: Period[] = ps.map((p) => {
      const start = t;
      t += p.minutes * 60_000;
      return { start, end: t, charging: p.charging, energyWh: Q.of(p.charging ? p.wh : 0), powerW: p.powerW === undefined ? null : Q.of(p.powerW) };
    });
    return { startedAt, timeZone, periods };
  });

const summary = (t: Tariff, tl: Timeline) => {
  const c = price(t, tl);
  return { excl: c.totalExclVat, vat: c.totalVat, incl: c.totalInclVat, lines: c.lines.map((l) => `${l.type}/${l.element}/${l.exclVat}`) };
};

describe('pricing properties', () => {
  it('splitting a period anywhere (energy in proportion) leaves every line unchanged', () => {
    fc.assert(
      fc.property(tariffs({ energyAndPower: true }), timelines, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (t, tl, which, where) => {
        const i = which % tl.periods.length;
        const p = tl.periods[i]!;
        const cut = p.start + Math.floor((p.end - p.start) * where);
        fc.pre(cut > p.start && cut < p.end);
        const share = Q.of(cut - p.start).div(Q.of(p.end - p.start));
        const first = { ...p, end: cut, energyWh: p.energyWh.mul(share) };
        const second = { ...p, start: cut, energyWh: p.energyWh.sub(first.energyWh) };
        const split = { ...tl, periods: [...tl.periods.slice(0, i), first, second, ...tl.periods.slice(i + 1)] };
        assert.deepEqual(summary(t, split), summary(t, tl));
      }),
      { numRuns: 300 },
    );
  });

  it('appending time or energy at the end never lowers the cost', () => {
    fc.assert(
      fc.property(tariffs({ energyAndPower: true, vat: 20 }), timelines, periodArb, (t, tl, extra) => {
        const last = tl.periods[tl.periods.length - 1]!;
        const more: Period = { start: last.end, end: last.end + extra.minutes * 60_000, charging: extra.charging, energyWh: Q.of(extra.charging ? extra.wh : 0) };
        const before = summary(t, tl);
        const after = summary(t, { ...tl, periods: [...tl.periods, more] });
        assert.ok(after.excl >= before.excl, `excl ${before.excl} -> ${after.excl}`);
        assert.ok(after.incl >= before.incl, `incl ${before.incl} -> ${after.incl}`);
      }),
      { numRuns: 300 },
    );
  });

  it('more energy in any period never lowers the cost (restrictions not on energy or power)', () => {
    fc.assert(
      fc.property(tariffs({ energyAndPower: false, vat: 24 }), timelines, fc.nat(), fc.integer({ min: 1, max: 20_000 }), (t, tl, which, wh) => {
        const i = which % tl.periods.length;
        const grown = tl.periods.map((p, j) => (j === i ? { ...p, charging: true, energyWh: p.energyWh.add(Q.of(wh)) } : p));
        const ungrown = tl.periods.map((p, j) => (j === i ? { ...p, charging: true } : p));
        const before = summary(t, { ...tl, periods: ungrown });
        const after = summary(t, { ...tl, periods: grown });
        assert.ok(after.excl >= before.excl && after.incl >= before.incl);
      }),
      { numRuns: 300 },
    );
  });

  it('a time-of-day restriction switches exactly at its local boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 22 }),
        fc.integer({ min: 1, max: 180 }),
        fc.integer({ min: 1, max: 180 }),
        fc.integer({ min: 1, max: 90_000 }),
        fc.constantFrom('Europe/Berlin', 'Atlantic/Reykjavik', 'Asia/Tokyo'),
        (hour, before, after, wh, tz) => {
          // Only the boundary at `hour`:00 is crossed, not midnight (where "from hh:00" starts again).
          fc.pre(before <= hour * 60 && after < (24 - hour) * 60);
          const body: TariffBody = {
            currency: 'EUR',
            elements: [
              { price_components: [{ type: 'ENERGY', price: '0.77', step_size: 0 }, { type: 'TIME', price: '3.30', step_size: 0 }], restrictions: { start_time: `${String(hour).padStart(2, '0')}:00` } },
              { price_components: [{ type: 'ENERGY', price: '0.21', step_size: 0 }, { type: 'TIME', price: '1.10', step_size: 0 }] },
            ],
          };
          const r = parseTariff('B', body);
          assert.ok(r.ok);
          // The boundary: `hour`:00 local on 2026-06-10.
          const boundary = Date.parse(new Date(`2026-06-10T${String(hour).padStart(2, '0')}:00:00Z`).toISOString()) - tzOffset(tz);
          const start = boundary - before * 60_000;
          const end = boundary + after * 60_000;
          const c = price(r.tariff, { startedAt: start, timeZone: tz, periods: [{ start, end, charging: true, energyWh: Q.of(wh) }] });
          const total = Q.of(end - start);
          const eBefore = Q.of(wh).mul(Q.of(before * 60_000)).div(total);
          const eAfter = Q.of(wh).sub(eBefore);
          const scale = Q.of(10 ** exponent('EUR'));
          const expected =
            Q.parse('0.21')!.mul(eBefore).div(Q.of(1000)).mul(scale).round() +
            Q.parse('0.77')!.mul(eAfter).div(Q.of(1000)).mul(scale).round() +
            Q.parse('1.10')!.mul(Q.of(before * 60_000)).div(Q.of(HOUR)).mul(scale).round() +
            Q.parse('3.30')!.mul(Q.of(after * 60_000)).div(Q.of(HOUR)).mul(scale).round();
          assert.equal(c.totalExclVat, expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('energy and duration restrictions switch exactly at their thresholds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 60, max: 4 * HOUR }), (kwh, wh, ms) => {
        const r = parseTariff('E', {
          currency: 'EUR',
          elements: [
            { price_components: [{ type: 'ENERGY', price: '0.90', step_size: 0 }], restrictions: { min_kwh: kwh } },
            { price_components: [{ type: 'ENERGY', price: '0.40', step_size: 0 }] },
          ],
        });
        assert.ok(r.ok);
        const c = price(r.tariff, { startedAt: 0, timeZone: 'UTC', periods: [{ start: 0, end: ms, charging: true, energyWh: Q.of(wh) }] });
        const cheap = Math.min(wh, kwh * 1000);
        const dear = wh - cheap;
        const expected = Q.parse('0.40')!.mul(Q.of(cheap)).div(Q.of(10)).round() + Q.parse('0.90')!.mul(Q.of(dear)).div(Q.of(10)).round();
        assert.equal(c.totalExclVat, expected);
      }),
      { numRuns: 200 },
    );
  });
});

/** The zone's UTC offset on 2026-06-10 (no zone in the test changes offset that day). */
function tzOffset(tz: string): number {
  const noon = Date.parse('2026-06-10T12:00:00Z');
  const f = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(noon).map((p) => [p.type, p.value]));
  return Date.UTC(Number(f.year), Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute)) - noon;
}
