/**
 * Monthly statements, subscriptions and documents on both databases: a fleet's sessions on
 * one invoice (read back from its PDF), a subscription's fee, included kWh and own tariff,
 * gap-free numbers under concurrency, and who may see what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/clock.ts';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { pdfText, pricedStation, registerDriver, sessionId, uniq } from './helpers/billing.ts';
import { backends } from './helpers/db.ts';

const euro = (price: string, vat = 24) => ({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price, vat, step_size: 1 }] }] });

for (const backend of await backends()) {
  describe(`statements and documents on ${backend}`, () => {
    let s: TestServer;
    const clock = new ManualClock('2026-05-20T00:00:00Z');
    before(async () => {
      s = await startServer(backend, { clock, env: { API_TOKEN_TTL_HOURS: '8760', BILLING_NUMBER_PREFIX: 'STR', BILLING_SELLER_NAME: 'Orka ehf.', BILLING_SELLER_ADDRESS: 'Laugavegur 1, Reykjavík' } });
    });
    after(() => s.close());

    it("a fleet's tokens' sessions go on one monthly invoice, with VAT, numbered, as JSON and PDF", async () => {
      const fleet = await s.api('POST', '/api/v1/billing/accounts', { name: 'Fleet Ltd', vatId: 'IS-987654', email: 'fleet@example.test' });
      assert.equal(fleet.status, 201);
      assert.equal(fleet.body.paymentMode, 'postpaid');
      const { st } = await pricedStation(s, '2.0.1', euro('0.40'));
      const cards = [uniq('F'), uniq('F')];
      for (const uid of cards) {
        await s.api('POST', '/api/v1/tokens', { uid });
        assert.equal((await s.api('PUT', `/api/v1/billing/accounts/${fleet.body.id}/tokens/${uid}`)).status, 204);
      }
      const a = await st.start(cards[0]!, { meterWh: 0, at: '2026-05-10T08:00:00Z', evseId: 1 });
      await st.stop(a.txId, { at: '2026-05-10T09:00:00Z', wh: 10_000 }); // 4.00 excl
      const b = await st.start(cards[1]!, { meterWh: 0, at: '2026-05-12T08:00:00Z', evseId: 2 });
      await st.stop(b.txId, { at: '2026-05-12T09:00:00Z', wh: 2_500 }, { evseId: 2 }); // 1.00 excl
      const id = await sessionId(s, st.id, b.txId);
      await eventually(async () => (await s.api('GET', `/api/v1/sessions/${id}/cdr`)).status === 200, 15_000, 'the CDRs');
      assert.equal((await s.api('GET', `/api/v1/invoices?accountId=${fleet.body.id}`)).body.items.length, 0, 'nothing is billed before the month ends');

      clock.set('2026-06-01T03:00:00Z');
      assert.equal((await s.api('POST', '/api/v1/billing/runs/statements')).status, 204);
      assert.equal((await s.api('POST', '/api/v1/billing/runs/statements')).status, 204, 'a second run issues nothing new');
      const list = (await s.api('GET', `/api/v1/invoices?kind=invoice&accountId=${fleet.body.id}`)).body.items;
      assert.equal(list.length, 1);
      const inv = list[0];
      // 4.00 + 1.00 = 5.00 excl; VAT 24% = 1.20; 6.20
      assert.deepEqual([inv.totalExclVat, inv.totalVat, inv.totalInclVat, inv.status], ['5.00', '1.20', '6.20', 'open']);
      assert.deepEqual(inv.vat, [{ percent: '24', base: '5.00', amount: '1.20' }]);
      assert.equal(inv.lines.length, 2);
      assert.equal(inv.periodStart, '2026-05-01T00:00:00.000Z');
      assert.equal(inv.dueAt, '2026-06-15T03:00:00.000Z');
      assert.equal(inv.seller.name, 'Orka ehf.');
      assert.match(inv.number, /^STR-INV-2026-\d{6}$/);
      const text = await pdfText(s, inv.id);
      for (const want of [inv.number, 'Orka ehf.', 'Laugavegur 1, Reykjavík', 'Fleet Ltd', 'VAT ID: IS-987654', 'VAT 24% on 5.00 EUR: 1.20 EUR', 'Total incl. VAT: 6.20 EUR', 'Period: 2026-05-01 to 2026-06-01']) {
        assert.ok(text.includes(want), `the PDF says "${want}":\n${text}`);
      }
      const paid = await s.api('POST', `/api/v1/invoices/${inv.id}/mark-paid`);
      assert.deepEqual([paid.status, paid.body.status], [200, 'paid']);
      assert.equal((await s.api('POST', `/api/v1/invoices/${inv.id}/mark-paid`)).status, 409);
      await st.close();
    });

    it('a subscription: the monthly fee, included kWh and the plan\'s own tariff; renewed with a statement; cancelled', async () => {
      const planTariff = await s.api('POST', '/api/v1/tariffs', euro('0.40'));
      const plan = await s.api('POST', '/api/v1/plans', { name: 'Plus', monthlyFee: '10.00', vatPercent: '24', includedKwh: '5', tariffId: planTariff.body.id });
      assert.equal(plan.status, 201);
      assert.deepEqual([plan.body.monthlyFee, plan.body.includedKwh], ['10.00', '5.000']);
      const d = await registerDriver(s);
      const sub = await s.api('POST', '/api/v1/me/subscription', { planId: plan.body.id }, d.token);
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      assert.equal((await s.api('POST', '/api/v1/me/subscription', { planId: plan.body.id }, d.token)).status, 409);
      const fee = (await s.api('GET', '/api/v1/invoices', undefined, d.token)).body.items;
      assert.deepEqual(fee.map((i: { kind: string; totalInclVat: string }) => [i.kind, i.totalInclVat]), [['invoice', '12.40']], '10.00 + 24% VAT');

      // The station's times are taken as given only near the CSMS's clock (a day ahead at most).
      clock.set('2026-06-02T10:00:00Z');
      const { st } = await pricedStation(s, '1.6', euro('0.80')); // the station's own price does not apply to the plan
      const { txId } = await st.start(d.uid, { meterWh: 0, at: '2026-06-02T10:00:00Z' });
      await st.stop(txId, { at: '2026-06-02T11:00:00Z', wh: 8_000 });
      const id = await sessionId(s, st.id, txId);
      const cdr = await eventually(async () => {
        const r = await s.api('GET', `/api/v1/sessions/${id}/cdr`, undefined, d.token);
        return r.status === 200 && r.body;
      }, 15_000, 'the CDR');
      // 8 kWh, 5 included: 3 × 0.40 = 1.20; VAT 0.288 -> 0.29; 1.49
      assert.deepEqual([cdr.total_cost.excl_vat, cdr.total_cost.incl_vat, cdr.included_energy], ['1.20', '1.49', '5']);
      assert.equal((await s.api('GET', '/api/v1/me/subscription', undefined, d.token)).body.includedKwhUsed, '5.000');

      clock.set('2026-07-02T00:00:00Z'); // the period began when the plan was taken, on 1 June
      await s.api('POST', '/api/v1/billing/runs/statements');
      const renewed = (await s.api('GET', '/api/v1/invoices?kind=invoice', undefined, d.token)).body.items[0];
      // next month's fee 10.00 + the session 1.20 = 11.20; VAT 24% = 2.688 -> 2.69; 13.89
      assert.deepEqual([renewed.totalExclVat, renewed.totalVat, renewed.totalInclVat, renewed.lines.length], ['11.20', '2.69', '13.89', 2]);
      const after = (await s.api('GET', '/api/v1/me/subscription', undefined, d.token)).body;
      assert.deepEqual([after.includedKwhUsed, after.currentPeriodStart], ['0.000', sub.body.currentPeriodEnd]);
      const cancelled = await s.api('DELETE', '/api/v1/me/subscription', undefined, d.token);
      assert.deepEqual([cancelled.status, cancelled.body.cancelAtPeriodEnd, cancelled.body.status], [200, true, 'active']);
      clock.set('2026-08-03T00:00:00Z');
      await s.api('POST', '/api/v1/billing/runs/statements');
      assert.equal((await s.api('GET', '/api/v1/me/subscription', undefined, d.token)).status, 404, 'ended at the end of the paid period');
      await st.close();
    });

    it('document numbers have no gaps, also when many are issued at once', async () => {
      const { invoices } = s.app.services.billing.core;
      const line = { description: 'Test', quantity: '1', unit: 'x', unitPrice: '1.00', vatPercent: '24', exclMinor: 100n };
      await Promise.all(Array.from({ length: 20 }, () => invoices.issue({ kind: 'receipt', account: null, driverId: null, currency: 'EUR', lines: [line], status: 'paid' })));
      const all = (await s.api('GET', '/api/v1/invoices?kind=receipt&limit=1000')).body.items.map((i: { number: string }) => Number(i.number.slice(-6)));
      all.sort((x: number, y: number) => x - y);
      assert.deepEqual(all, Array.from({ length: all.length }, (_, i) => i + 1));
    });

    it('who may see what: drivers their own documents, viewers read but do not write', async () => {
      const email = `${uniq('v').toLowerCase()}@example.test`;
      assert.equal((await s.api('POST', '/api/v1/operators', { email, password: 'viewer-password-1', role: 'viewer' })).status, 201);
      const viewer = await s.login(email, 'viewer-password-1');
      assert.equal((await s.api('GET', '/api/v1/invoices', undefined, viewer)).status, 200);
      assert.equal((await s.api('POST', '/api/v1/tariffs', euro('0.1'), viewer)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/billing/accounts', undefined, viewer)).status, 200);
      const d = await registerDriver(s);
      assert.deepEqual((await s.api('GET', '/api/v1/invoices', undefined, d.token)).body.items, []);
      assert.equal((await s.api('GET', '/api/v1/billing/accounts', undefined, d.token)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/me/billing', undefined, viewer)).status, 403);
      assert.equal((await s.api('GET', '/api/v1/me/billing', undefined, d.token)).body.walletBalance, '0.00');
    });
  });
}
