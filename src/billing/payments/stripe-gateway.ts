/**
 * Card payments through Stripe's official SDK. Every mutating call carries an idempotency key
 * derived from what it is for (a session, a payment), so a retry after a timeout can never
 * charge twice. Amounts are converted to Stripe's minor units here: ISK, zero-decimal in ISO
 * 4217, is sent with two decimals as Stripe requires (its amount always ends in 00).
 * STRIPE_API_HOST/PORT/PROTOCOL point the SDK elsewhere (the tests' local stand-in).
 */
import Stripe from 'stripe';
import type { BillingConfig } from '../../config.ts';

/** Stripe's own exceptions to ISO 4217 minor units. */
const STRIPE_FACTOR: Record<string, bigint> = { ISK: 100n };
const toStripe = (minor: bigint, currency: string) => Number(minor * (STRIPE_FACTOR[currency] ?? 1n));
const fromStripe = (amount: number, currency: string) => BigInt(amount) / (STRIPE_FACTOR[currency] ?? 1n);

export type CardOutcome = { ok: true; intentId: string; amountMinor: bigint; status: string } | { ok: false; code: string; message: string; intentId?: string | undefined };

export interface CardDetails {
  id: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
}

function failure(err: unknown): CardOutcome {
  if (err instanceof Stripe.errors.StripeError) {
    const intent = (err.raw as { payment_intent?: { id?: string } } | undefined)?.payment_intent?.id;
    return { ok: false, code: err.decline_code ?? err.code ?? err.type, message: err.message, intentId: intent };
  }
  return { ok: false, code: 'network', message: err instanceof Error ? err.message : String(err) };
}

export function createStripeGateway(cfg: NonNullable<BillingConfig['stripe']>) {
  const stripe = new Stripe(cfg.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Straumur' },
    ...(cfg.host ? { host: cfg.host } : {}),
    ...(cfg.port ? { port: cfg.port } : {}),
    ...(cfg.protocol ? { protocol: cfg.protocol } : {}),
  });

  const intent = (pi: Stripe.PaymentIntent, currency: string): CardOutcome => ({
    ok: true,
    intentId: pi.id,
    amountMinor: fromStripe(pi.status === 'succeeded' ? pi.amount_received : pi.amount_capturable || pi.amount, currency),
    status: pi.status,
  });
  const attempt = async (fn: () => Promise<Stripe.PaymentIntent>, currency: string): Promise<CardOutcome> => {
    try {
      return intent(await fn(), currency);
    } catch (err) {
      return failure(err);
    }
  };

  return {
    /** What the driver portal needs to collect a card: Stripe.js's key, and whether test cards work. */
    client: { publishableKey: cfg.publishableKey ?? null, testMode: cfg.testMode },

    async customer(account: { id: string; email: string | null; name: string | null }): Promise<string> {
      const c = await stripe.customers.create(
        { ...(account.email ? { email: account.email } : {}), ...(account.name ? { name: account.name } : {}), metadata: { accountId: account.id } },
        { idempotencyKey: `customer-${account.id}` },
      );
      return c.id;
    },

    /** A SetupIntent whose client secret the app confirms with Stripe.js to save a card. */
    async setupIntent(customer: string, key: string): Promise<{ id: string; clientSecret: string | null }> {
      const s = await stripe.setupIntents.create({ customer, usage: 'off_session' }, { idempotencyKey: key });
      return { id: s.id, clientSecret: s.client_secret };
    },

    async attach(paymentMethod: string, customer: string): Promise<CardDetails> {
      const pm = await stripe.paymentMethods.attach(paymentMethod, { customer }, { idempotencyKey: `attach-${paymentMethod}-${customer}` });
      return { id: pm.id, brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null, expMonth: pm.card?.exp_month ?? null, expYear: pm.card?.exp_year ?? null };
    },

    async method(paymentMethod: string): Promise<CardDetails> {
      const pm = await stripe.paymentMethods.retrieve(paymentMethod);
      return { id: pm.id, brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null, expMonth: pm.card?.exp_month ?? null, expYear: pm.card?.exp_year ?? null };
    },

    async detach(paymentMethod: string): Promise<void> {
      await stripe.paymentMethods.detach(paymentMethod, {}, { idempotencyKey: `detach-${paymentMethod}` });
    },

    /** A hold: a PaymentIntent with manual capture, confirmed off-session with the saved card. */
    hold(p: { customer: string; paymentMethod: string; amountMinor: bigint; currency: string; key: string; metadata: Record<string, string> }): Promise<CardOutcome> {
      return attempt(
        () =>
          stripe.paymentIntents.create(
            {
              amount: toStripe(p.amountMinor, p.currency),
              currency: p.currency.toLowerCase(),
              customer: p.customer,
              payment_method: p.paymentMethod,
              capture_method: 'manual',
              confirm: true,
              off_session: true,
              payment_method_options: { card: { request_incremental_authorization: 'if_available' } },
              metadata: p.metadata,
            },
            { idempotencyKey: p.key },
          ),
        p.currency,
      );
    },

    /** Raises a hold to a new total (Stripe's incremental authorization). */
    increment(intentId: string, totalMinor: bigint, currency: string, key: string): Promise<CardOutcome> {
      return attempt(() => stripe.paymentIntents.incrementAuthorization(intentId, { amount: toStripe(totalMinor, currency) }, { idempotencyKey: key }), currency);
    },

    capture(intentId: string, amountMinor: bigint, currency: string, key: string): Promise<CardOutcome> {
      return attempt(() => stripe.paymentIntents.capture(intentId, { amount_to_capture: toStripe(amountMinor, currency) }, { idempotencyKey: key }), currency);
    },

    cancel(intentId: string, currency: string, key: string): Promise<CardOutcome> {
      return attempt(() => stripe.paymentIntents.cancel(intentId, { cancellation_reason: 'abandoned' }, { idempotencyKey: key }), currency);
    },

    /** An immediate off-session charge (a statement, a top-up, the rest of a session beyond its hold). */
    charge(p: { customer: string; paymentMethod: string; amountMinor: bigint; currency: string; key: string; metadata: Record<string, string> }): Promise<CardOutcome> {
      return attempt(
        () =>
          stripe.paymentIntents.create(
            { amount: toStripe(p.amountMinor, p.currency), currency: p.currency.toLowerCase(), customer: p.customer, payment_method: p.paymentMethod, confirm: true, off_session: true, metadata: p.metadata },
            { idempotencyKey: p.key },
          ),
        p.currency,
      );
    },

    async refund(intentId: string, amountMinor: bigint, currency: string, key: string): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
      try {
        const r = await stripe.refunds.create({ payment_intent: intentId, amount: toStripe(amountMinor, currency) }, { idempotencyKey: key });
        return { ok: true, id: r.id };
      } catch (err) {
        const f = failure(err);
        return { ok: false, message: f.ok ? '' : f.message };
      }
    },

    /** Verifies a webhook's signature (Stripe-Signature header) and reads the event; throws when it does not verify. */
    event(rawBody: Buffer | string, signature: string): Stripe.Event {
      return stripe.webhooks.constructEvent(rawBody, signature, cfg.webhookSecret);
    },

    toStripe,
    fromStripe,
  };
}

export type StripeGateway = ReturnType<typeof createStripeGateway>;
