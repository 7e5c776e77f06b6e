/**
 * Prepaid wallet: the start was allowed only above the wallet's minimum (the credit check);
 * while charging, the session is stopped once its running cost would take the balance below
 * zero; at the end the final cost is debited once (booked per session).
 */
import type { Clock } from '../../clock.ts';
import type { AccountRepo } from '../accounts/account.repo.ts';
import type { PaymentProvider } from './provider.ts';
import type { PaymentRepo } from './payment.repo.ts';

export function walletProvider(deps: { accounts: AccountRepo; payments: PaymentRepo; clock: Clock }): PaymentProvider {
  return {
    mode: 'wallet',
    async start() {
      return { ok: true };
    },
    async running(p, costMinor) {
      const account = await deps.accounts.byId(p.account.id);
      if (!account || account.currency !== p.currency) return { stop: false };
      return account.walletBalanceMinor - costMinor <= 0n ? { stop: true, reason: 'wallet balance used up' } : { stop: false };
    },
    async settle(p, cdr) {
      if (cdr.totalInclMinor === 0n) return { kind: 'free' };
      if (p.account.currency !== cdr.currency) return { kind: 'failed', reason: `wallet is in ${p.account.currency}, the session in ${cdr.currency}` };
      const booked = await deps.accounts.book({ accountId: p.account.id, kind: 'session', amountMinor: -cdr.totalInclMinor, reference: cdr.sessionId, note: `session ${cdr.transactionId} at ${cdr.stationId}`, at: deps.clock.now() });
      if (booked.booked) {
        await deps.payments.insert({
          accountId: p.account.id,
          provider: 'wallet',
          purpose: 'session',
          sessionId: cdr.sessionId,
          currency: cdr.currency,
          amountMinor: cdr.totalInclMinor,
          capturedMinor: cdr.totalInclMinor,
          status: 'succeeded',
        });
      }
      return { kind: 'paid', note: 'Paid from the prepaid wallet.' };
    },
  };
}

/** Postpaid fleets and subscriptions: nothing at the start, nothing while running; the month's statement collects. */
export function deferredProvider(mode: 'postpaid' | 'subscription'): PaymentProvider {
  return {
    mode,
    start: async () => ({ ok: true }),
    running: async () => ({ stop: false }),
    settle: async (_p, cdr) => (cdr.totalInclMinor === 0n ? { kind: 'free' } : { kind: 'deferred' }),
  };
}
