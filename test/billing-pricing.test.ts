/**
 * Worked examples priced by hand, through real sessions from strict ocpp-rpc stations in 1.6
 * and 2.0.1, on both databases: the session's cost, its CDR, and (2.x) the station's
 * totalCost. The expected amounts are computed in the comments beside them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { onCall } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { ScriptedStation, t } from './helpers/scripted-station.ts';

let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(16).slice(-6)}${(n++).toString(16)}`.toUpperCase();
const versions = ['1.6', '2.0.1'] as const;
const energy = (price: string, vat = 24) => ({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price, vat, step_size: 1 }] }] });

for (const backend of await backends()) {
  describe(`billing worked examples on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend);
    });
    after(() => s.close());

    async function setup(version: (typeof versions)[number] | '2.1', tariff: unknown, siteId?: string) {
      const id = uniq(`B${version.replace(/\./g, '')}-`);
      assert.equal((await s.api('POST', '/api/v1/stations', { id, ...(siteId ? { siteId } : {}) })).status, 201);
      const created = await s.api('POST', '/api/v1/tariffs', tariff);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(Object.keys(created.body), ['id']);
      assert.equal((await s.api('PUT', `/api/v1/stations/${id}/tariff`, { tariffId: created.body.id })).status, 200);
      const uid = uniq('C');
      const driver = await s.api('POST', '/api/v1/drivers', { email: `${uid.toLowerCase()}@example.test`, name: 'Priced Driver' });
      assert.equal((await s.api('POST', '/api/v1/tokens', { uid, type: 'ISO14443', driverId: driver.body.id })).status, 201);
      const st = await ScriptedStation.connect(s.ocppUrl, id, version);
      await st.boot();
      return { st, uid, tariffId: created.body.id as string };
    }

    async function sessionOf(stationId: string, txId: string) {
      const list = await s.api('GET', `/api/v1/sessions?stationId=${stationId}`);
      const found = list.body.items.find((x: { transactionId: string }) => x.transactionId === txId);
      assert.ok(found, `session ${txId}`);
      return found.id as string;
    }

    /** Stops, then checks the final cost on the session, its CDR and (2.x) the station's totalCost. */
    async function expectFinal(st: ScriptedStation, txId: string, stop: { at: string; wh: number }, expected: [string, string, string], currency = 'EUR') {
      const reply = await st.stop(txId, stop);
      const id = await sessionOf(st.id, txId);
      const session = await eventually(async () => {
        const r = (await s.api('GET', `/api/v1/sessions/${id}`)).body;
        return r.cost?.final && r;
      }, 15_000, 'the final cost');
      assert.deepEqual([session.cost.totalExclVat, session.cost.totalVat, session.cost.totalInclVat, session.cost.currency], [...expected, currency]);
      const cdr = await s.api('GET', `/api/v1/sessions/${id}/cdr`);
      assert.equal(cdr.status, 200);
      assert.deepEqual([cdr.body.total_cost.excl_vat, cdr.body.total_cost.incl_vat, cdr.body.total_vat], [expected[0], expected[2], expected[1]]);
      assert.equal(cdr.body.session_id, id);
      if (st.version !== '1.6') assert.equal(reply.totalCost, Number(expected[2]), 'TransactionEventResponse.totalCost is the final cost incl. VAT');
      return { session, cdr: cdr.body };
    }

    async function suspend(st: ScriptedStation, txId: string, at: string) {
      if (st.version === '1.6') return st.status(1, 'SuspendedEV', at);
      return st.call('TransactionEvent', { eventType: 'Updated', timestamp: at, triggerReason: 'ChargingStateChanged', seqNo: 50, transactionInfo: { transactionId: txId, chargingState: 'SuspendedEV' } });
    }

    for (const version of versions) {
      describe(`OCPP ${version}`, () => {
        it('energy only: 12.345 kWh at 0.31/kWh + 24% VAT = 4.75, with a running cost on the way', async () => {
          const { st, uid } = await setup(version, energy('0.31'));
          const { txId } = await st.start(uid, { meterWh: 1_000_000, at: t(0) });
          await st.meter(txId, { at: t(30), wh: 1_006_000 });
          const id = await sessionOf(st.id, txId);
          const live = (await s.api('GET', `/api/v1/sessions/${id}`)).body;
          // running: 6 kWh × 0.31 = 1.86; VAT 0.4464 -> 0.45; 2.31
          assert.deepEqual([live.status, live.cost.final, live.cost.totalExclVat, live.cost.totalInclVat], ['active', false, '1.86', '2.31']);
          // final: 12.345 × 0.31 = 3.82695 -> 3.83; VAT 3.83 × 24% = 0.9192 -> 0.92; 4.75
          const { cdr } = await expectFinal(st, txId, { at: t(60), wh: 1_012_345 }, ['3.83', '0.92', '4.75']);
          assert.equal(cdr.total_energy, '12.345');
          await st.close();
        });

        it('energy + session fee + idle time: 10.80 + 2.16 VAT = 12.96', async () => {
          const { st, uid } = await setup(version, {
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
          const { txId } = await st.start(uid, { meterWh: 500, at: t(0) });
          if (version === '1.6') await st.status(1, 'Charging', t(0));
          await st.meter(txId, { at: t(60), wh: 20_500 });
          await suspend(st, txId, t(60));
          // flat 1.00; 20 kWh × 0.40 = 8.00; idle 17.5 min billed per started minute: 18 min × 6.00/h = 1.80
          const { cdr } = await expectFinal(st, txId, { at: t(77.5), wh: 20_500 }, ['10.80', '2.16', '12.96']);
          assert.equal(cdr.total_parking_time, '0.2917', '17.5 minutes idle');
          assert.deepEqual(cdr.total_parking_cost, { excl_vat: '1.80' });
          assert.ok(cdr.charging_periods.some((p: { charging: boolean }) => !p.charging), 'an idle charging period');
          await st.close();
        });

        it('a time-of-day boundary crossed mid-session, in the site\'s local time: 4.76', async () => {
          const site = await s.api('POST', '/api/v1/sites', { name: uniq('Berlin '), timeZone: 'Europe/Berlin' });
          const { st, uid } = await setup(
            version,
            {
              currency: 'EUR',
              elements: [
                { price_components: [{ type: 'ENERGY', price: '0.50', vat: 19, step_size: 1 }], restrictions: { start_time: '17:00', end_time: '21:00' } },
                { price_components: [{ type: 'ENERGY', price: '0.30', vat: 19, step_size: 1 }] },
              ],
            },
            site.body.id,
          );
          // t(270) = 14:30Z = 16:30 in Berlin (CEST); 10 kWh evenly to 17:30: 5 kWh each side of 17:00.
          const { txId } = await st.start(uid, { meterWh: 0, at: t(270) });
          // 5 × 0.30 + 5 × 0.50 = 4.00; VAT 19% 0.76; 4.76
          const { cdr } = await expectFinal(st, txId, { at: t(330), wh: 10_000 }, ['4.00', '0.76', '4.76']);
          assert.deepEqual(
            cdr.charging_periods.map((p: { start_date_time: string }) => p.start_date_time),
            [t(270), t(300)],
          );
          await st.close();
        });

        it('min_price lifts a small session to 2.40, max_price caps a large one at 12.00', async () => {
          const small = await setup(version, { ...energy('0.30', 20), min_price: { excl_vat: '2.00', incl_vat: '2.40' } });
          const a = await small.st.start(small.uid, { meterWh: 0, at: t(0) });
          // 3 kWh × 0.30 = 0.90 < 2.00 -> 2.00; VAT 0.40
          await expectFinal(small.st, a.txId, { at: t(20), wh: 3000 }, ['2.00', '0.40', '2.40']);
          const large = await setup(version, { ...energy('0.30', 20), max_price: { excl_vat: '10.00' } });
          const b = await large.st.start(large.uid, { meterWh: 0, at: t(0) });
          // 50 kWh × 0.30 = 15.00 > 10.00 -> 10.00; VAT 2.00
          await expectFinal(large.st, b.txId, { at: t(90), wh: 50_000 }, ['10.00', '2.00', '12.00']);
          await small.st.close();
          await large.st.close();
        });

        it('ISK has no decimals: 1206 + 289 VAT = 1495 krónur', async () => {
          const { st, uid } = await setup(version, {
            currency: 'ISK',
            elements: [{ price_components: [{ type: 'FLAT', price: 150, vat: 24, step_size: 0 }, { type: 'ENERGY', price: 45, vat: 24, step_size: 1 }] }],
          });
          const { txId } = await st.start(uid, { meterWh: 0, at: t(0) });
          // 23.456 kWh × 45 = 1055.52 -> 1056; + 150 = 1206; VAT 24% = 289.44 -> 289; 1495
          await expectFinal(st, txId, { at: t(60), wh: 23_456 }, ['1206', '289', '1495'], 'ISK');
          await st.close();
        });
      });
    }

    it('a 2.0.1 station is sent CostUpdated with the running cost, and session.cost is published', async () => {
      const { st, uid } = await setup('2.0.1', energy('0.50', 0));
      const costs: number[] = [];
      onCall<{ totalCost: number; transactionId: string }>(st.client, 'CostUpdated', (p) => {
        costs.push(p.totalCost);
        return {};
      });
      const events: unknown[] = [];
      const off = s.app.services.events.subscribe((e) => {
        if (e.type === 'session.cost') events.push(e);
      });
      const { txId } = await st.start(uid, { meterWh: 0, at: t(0) });
      await st.meter(txId, { at: t(10), wh: 4000 });
      await eventually(() => costs.length > 0, 15_000, 'CostUpdated');
      assert.equal(costs[0], 2, '4 kWh × 0.50 = 2.00');
      assert.ok(events.length > 0);
      off();
      await st.stop(txId, { at: t(20), wh: 5000 });
      await st.close();
    });

    it('a tariff changed mid-session does not change that session; "default": true prices stations without one', async () => {
      const created = await s.api('POST', '/api/v1/tariffs', { ...energy('0.20', 0), default: true, name: 'Network default' });
      assert.equal(created.status, 201);
      const id = uniq('DEF');
      await s.api('POST', '/api/v1/stations', { id });
      const uid = uniq('C');
      await s.api('POST', '/api/v1/tokens', { uid });
      const st = await ScriptedStation.connect(s.ocppUrl, id, '2.0.1');
      await st.boot();
      const now = Date.now();
      const { txId } = await st.start(uid, { meterWh: 0, at: new Date(now - 60_000).toISOString() });
      await s.api('PUT', `/api/v1/tariffs/${created.body.id}`, { ...energy('0.90', 0), default: true });
      const reply = await st.stop(txId, { at: new Date(now).toISOString(), wh: 10_000 });
      assert.equal(reply.totalCost, 2, '10 kWh at the 0.20 in force when it started');
      const view = (await s.api('GET', `/api/v1/tariffs/${created.body.id}`)).body;
      assert.deepEqual([view.version, view.default, view.versions.length], [2, true, 2]);
      await s.api('DELETE', `/api/v1/tariffs/${created.body.id}`);
      await st.close();
    });

    it('OCPP 2.1 answers Updated events with the running cost in totalCost', async () => {
      const { st, uid } = await setup('2.1', energy('0.50', 0));
      const { txId } = await st.start(uid, { meterWh: 0, at: t(0) });
      const reply = await st.meter(txId, { at: t(10), wh: 3000 });
      assert.equal(reply.totalCost, 1.5, '3 kWh × 0.50');
      assert.equal((await st.stop(txId, { at: t(20), wh: 4000 })).totalCost, 2);
      await st.close();
    });

    it('a session closed by a reboot gets no CDR until the station reports its end', async () => {
      const { st, uid } = await setup('2.0.1', energy('0.50', 0));
      const { txId } = await st.start(uid, { meterWh: 0, at: t(0) });
      await st.meter(txId, { at: t(5), wh: 1000 });
      await st.boot();
      const id = await sessionOf(st.id, txId);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await s.api('GET', `/api/v1/sessions/${id}/cdr`)).status, 404, 'it may yet be reopened');
      assert.equal((await s.api('GET', `/api/v1/sessions/${id}`)).body.cost.final, false);
      await st.stop(txId, { at: t(6), wh: 1200 });
      const cdr = await eventually(async () => {
        const r = await s.api('GET', `/api/v1/sessions/${id}/cdr`);
        return r.status === 200 && r.body;
      }, 15_000, 'the CDR');
      assert.equal(cdr.total_cost.incl_vat, '0.60', 'the station\'s own account: 1.2 kWh');
      await st.close();
    });

    it('refuses a tariff it cannot price, and a tariff for an unknown station', async () => {
      const bad = await s.api('POST', '/api/v1/tariffs', { currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.3', vat: 101, step_size: 1 }] }] });
      assert.equal(bad.status, 400);
      const ok = await s.api('POST', '/api/v1/tariffs', energy('0.30'));
      assert.equal((await s.api('PUT', '/api/v1/stations/NOPE/tariff', { tariffId: ok.body.id })).status, 404);
    });
  });
}
