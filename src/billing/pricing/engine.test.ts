/** Worked examples priced by hand: each expected amount is computed in the comment beside it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMinor } from '../money.ts';
import { type Cost, type Period, price } from './engine.ts';
import { Q } from './rational.ts';
import { parseTariff, type TariffBody } from './tariff.ts';

const tariff = (body: TariffBody) => {
  const r = parseTariff('T', body);
  if (!r.ok) throw new Error(r.message);
  return r.tariff;
};
const at = (iso: string) => Date.parse(iso);
const period = (from: string, to: string, wh: number | Q, charging = true, extra: Partial<Period> = {}): Period => ({
  start: at(from),
  end: at(to),
  charging,
  energyWh: typeof wh === 'number' ? Q.of(wh) : wh,
  ...extra,
});
const totals = (c: Cost) => [formatMinor(c.totalExclVat, c.currency), formatMinor(c.totalVat, c.currency), formatMinor(c.totalInclVat, c.currency)];

describe('pricing worked examples', () => {
  it('energy only: 12.345 kWh at 0.31/kWh + 24% VAT', () => {
    const t = tariff({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.31, vat: 24, step_size: 1 }] }] });
    const c = price(t, { startedAt: at('2026-05-04T10:00:00Z'), timeZone: 'UTC', periods: [period('2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z', 12_345)] });
    // 12.345 × 0.31 = 3.82695 -> 3.83; VAT 3.83 × 24% = 0.9192 -> 0.92; 3.83 + 0.92 = 4.75
    assert.deepEqual(totals(c), ['3.83', '0.92', '4.75']);
  });

  it('energy + flat fee + idle time billed per started minute', () => {
    const t = tariff({
      currency: 'EUR',
      elements: [
        {
          price_components: [
            { type: 'FLAT', price: '1.00', vat: 20, step_size: 0 },
            { type: 'ENERGY', price: '0.40', vat: 20, step_size: 1 },
            { type: 'PARKING_TIME', price: '6.00', vat: 20, step_size: 60 },
          ],
        },
      ],
    });
    const c = price(t, {
      startedAt: at('2026-05-04T10:00:00Z'),
      timeZone: 'UTC',
      periods: [period('2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z', 20_000), period('2026-05-04T11:00:00Z', '2026-05-04T11:17:30Z', 0, false)],
    });
    // flat 1.00; energy 20 kWh × 0.40 = 8.00; parking 17.5 min -> 18 min × 6.00/h = 1.80
    // excl 10.80; VAT 20% = 2.16; incl 12.96
    assert.deepEqual(totals(c), ['10.80', '2.16', '12.96']);
    assert.deepEqual(
      c.lines.map((l) => [l.type, formatMinor(l.exclVat, 'EUR')]),
      [['ENERGY', '8.00'], ['FLAT', '1.00'], ['PARKING_TIME', '1.80']],
    );
    assert.equal(c.parkingMs.toFixed(0), String(17.5 * 60_000));
  });

  it('a time-of-day boundary crossed mid-session, in the site\'s local time (Berlin, summer)', () => {
    const t = tariff({
      currency: 'EUR',
      elements: [
        { price_components: [{ type: 'ENERGY', price: '0.50', vat: 19, step_size: 1 }], restrictions: { start_time: '17:00', end_time: '21:00' } },
        { price_components: [{ type: 'ENERGY', price: '0.30', vat: 19, step_size: 1 }] },
      ],
    });
    // 16:30 to 17:30 Berlin (CEST, UTC+2) is 14:30Z to 15:30Z; 10 kWh evenly: 5 kWh each side.
    const c = price(t, { startedAt: at('2026-05-04T14:30:00Z'), timeZone: 'Europe/Berlin', periods: [period('2026-05-04T14:30:00Z', '2026-05-04T15:30:00Z', 10_000)] });
    // 5 × 0.30 = 1.50 and 5 × 0.50 = 2.50: excl 4.00; VAT 19% 0.76; incl 4.76
    assert.deepEqual(totals(c), ['4.00', '0.76', '4.76']);
    assert.deepEqual(
      c.periods.map((p) => [new Date(Number(p.start.floor())).toISOString(), p.energyWh.toFixed(3), p.elements.ENERGY]),
      [['2026-05-04T14:30:00.000Z', '5000', 1], ['2026-05-04T15:00:00.000Z', '5000', 0]],
    );
  });

  it('min_price lifts a small session and max_price caps a large one', () => {
    const body = (extra: Partial<TariffBody>): TariffBody => ({
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: '0.30', vat: 20, step_size: 1 }] }],
      ...extra,
    });
    const one = (t: TariffBody, wh: number) =>
      price(tariff(t), { startedAt: at('2026-05-04T10:00:00Z'), timeZone: 'UTC', periods: [period('2026-05-04T10:00:00Z', '2026-05-04T12:00:00Z', wh)] });
    // 3 kWh × 0.30 = 0.90 < min 2.00 -> 2.00; VAT 0.40; incl 2.40
    const small = one(body({ min_price: { excl_vat: '2.00', incl_vat: '2.40' } }), 3000);
    assert.deepEqual(totals(small), ['2.00', '0.40', '2.40']);
    assert.deepEqual(small.lines.map((l) => [l.type, formatMinor(l.exclVat, 'EUR')]), [['ENERGY', '0.90'], ['MIN_PRICE', '1.10']]);
    // 50 kWh × 0.30 = 15.00 > max 10.00 -> 10.00; VAT 2.00; incl 12.00
    assert.deepEqual(totals(one(body({ max_price: { excl_vat: 10 } }), 50_000)), ['10.00', '2.00', '12.00']);
    // in between, neither applies: 20 kWh = 6.00
    assert.deepEqual(totals(one(body({ min_price: { excl_vat: 2 }, max_price: { excl_vat: 10 } }), 20_000)), ['6.00', '1.20', '7.20']);
  });

  it('ISK has no decimals: amounts are whole krónur, rounded once', () => {
    const t = tariff({
      currency: 'ISK',
      elements: [{ price_components: [{ type: 'FLAT', price: 150, vat: 24, step_size: 0 }, { type: 'ENERGY', price: 45, vat: 24, step_size: 1 }] }],
    });
    const c = price(t, { startedAt: at('2026-05-04T10:00:00Z'), timeZone: 'Atlantic/Reykjavik', periods: [period('2026-05-04T10:00:00Z', '2026-05-04T11:00:00Z', 23_456)] });
    // 23.456 kWh × 45 = 1055.52 -> 1056; flat 150; excl 1206; VAT 24% = 289.44 -> 289; incl 1495
    assert.deepEqual(totals(c), ['1206', '289', '1495']);
  });

  it('step_size rounds up each run of an element: OCPI 115.2 Wh billed as 116 Wh', () => {
    const t = tariff({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.25', step_size: 1 }] }] });
    const c = price(t, { startedAt: 0, timeZone: 'UTC', periods: [{ start: 0, end: 60_000, charging: true, energyWh: Q.parse('115.2')! }] });
    assert.equal(c.lines[0]!.volume.toFixed(3), '116');
    assert.deepEqual(totals(c), ['0.03', '0.00', '0.03'], '116 Wh × 0.25 = 0.029 -> 0.03; no VAT given, none charged');
  });

  it('plan energy is free up to the allowance, the rest at the tariff price', () => {
    const t = tariff({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.40', vat: 0, step_size: 1 }] }] });
    const c = price(t, { startedAt: 0, timeZone: 'UTC', periods: [{ start: 0, end: 3_600_000, charging: true, energyWh: Q.of(10_000) }] }, { includedWh: Q.of(7_500) });
    // 10 kWh - 7.5 included = 2.5 kWh × 0.40 = 1.00
    assert.deepEqual(totals(c), ['1.00', '0.00', '1.00']);
    assert.equal(c.includedWh.toFixed(0), '7500');
  });

  it('refuses tariffs it cannot price, with a sentence naming the field', () => {
    const r = parseTariff('x', { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 'abc', step_size: 1 }] }] });
    assert.deepEqual(r, { ok: false, message: 'elements[0].price_components[0].price is not a number' });
    const r2 = parseTariff('x', { currency: 'EUR', elements: [{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }], restrictions: { start_time: '25:00' } }] });
    assert.equal(r2.ok, false);
  });
});
