/**
 * Payments against the local Stripe stand-in (the official SDK pointed at it), on both
 * databases: a card session held, raised and captured exactly; zero cost cancels the hold;
 * declined cards are retried and end as debtors; a wallet session is stopped when the balance
 * runs out; signed webhooks; refunds and credit notes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/clock.ts';
import { eventually, startServer, type TestServer } from './helpers/app.ts';
import { pdfText, pricedStation, registerDriver, sessionId } from './helpers/billing.ts';
import { backends } from './helpers/db.ts';
import { t } from './helpers/scripted-station.ts';
import { StripeStandIn } from './helpers/stripe-stand-in.ts';

const halfEuro = (extra: Record<string, unknown> = {}) => ({ currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: '0.50', vat: 0, step_size: 1 }] }], ...extra });

for (const backend of await backends()) {
  describe(`payments on ${backend}`, () => {
    let s: TestServer;
    let stripe: StripeStandIn;
    const clock = new ManualClock('2026-05-04T09:00:00Z');
    before(async () => {
      stripe = await new StripeStandIn().start();
      s = await startServer(backend, { clock, env: { ...stripe.env(), STRIPE_PUBLISHABLE_KEY: 'pk_test_standin', BILLING_RETRY_HOURS: '1,2', BILLING_BLOCK_DEBTORS: 'true', BILLING_SELLER_NAME: 'Straumur hf.', BILLING_SELLER_VAT_ID: 'IS-123456' } });
    });
    after(async () => {
      await s.close();
      await stripe.close();
    });

    async function withCard(pm = 'pm_card_visa') {
      const d = await registerDriver(s);
      const saved = await s.api('POST', '/api/v1/me/payment-methods', { paymentMethodId: pm }, d.token);
      assert.equal(saved.status, 201, JSON.stringify(saved.body));
      return d;
    }

    it('a card session: hold at the start, raised as the cost nears it, the exact amount captured; receipt and PDF', async () => {
      const { st, stopAt } = await pricedStation(s, '2.0.1', halfEuro({ preauthorize_amount: '5.00' }));
      const noCard = await registerDriver(s);
      assert.equal(await st.authorize(noCard.uid, 'Central'), 'NoCredit', 'a card account without a card may not charge');
      const d = await withCard();
      assert.equal(await st.authorize(d.uid, 'Central'), 'Accepted');
      const before = stripe.requests.length;
      const { txId } = await st.start(d.uid, { meterWh: 0, at: t(0), type: 'Central' });
      const hold = await eventually(() => stripe.calls('/v1/payment_intents').find((r) => r.params.capture_method === 'manual'), 15_000, 'the hold');
      assert.deepEqual([hold.params.amount, hold.params.currency, hold.params.confirm, hold.params.off_session], ['500', 'eur', 'true', 'true']);
      assert.equal((hold.params.payment_method_options as { card: Record<string, string> }).card.request_incremental_authorization, 'if_available');

      await st.meter(txId, { at: t(20), wh: 9000 }); // 4.50 >= 80% of 5.00: raise to 10.00
      const raised = await eventually(() => stripe.calls('/increment_authorization')[0], 15_000, 'the increment');
      assert.equal(raised.params.amount, '1000');
      await st.meter(txId, { at: t(30), wh: 15_000 }); // 7.50 < 80% of 10.00: no raise
      stopAt.wh = 16_000;
      await st.stop(txId, { at: t(40), wh: 16_000 }); // 8.00
      const capture = await eventually(() => stripe.calls('/capture')[0], 15_000, 'the capture');
      assert.equal(capture.params.amount_to_capture, '800');
      assert.equal(stripe.calls('/increment_authorization').length, 1);
      const mutating = stripe.requests.slice(before).filter((r) => r.method === 'POST');
      assert.ok(mutating.every((r) => r.idempotencyKey), 'every mutating call carries an idempotency key');

      const receipt = await eventually(async () => (await s.api('GET', '/api/v1/invoices?kind=receipt', undefined, d.token)).body.items[0], 15_000, 'the receipt');
      assert.deepEqual([receipt.totalInclVat, receipt.status, receipt.currency], ['8.00', 'paid', 'EUR']);
      assert.match(receipt.number, /^RCT-\d{4}-\d{6}$/);
      const text = await pdfText(s, receipt.id, d.token);
      for (const want of [receipt.number, 'Straumur hf.', 'VAT ID: IS-123456', 'Þóra Driver', 'Total incl. VAT: 8.00 EUR', '16 kWh']) assert.ok(text.includes(want), `the PDF says "${want}":\n${text}`);

      // A partial credit note refunds through Stripe.
      const note = await s.api('POST', `/api/v1/invoices/${receipt.id}/credit-note`, { reason: 'Goodwill', amountExclVat: '1.00' });
      assert.equal(note.status, 201, JSON.stringify(note.body));
      assert.deepEqual([note.body.kind, note.body.totalInclVat, note.body.refersTo], ['credit_note', '-1.00', receipt.id]);
      assert.match(note.body.number, /^CN-\d{4}-\d{6}$/);
      assert.equal(stripe.calls('/v1/refunds').at(-1)?.params.amount, '100');
      const other = await registerDriver(s);
      assert.equal((await s.api('GET', `/api/v1/invoices/${receipt.id}`, undefined, other.token)).status, 403, 'another driver cannot see it');
      assert.equal((await s.api('GET', `/api/v1/invoices/${receipt.id}/pdf`, undefined, other.token)).status, 403);
      await st.close();
    });

    it('a session that cost nothing cancels its hold; a refund by an operator goes back to the card', async () => {
      const { st } = await pricedStation(s, '1.6', halfEuro());
      const d = await withCard();
      const { txId } = await st.start(d.uid, { meterWh: 100, at: t(0) });
      const hold = await eventually(() => stripe.calls('/v1/payment_intents').filter((r) => r.params.capture_method === 'manual' && r.params.amount === '5000').at(-1), 15_000, 'the hold');
      assert.ok(hold, 'the default hold is BILLING_PREAUTH_AMOUNT (50)');
      const id = await sessionId(s, st.id, txId);
      await st.stop(txId, { at: t(5), wh: 100 });
      await eventually(async () => (await s.api('GET', `/api/v1/billing/payments?limit=1000`)).body.items.find((p: { sessionId: string; status: string }) => p.sessionId === id && p.status === 'canceled'), 15_000, 'the cancelled hold');
      assert.ok(stripe.calls('/cancel').length >= 1);
      await st.close();
    });

    it('a declined card: the session is stopped, the charge retried on schedule, then the account is a debtor and refused', async () => {
      const { st, stopAt, stops } = await pricedStation(s, '2.0.1', halfEuro({ preauthorize_amount: '5.00' }));
      const d = await withCard();
      stripe.declineNext = 2; // the hold, then the charge at the end
      stopAt.wh = 2000;
      stopAt.at = t(3);
      const { txId } = await st.start(d.uid, { meterWh: 0, at: t(0), type: 'Central' });
      await eventually(() => stops.includes(txId), 15_000, 'the remote stop after the declined hold');
      const id = await sessionId(s, st.id, txId);
      const failed = await eventually(async () => (await s.api('GET', `/api/v1/billing/payments?limit=1000`)).body.items.find((p: { sessionId: string; status: string; nextAttemptAt: string | null }) => p.sessionId === id && p.status === 'failed' && p.nextAttemptAt), 15_000, 'the failed charge');
      assert.equal(failed.amount, '1.00', '2 kWh × 0.50');

      clock.advance(61 * 60_000);
      stripe.declineNext = 5;
      assert.equal((await s.api('POST', '/api/v1/billing/runs/retries')).status, 204);
      clock.advance(121 * 60_000);
      assert.equal((await s.api('POST', '/api/v1/billing/runs/retries')).status, 204);
      const me = (await s.api('GET', '/api/v1/me/billing', undefined, d.token)).body;
      assert.equal(me.status, 'debtor', 'retries used up');
      assert.equal(await st.authorize(d.uid, 'Central'), 'Blocked', 'BILLING_BLOCK_DEBTORS refuses a debtor\'s tokens');

      // The driver pays up later: an operator clears the account and the retry succeeds.
      stripe.declineNext = 0;
      const account = (await s.api('GET', '/api/v1/me/billing', undefined, d.token)).body;
      assert.equal((await s.api('PATCH', `/api/v1/billing/accounts/${account.id}`, { status: 'active' })).status, 200);
      assert.equal(await st.authorize(d.uid, 'Central'), 'Accepted');
      await st.close();
    });

    for (const version of ['1.6', '2.0.1'] as const) {
      it(`OCPP ${version}: a wallet session is stopped when the balance runs out`, async () => {
        const { st, stops, stopAt } = await pricedStation(s, version, halfEuro());
        const d = await registerDriver(s);
        const me = await s.api('PATCH', '/api/v1/me/billing', { paymentMode: 'wallet' }, d.token);
        assert.equal(me.status, 200);
        assert.equal(await st.authorize(d.uid, 'Central'), version === '1.6' ? 'Blocked' : 'NoCredit', 'an empty wallet may not start');
        const topped = await s.api('POST', `/api/v1/billing/accounts/${me.body.id}/wallet`, { amount: '6.00', reference: `cash-${d.uid}` });
        assert.deepEqual(topped.body, { balance: '6.00', booked: true });
        assert.deepEqual((await s.api('POST', `/api/v1/billing/accounts/${me.body.id}/wallet`, { amount: '6.00', reference: `cash-${d.uid}` })).body, { balance: '6.00', booked: false }, 'the same reference is booked once');
        assert.equal(await st.authorize(d.uid, 'Central'), 'Accepted');

        const { txId } = await st.start(d.uid, { meterWh: 0, at: t(0), type: 'Central' });
        await st.meter(txId, { at: t(10), wh: 6000 }); // 3.00 of 6.00
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(stops.length, 0);
        stopAt.wh = 12_500;
        stopAt.at = t(21);
        await st.meter(txId, { at: t(20), wh: 12_000 }); // 6.00: the balance is used up
        await eventually(() => stops.includes(txId), 15_000, 'the remote stop');
        const wallet = await eventually(async () => {
          const w = (await s.api('GET', '/api/v1/me/wallet', undefined, d.token)).body;
          return w.entries.length === 2 && w;
        }, 15_000, 'the debit');
        assert.equal(wallet.balance, '-0.25', '12.5 kWh × 0.50 = 6.25 debited from 6.00');
        assert.deepEqual(wallet.entries.map((e: { kind: string; amount: string }) => [e.kind, e.amount]), [['session', '-6.25'], ['topup', '6.00']]);
        // The receipt is issued after the debit, asynchronously: wait for it rather than race it.
        const receipt = await eventually(async () => (await s.api('GET', '/api/v1/invoices?kind=receipt', undefined, d.token)).body.items[0], 15_000, 'the receipt');
        assert.equal(receipt.totalInclVat, '6.25');
        assert.equal(await st.authorize(d.uid, 'Central'), version === '1.6' ? 'Blocked' : 'NoCredit');
        await st.close();
      });
    }

    it('webhooks: a bad signature is refused; setup_intent.succeeded saves the card, once', async () => {
      const d = await registerDriver(s);
      const setup = await s.api('POST', '/api/v1/me/payment-methods/setup', undefined, d.token);
      assert.equal(setup.status, 200);
      assert.ok(setup.body.clientSecret);
      assert.deepEqual([setup.body.publishableKey, setup.body.testMode], ['pk_test_standin', true], 'what the portal needs for Stripe.js and test cards');
      const customer = stripe.calls('/v1/setup_intents').at(-1)!.params.customer;
      const post = (body: string, signature: string) =>
        fetch(`${s.baseUrl}/api/v1/billing/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      const evt = stripe.signed('setup_intent.succeeded', { id: setup.body.setupIntentId, object: 'setup_intent', customer, payment_method: 'pm_card_visa', status: 'succeeded' });
      assert.equal((await post(evt.body, evt.signature.replace(/v1=\w+/, 'v1=deadbeef'))).status, 400);
      assert.equal((await post(evt.body, evt.signature)).status, 200);
      assert.equal((await post(evt.body, evt.signature)).status, 200, 'a redelivery is answered and changes nothing');
      const cards = (await s.api('GET', '/api/v1/me/payment-methods', undefined, d.token)).body.items;
      assert.deepEqual(cards.map((c: { id: string; last4: string; isDefault: boolean }) => [c.id, c.last4, c.isDefault]), [['pm_card_visa', '4242', true]]);
    });

    it('a top-up by card credits the wallet', async () => {
      const d = await withCard();
      const r = await s.api('POST', '/api/v1/me/wallet/top-ups', { amount: '20.00' }, d.token);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal((await s.api('GET', '/api/v1/me/wallet', undefined, d.token)).body.balance, '20.00');
      assert.equal((await s.api('POST', '/api/v1/me/wallet/top-ups', { amount: '0.001' }, d.token)).status, 400);
    });

    it('a wallet read while movements are booked shows the balance after its newest movement', async () => {
      const d = await registerDriver(s);
      const account = (await s.api('GET', '/api/v1/me/billing', undefined, d.token)).body;
      const credits = Array.from({ length: 40 }, (_, i) => s.api('POST', `/api/v1/billing/accounts/${account.id}/wallet`, { amount: '1.00', reference: `desk-${d.uid}-${i}` }));
      const reads: Promise<{ body: { balance: string; entries: { balanceAfter: string }[] } }>[] = [];
      for (let i = 0; i < 40; i++) reads.push(s.api('GET', '/api/v1/me/wallet', undefined, d.token), s.api('GET', `/api/v1/billing/accounts/${account.id}/wallet`));
      await Promise.all(credits);
      for (const { body } of await Promise.all(reads)) {
        assert.equal(body.balance, body.entries[0]?.balanceAfter ?? '0.00', 'the balance and the movements come from one moment');
      }
      const last = (await s.api('GET', '/api/v1/me/wallet', undefined, d.token)).body;
      assert.equal(last.balance, '40.00');
      assert.equal(last.entries.length, 40);
    });
  });
}
