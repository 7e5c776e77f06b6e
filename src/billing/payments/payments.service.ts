/**
 * Payments around a session's life, whatever pays it: a hold at the start, coverage while it
 * runs (a raised hold, or a remote stop when a wallet runs dry or a card will not stretch),
 * collection at the end with a receipt, retries of what failed, refunds, and Stripe's webhooks.
 */
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Clock } from '../../clock.ts';
import type { CommandPort } from '../../commands/index.ts';
import type { BillingConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { billingAccounts, sessionBilling, stripeEvents } from '../../db/schema/index.ts';
import type { Logger } from '../../log.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { SessionRow } from '../../sessions/index.ts';
import type { AccountRow } from '../accounts/account.repo.ts';
import type { AccountService, PaymentMode } from '../accounts/account.service.ts';
import { cdrLines, type InvoiceService } from '../invoices/invoice.service.ts';
import { parseAmount } from '../money.ts';
import type { BindingRow, CdrRow } from '../rating/rating.service.ts';
import type { TariffService } from '../tariffs/tariff.service.ts';
import { cardProvider } from './card.provider.ts';
import type { PaymentRepo, PaymentRow } from './payment.repo.ts';
import type { PaymentProvider, SessionPayment } from './provider.ts';
import { nextAttemptAt } from './retry.ts';
import type { CardOutcome, StripeGateway } from './stripe-gateway.ts';
import { deferredProvider, walletProvider } from './wallet.provider.ts';

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  config: BillingConfig;
  accounts: AccountService;
  tariffs: TariffService;
  invoices: InvoiceService;
  payments: PaymentRepo;
  stripe: StripeGateway | null;
  commands: CommandPort;
}

const minorOf = (decimal: string, currency: string) => parseAmount(decimal.replace(/^-/, ''), currency)! * (decimal.startsWith('-') ? -1n : 1n);

export function createPaymentsService(deps: PaymentsDeps) {
  const { payments, clock, log, config } = deps;
  const card = deps.stripe
    ? cardProvider({ stripe: deps.stripe, accounts: deps.accounts.repo, payments, clock, incrementAtPercent: config.incrementAtPercent, retryHours: config.retryHours })
    : null;
  const providers: Partial<Record<PaymentMode, PaymentProvider>> = {
    wallet: walletProvider({ accounts: deps.accounts.repo, payments, clock }),
    postpaid: deferredProvider('postpaid'),
    subscription: deferredProvider('subscription'),
    ...(card ? { card } : {}),
  };

  async function context(s: SessionRow, b: BindingRow): Promise<{ p: SessionPayment; provider: PaymentProvider } | null> {
    if (!b.accountId || !b.tariffId || b.tariffVersion === null) return null;
    const provider = providers[b.paymentMode as PaymentMode];
    const account = await deps.accounts.repo.byId(b.accountId);
    const t = await deps.tariffs.version(b.tariffId, b.tariffVersion);
    if (!provider || !account || !t) return null;
    const hold = parseAmount(String(t.body.preauthorize_amount ?? config.preauthAmount), t.body.currency) ?? 0n;
    return { p: { session: s, binding: b, account, currency: t.body.currency, holdMinor: hold > 0n ? hold : 1n }, provider };
  }

  /** Asks the station to stop a session billing cannot cover; once. */
  async function stop(s: SessionRow, reason: string): Promise<void> {
    const [marked] = await deps.db
      .update(sessionBilling)
      .set({ stopRequestedAt: clock.now() })
      .where(eq(sessionBilling.sessionId, s.id))
      .returning({ at: sessionBilling.stopRequestedAt });
    if (!marked || s.status !== 'active') return;
    const outcome = await deps.commands.send(s.stationId, 'RemoteStop', { transactionId: s.transactionId });
    log.warn({ sessionId: s.id, reason, outcome: outcome.ok ? outcome.reply.status : outcome.reason }, 'billing stopped a session');
  }

  async function debtor(accountId: string): Promise<void> {
    await deps.db.update(billingAccounts).set({ status: 'debtor' }).where(eq(billingAccounts.id, accountId));
    log.warn({ accountId }, 'payment retries exhausted: account is a debtor');
  }

  async function receipt(cdr: CdrRow, account: AccountRow, note: string) {
    return deps.invoices.receipt(cdr, account, cdrLines(cdr, minorOf), note);
  }

  async function succeeded(p: PaymentRow): Promise<void> {
    const account = await deps.accounts.repo.byId(p.accountId);
    if (p.invoiceId) await deps.invoices.markPaid(p.invoiceId);
    if (p.purpose === 'topup' && account) {
      await deps.accounts.repo.book({ accountId: account.id, kind: 'topup', amountMinor: p.capturedMinor, reference: p.id, note: 'card top-up', at: clock.now() });
    }
    if (p.purpose === 'session' && p.sessionId && account) {
      const all = await payments.ofSession(p.sessionId);
      const cdr = await deps.db.query.cdrs.findFirst({ where: (c, { eq: is }) => is(c.sessionId, p.sessionId!) });
      if (cdr && all.every((x) => x.status === 'succeeded' || x.status === 'canceled')) await receipt(cdr, account, 'Paid by card.');
    }
  }

  return {
    async started(s: SessionRow, b: BindingRow): Promise<void> {
      const c = await context(s, b);
      if (!c) return;
      const r = await c.provider.start(c.p);
      if (!r.ok) await stop(s, r.reason);
    },

    async running(s: SessionRow, b: BindingRow, costMinor: bigint): Promise<void> {
      if (b.stopRequestedAt) return;
      const c = await context(s, b);
      if (!c) return;
      const r = await c.provider.running(c.p, costMinor);
      if (r.stop) await stop(s, r.reason);
    },

    async ended(s: SessionRow, b: BindingRow, cdr: CdrRow): Promise<void> {
      const c = await context(s, b);
      if (!c) return;
      const settled = await c.provider.settle(c.p, cdr);
      log.info({ sessionId: s.id, mode: c.provider.mode, settlement: settled.kind }, 'session settled');
      if (settled.kind === 'paid') await receipt(cdr, c.p.account, settled.note);
    },

    /** Tries failed payments again when their time has come. */
    async retryDue(): Promise<number> {
      const due = await payments.dueRetries(clock.now());
      for (const p of due) {
        const account = await deps.accounts.repo.byId(p.accountId);
        const method = account ? await deps.accounts.repo.defaultMethod(account.id) : null;
        const owed = p.amountMinor - p.capturedMinor;
        const attempt = p.attempts + 1;
        const outcome =
          deps.stripe && account?.stripeCustomerId && method
            ? await deps.stripe.charge({ customer: account.stripeCustomerId, paymentMethod: method.id, amountMinor: owed, currency: p.currency, key: `retry-${p.id}-${attempt}`, metadata: { paymentId: p.id } })
            : ({ ok: false, code: 'no_card', message: 'no saved card' } as const);
        if (outcome.ok) {
          const done = await payments.update(p.id, { status: 'succeeded', capturedMinor: p.amountMinor, attempts: attempt, nextAttemptAt: null, lastError: null, stripePaymentIntent: outcome.intentId });
          log.info({ paymentId: p.id, attempt }, 'payment retry succeeded');
          await succeeded(done);
          continue;
        }
        const next = nextAttemptAt(attempt, config.retryHours, clock.now());
        await payments.update(p.id, { attempts: attempt, nextAttemptAt: next, lastError: `${outcome.code}: ${outcome.message}` });
        if (!next) await debtor(p.accountId);
      }
      return due.length;
    },

    /** Whether a card can be charged for this account now. */
    async canCharge(account: AccountRow): Promise<boolean> {
      return Boolean(deps.stripe && account.stripeCustomerId && (await deps.accounts.repo.defaultMethod(account.id)));
    },

    /** Charges a saved card now (statements, subscription fees, wallet top-ups). */
    async charge(account: AccountRow, amountMinor: bigint, currency: string, purpose: 'invoice' | 'topup' | 'subscription', ref: { invoiceId?: string; key: string }): Promise<PaymentRow> {
      const method = await deps.accounts.repo.defaultMethod(account.id);
      const outcome: CardOutcome =
        deps.stripe && account.stripeCustomerId && method
          ? await deps.stripe.charge({ customer: account.stripeCustomerId, paymentMethod: method.id, amountMinor, currency, key: ref.key, metadata: { accountId: account.id, purpose } })
          : { ok: false, code: 'no_card', message: 'no saved card' };
      const row = await payments.insert({
        accountId: account.id,
        provider: 'stripe',
        purpose,
        invoiceId: ref.invoiceId ?? null,
        currency,
        amountMinor,
        capturedMinor: outcome.ok ? amountMinor : 0n,
        status: outcome.ok ? 'succeeded' : 'failed',
        stripePaymentIntent: outcome.ok ? outcome.intentId : (outcome.intentId ?? null),
        attempts: 1,
        // A top-up that fails is not owed: only bills are retried.
        nextAttemptAt: outcome.ok || purpose === 'topup' ? null : nextAttemptAt(1, config.retryHours, clock.now()),
        lastError: outcome.ok ? null : `${outcome.code}: ${outcome.message}`,
      });
      if (outcome.ok) await succeeded(row);
      return row;
    },

    /** Gives money back: to the card it came from, or to the wallet. */
    async refund(paymentId: string, amountMinor: bigint | null, reason: string): Promise<Result<PaymentRow>> {
      const p = await payments.byId(paymentId);
      if (!p) return fail('NOT_FOUND', 'No payment with this id.');
      const left = p.capturedMinor - p.refundedMinor;
      const amount = amountMinor ?? left;
      if (amount <= 0n || amount > left) return fail('VALIDATION_FAILED', 'The refund must be more than zero and at most what was paid and not yet refunded.');
      if (p.provider === 'wallet') {
        await deps.accounts.repo.book({ accountId: p.accountId, kind: 'refund', amountMinor: amount, reference: `${p.id}/${p.refundedMinor + amount}`, note: reason, at: clock.now() });
      } else {
        if (!deps.stripe || !p.stripePaymentIntent) return fail('CONFLICT', 'This payment cannot be refunded here.');
        const r = await deps.stripe.refund(p.stripePaymentIntent, amount, p.currency, `refund-${p.id}-${p.refundedMinor + amount}`);
        if (!r.ok) return fail('CONFLICT', `Stripe refused the refund: ${r.message}`);
      }
      log.info({ paymentId, amount: String(amount), reason }, 'refund');
      return ok(await payments.update(p.id, { refundedMinor: p.refundedMinor + amount }));
    },

    /** A verified Stripe event, handled once. */
    async webhook(event: Stripe.Event): Promise<void> {
      const fresh = await deps.db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing().returning();
      if (fresh.length === 0) return;
      const obj = event.data.object as unknown as Record<string, unknown>;
      if (event.type === 'setup_intent.succeeded' && deps.stripe) {
        const account = (await deps.db.select().from(billingAccounts).where(eq(billingAccounts.stripeCustomerId, String(obj.customer))))[0];
        if (account && typeof obj.payment_method === 'string') {
          const pm = await deps.stripe.method(obj.payment_method);
          await deps.accounts.repo.saveMethod({ id: pm.id, accountId: account.id, brand: pm.brand, last4: pm.last4, expMonth: pm.expMonth, expYear: pm.expYear });
        }
        return;
      }
      const intentId = event.type === 'charge.refunded' ? String(obj.payment_intent) : String(obj.id);
      const p = await payments.byIntent(intentId);
      if (!p) return;
      const currency = p.currency;
      if (event.type === 'payment_intent.succeeded' && p.status !== 'succeeded') {
        const received = deps.stripe!.fromStripe(Number(obj.amount_received ?? 0), currency);
        await succeeded(await payments.update(p.id, { status: 'succeeded', capturedMinor: received, nextAttemptAt: null }));
      } else if (event.type === 'payment_intent.payment_failed' && p.status !== 'failed' && p.status !== 'succeeded') {
        await payments.update(p.id, { status: 'failed', attempts: p.attempts + 1, nextAttemptAt: nextAttemptAt(p.attempts + 1, config.retryHours, clock.now()), lastError: 'payment_intent.payment_failed' });
      } else if (event.type === 'payment_intent.canceled' && p.status === 'authorized') {
        // A hold Stripe let lapse: what the session owes is then charged afresh at its end.
        await payments.update(p.id, { status: 'canceled', authorizedMinor: 0n, lastError: 'hold canceled by Stripe' });
      } else if (event.type === 'charge.refunded') {
        await payments.update(p.id, { refundedMinor: deps.stripe!.fromStripe(Number(obj.amount_refunded ?? 0), currency) });
      }
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
