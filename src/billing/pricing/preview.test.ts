import assert from 'node:assert/strict';
import { test } from 'node:test';
import { price } from './engine.ts';
import { exampleTimeline } from './preview.ts';
import { parseTariff } from './tariff.ts';

const tariff = (body: object) => {
  const r = parseTariff('t', body as never);
  if (!r.ok) throw new Error(r.message);
  return r.tariff;
};

test('an example session is priced for its energy, its charging time and its parking time', () => {
  const t = tariff({
    currency: 'ISK',
    elements: [
      {
        price_components: [
          { type: 'ENERGY', price: 60, vat: 24, step_size: 1 },
          { type: 'PARKING_TIME', price: 600, vat: 24, step_size: 60 },
        ],
      },
    ],
  });
  const tl = exampleTimeline({ startAt: new Date('2026-05-04T12:00:00Z'), chargingMin: 60, parkingMin: 30, energyWh: 20_000, timeZone: 'Atlantic/Reykjavik' });
  const cost = price(t, tl);
  // 20 kWh × 60 = 1200, 0.5 h × 600 = 300 excl. VAT; ISK has no minor unit.
  assert.equal(cost.totalExclVat, 1500n);
  assert.equal(cost.totalInclVat, 1860n);
});

test('no parking makes no parking period', () => {
  const tl = exampleTimeline({ startAt: new Date(0), chargingMin: 10, parkingMin: 0, energyWh: 1000, timeZone: 'UTC' });
  assert.equal(tl.periods.length, 1);
  assert.equal(tl.periods[0]?.charging, true);
});
