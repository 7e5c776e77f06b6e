/**
 * Reports fed through the real OCPP path: strict ocpp-rpc stations in 1.6 and 2.0.1 charge,
 * billing prices the session, and the reports see it at once (the acceptance contract), on
 * both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { pricedStation, registerDriver } from './helpers/billing.ts';
import { backends } from './helpers/db.ts';
import { t } from './helpers/scripted-station.ts';

const HOUR = 3_600_000;

for (const backend of await backends()) {
  describe(`reports through OCPP on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    for (const version of ['1.6', '2.0.1'] as const) {
      it(`OCPP ${version}: energy by day, CSV, revenue from the CDR, and uptime per station`, async () => {
        const { st } = await pricedStation(s, version, { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.31', vat: 24, step_size: 1 }] }] });
        const driver = await registerDriver(s);
        await st.status(1, 'Available');
        // 10:30 -> 11:30 on 2026-05-04, 12 kWh: 6 kWh before 11:00, 6 after
        const { txId } = await st.start(driver.uid, { meterWh: 1000, at: t(30) });
        await st.meter(txId, { at: t(60), wh: 7000 });
        await st.stop(txId, { at: t(90), wh: 13_000 });

        const day = `from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&stationId=${st.id}`;
        const energy = await s.api('GET', `/api/v1/reports/energy?${day}&groupBy=day`);
        assert.equal(energy.status, 200);
        assert.deepEqual(energy.body.items.map((i: any) => [i.period, i.energyWh, i.sessions]), [['2026-05-04T00:00:00Z', 12_000, 1]]);
        const hourly = await s.api('GET', `/api/v1/reports/energy?${day}&groupBy=hour`);
        assert.deepEqual(hourly.body.items.filter((i: any) => i.energyWh > 0).map((i: any) => [i.period, i.energyWh]), [['2026-05-04T10:00:00Z', 6000], ['2026-05-04T11:00:00Z', 6000]]);

        const csv = await fetch(`${s.baseUrl}/api/v1/reports/energy?${day}&groupBy=day&format=csv`, { headers: { authorization: `Bearer ${s.adminToken}` } });
        const lines = (await csv.text()).trim().split('\n');
        assert.deepEqual([lines[0]?.split(',').slice(0, 3), lines[1]?.split(',').slice(0, 3)], [['period', 'energyWh', 'sessions'], ['2026-05-04T00:00:00Z', '12000', '1']]);

        // 12 kWh x 0.31 = 3.72; VAT 24% 0.8928 -> 0.89; 4.61
        const revenue = await eventually(async () => {
          const r = await s.api('GET', `/api/v1/reports/revenue?${day}&by=paymentMethod`);
          return r.body.items.length > 0 && r.body.items;
        }, 15_000, 'the CDR in the revenue report');
        assert.deepEqual(revenue.map((r: any) => [r.currency, r.sessions, r.energyWh, r.totalExclVat, r.totalVat, r.totalInclVat]), [['EUR', 1, 12_000, '3.72', '0.89', '4.61']]);

        // Connected since moments ago and Available: fully up.
        const now = Date.now();
        const uptime = await s.api('GET', `/api/v1/reports/uptime?from=${new Date(now - HOUR).toISOString()}&to=${new Date(now + HOUR).toISOString()}`);
        assert.equal(uptime.status, 200);
        const mine = uptime.body.items.find((i: any) => i.stationId === st.id);
        assert.deepEqual([typeof mine.uptimePercent, mine.uptimePercent, mine.meetsNevi], ['number', 100, true]);
        await st.close();
      });
    }

    it('a viewer may read reports but not record exclusions; a driver may do neither', async () => {
      const email = `viewer-${Date.now()}@example.test`;
      assert.equal((await s.api('POST', '/api/v1/operators', { email, password: 'viewer-password-1', role: 'viewer' })).status, 201);
      const viewer = await s.login(email, 'viewer-password-1');
      const range = 'from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z';
      assert.equal((await s.api('GET', `/api/v1/reports/peak-hours?${range}`, undefined, viewer)).status, 200);
      assert.equal((await s.api('POST', '/api/v1/uptime-exclusions', { stationId: 'X', startsAt: '2026-05-04T00:00:00Z', endsAt: '2026-05-04T01:00:00Z', reason: 'other' }, viewer)).status, 403);
      const driver = await registerDriver(s);
      assert.equal((await s.api('GET', `/api/v1/reports/energy?${range}`, undefined, driver.token)).status, 403);
    });

    it('documents every report in the OpenAPI document', async () => {
      const doc = await s.api('GET', '/api/openapi.json', undefined, null);
      for (const r of ['energy', 'uptime', 'utilisation', 'peak-hours', 'session-stats', 'session-distribution', 'faults', 'revenue', 'top-drivers', 'top-tokens', 'sessions']) {
        const op = doc.body.paths[`/api/v1/reports/${r}`]?.get;
        assert.ok(op, r);
        assert.ok(op.responses['200'], `${r} documents its answer`);
      }
    });
  });
}
