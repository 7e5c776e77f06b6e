/**
 * Card payments (Stripe): a hold when the session starts, raised (incremental authorization)
 * when the running cost nears it, the exact final amount captured at the end, the hold
 * cancelled when the session cost nothing, and anything beyond the hold charged separately.
 * A failed collection is recorded for retry; it never loses the amount owed.
 */
import type { Clock } from '../../clock.ts';
import type { AccountRepo } from '../accounts/account.repo.ts';
import type { PaymentRepo, PaymentRow } from './payment.repo.ts';
import type { PaymentProvider, SessionPayment } from './provider.ts';
import { nextAttemptAt } from './retry.ts';
import type { CardOutcome, StripeGateway } from './stripe-gateway.ts';

export interface CardDeps {
  stripe: StripeGateway;
  accounts: AccountRepo;
  payments: PaymentRepo;
  clock: Clock;
  incrementAtPercent: number;
  retryHours: readonly number[];
}

export function cardProvider(deps: CardDeps): PaymentProvider & { collectRest(p: SessionPayment, sessionId: string, amountMinor: bigint, key: string): Promise<PaymentRow> } {
  const { stripe, payments } = deps;

  async function card(p: SessionPayment) {
    const method = await deps.accounts.defaultMethod(p.account.id);
    return p.account.stripeCustomerId && method ? { customer: p.account.stripeCustomerId, paymentMethod: method.id } : null;
  }

  /** An off-session charge of what is still owed for a session; a failure is scheduled for retry. */
  async function collectRest(p: SessionPayment, sessionId: string, amountMinor: bigint, key: string): Promise<PaymentRow> {
    const c = await card(p);
    const outcome: CardOutcome = c
      ? await stripe.charge({ ...c, amountMinor, currency: p.currency, key, metadata: { sessionId, accountId: p.account.id } })
      : { ok: false, code: 'no_card', message: 'no saved card' };
    const now = deps.clock.now();
    return payments.insert({
      accountId: p.account.id,
      provider: 'stripe',
      purpose: 'session',
      sessionId,
      currency: p.currency,
      amountMinor,
      capturedMinor: outcome.ok ? amountMinor : 0n,
      status: outcome.ok ? 'succeeded' : 'failed',
      stripePaymentIntent: outcome.intentId ?? null,
      attempts: 1,
      nextAttemptAt: outcome.ok ? null : nextAttemptAt(1, deps.retryHours, now),
      lastError: outcome.ok ? null : `${outcome.code}: ${outcome.message}`,
    });
  }

  return {
    mode: 'card',
    collectRest,

    async start(p) {
      if (await payments.forSession(p.session.id)) return { ok: true };
      const c = await card(p);
      if (!c) return { ok: false, reason: 'no saved card' };
      const held = await stripe.hold({ ...c, amountMinor: p.holdMinor, currency: p.currency, key: `hold-${p.session.id}`, metadata: { sessionId: p.session.id, accountId: p.account.id } });
      await payments.insert({
        accountId: p.account.id,
        provider: 'stripe',
        purpose: 'session',
        sessionId: p.session.id,
        currency: p.currency,
        amountMinor: p.holdMinor,
        authorizedMinor: held.ok ? held.amountMinor : 0n,
        status: held.ok ? 'authorized' : 'failed',
        stripePaymentIntent: held.intentId ?? null,
        attempts: 1,
        lastError: held.ok ? null : `${held.code}: ${held.message}`,
      });
      return held.ok ? { ok: true } : { ok: false, reason: `card declined (${held.code})` };
    },

    async running(p, costMinor) {
      const hold = await payments.forSession(p.session.id);
      if (!hold || hold.status !== 'authorized' || !hold.stripePaymentIntent) return { stop: false };
      if (costMinor * 100n < hold.authorizedMinor * BigInt(deps.incrementAtPercent)) return { stop: false };
      let total = hold.authorizedMinor;
      while (costMinor * 100n >= total * BigInt(deps.incrementAtPercent)) total += p.holdMinor;
      const raised = await stripe.increment(hold.stripePaymentIntent, total, p.currency, `increment-${p.session.id}-${total}`);
      if (!raised.ok) return { stop: true, reason: `the card hold could not be raised (${raised.code})` };
      await payments.update(hold.id, { authorizedMinor: raised.amountMinor, amountMinor: raised.amountMinor });
      return { stop: false };
    },

    async settle(p, cdr) {
      const total = cdr.totalInclMinor;
      const hold = await payments.forSession(p.session.id);
      // Settled before (the end was reported twice): answer as then, collect nothing again.
      const others = (await payments.ofSession(p.session.id)).filter((x) => x.id !== hold?.id);
      if (hold?.status === 'succeeded' || others.length > 0) {
        const failed = [hold, ...others].find((x) => x?.status === 'failed');
        return failed ? { kind: 'failed', reason: failed.lastError ?? 'charge failed' } : { kind: 'paid', note: 'Paid by card.' };
      }
      if (hold?.status === 'canceled' && hold.capturedMinor === 0n && total === 0n) return { kind: 'free' };
      if (!hold || hold.status !== 'authorized' || !hold.stripePaymentIntent) {
        if (total === 0n) return { kind: 'free' };
        const rest = await collectRest(p, p.session.id, total, `charge-${p.session.id}`);
        return rest.status === 'succeeded' ? { kind: 'paid', note: 'Paid by card.' } : { kind: 'failed', reason: rest.lastError ?? 'charge failed' };
      }
      if (total === 0n) {
        const cancelled = await stripe.cancel(hold.stripePaymentIntent, p.currency, `cancel-${hold.id}`);
        await payments.update(hold.id, { status: cancelled.ok ? 'canceled' : 'authorized', lastError: cancelled.ok ? null : cancelled.message });
        return { kind: 'free' };
      }
      const now = deps.clock.now();
      const first = total < hold.authorizedMinor ? total : hold.authorizedMinor;
      const captured = await stripe.capture(hold.stripePaymentIntent, first, p.currency, `capture-${hold.id}`);
      if (!captured.ok) {
        // A hold that cannot be captured (expired, say) is owed in full and retried as a charge.
        await payments.update(hold.id, { status: 'failed', amountMinor: total, attempts: 1, nextAttemptAt: nextAttemptAt(1, deps.retryHours, now), lastError: `${captured.code}: ${captured.message}` });
        return { kind: 'failed', reason: captured.message };
      }
      await payments.update(hold.id, { status: 'succeeded', amountMinor: first, capturedMinor: first });
      if (total > first) {
        const rest = await collectRest(p, p.session.id, total - first, `charge-rest-${p.session.id}`);
        if (rest.status !== 'succeeded') return { kind: 'failed', reason: rest.lastError ?? 'charge failed' };
      }
      return { kind: 'paid', note: 'Paid by card.' };
    },
  };
}
