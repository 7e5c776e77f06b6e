/**
 * POST /api/v1/tariffs/preview prices an example session with a tariff that need not be
 * saved (the console's tariff editor), by the same engine as real sessions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/app.ts';

const tariff = {
  currency: 'ISK',
  elements: [
    {
      price_components: [
        { type: 'ENERGY', price: '60', vat: '24', step_size: 1 },
        { type: 'PARKING_TIME', price: '600', vat: '24', step_size: 60 },
      ],
    },
  ],
};
const session = { startAt: '2026-05-04T12:00:00Z', chargingMin: 60, parkingMin: 30, energyWh: 20_000 };

describe('tariff price preview', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer('pglite', { env: { BILLING_CURRENCY: 'ISK' } });
  });
  after(async () => s.close());

  test('an example session is priced in whole krónur, with its breakdown', async () => {
    const r = await s.api('POST', '/api/v1/tariffs/preview', { tariff, session });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.currency, 'ISK');
    assert.equal(r.body.totalExclVat, '1500');
    assert.equal(r.body.totalInclVat, '1860');
    assert.deepEqual(
      r.body.breakdown.map((b: { type: string; volume: string; exclVat: string }) => [b.type, b.volume, b.exclVat]),
      [
        ['ENERGY', '20', '1200'],
        ['PARKING_TIME', '0.5', '300'],
      ],
    );
    // Nothing was saved.
    assert.equal((await s.api('GET', '/api/v1/tariffs')).body.items.length, 0);
  });

  test('a tariff that does not parse is a 400 naming the field', async () => {
    const bad = { ...tariff, elements: [{ price_components: [{ type: 'ENERGY', price: '-1', step_size: 1 }] }] };
    const r = await s.api('POST', '/api/v1/tariffs/preview', { tariff: bad, session });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.match(r.body.error.message, /price/);
    const zone = await s.api('POST', '/api/v1/tariffs/preview', { tariff, session: { ...session, timeZone: 'Mars/Olympus' } });
    assert.equal(zone.status, 400);
  });

  test('it needs billing:read: a viewer may, a stranger may not', async () => {
    await s.api('POST', '/api/v1/operators', { email: 'viewer@example.test', password: 'viewer-password-1', role: 'viewer' });
    const viewer = await s.login('viewer@example.test', 'viewer-password-1');
    assert.equal((await s.api('POST', '/api/v1/tariffs/preview', { tariff, session }, viewer)).status, 200);
    assert.equal((await s.api('POST', '/api/v1/tariffs/preview', { tariff, session }, null)).status, 401);
  });
});
