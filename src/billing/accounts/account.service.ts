/**
 * Who pays for a session, and whether they may start one. A token a fleet account holds is
 * paid by the fleet (postpaid); any other token by its driver's own account, created on first
 * need in the configured payment mode. Tokens with neither (operator cards) charge unbilled.
 */
import type { AuthorizationCheck, Decision } from '../../authorization/index.ts';
import type { Clock } from '../../clock.ts';
import type { BillingConfig } from '../../config.ts';
import { fail, ok, type Result } from '../../result.ts';
import { formatMinor, parseAmount } from '../money.ts';
import { walletEntryView } from '../views.ts';
import type { AccountRepo, AccountRow } from './account.repo.ts';

export type PaymentMode = 'card' | 'wallet' | 'postpaid' | 'subscription' | 'none';

export interface AccountDeps {
  repo: AccountRepo;
  clock: Clock;
  config: BillingConfig;
  /** Whether card payments can be taken (Stripe is configured). */
  cardsEnabled: boolean;
  driver(id: string): Promise<{ email: string; name: string | null } | null>;
  /** Whether a session by this token at this station would be priced at all. */
  priced(stationId: string, token: { uid: string; groupId: string | null }, planTariffId: string | null): Promise<boolean>;
}

export function accountView(a: AccountRow, config: BillingConfig) {
  return {
    id: a.id,
    kind: a.kind as 'driver' | 'fleet',
    driverId: a.driverId,
    name: a.name,
    email: a.email,
    address: a.address,
    vatId: a.vatId,
    paymentMode: a.paymentMode as 'card' | 'wallet' | 'postpaid',
    status: a.status as 'active' | 'debtor' | 'blocked',
    currency: a.currency,
    walletBalance: formatMinor(a.walletBalanceMinor, a.currency),
    walletMinimum: formatMinor(a.walletMinimumMinor ?? parseAmount(config.walletMinimum, a.currency) ?? 0n, a.currency),
    createdAt: a.createdAt.toISOString(),
  };
}

export function createAccountService(deps: AccountDeps) {
  const { repo, config } = deps;

  const minimumOf = (a: AccountRow) => a.walletMinimumMinor ?? parseAmount(config.walletMinimum, a.currency) ?? 0n;

  async function forDriver(driverId: string): Promise<AccountRow | null> {
    const existing = await repo.byDriver(driverId);
    if (existing) return existing;
    const d = await deps.driver(driverId);
    if (!d) return null;
    return repo.ensureDriver({ kind: 'driver', driverId, name: d.name, email: d.email, paymentMode: config.driverPaymentMode, currency: config.currency });
  }

  async function payerFor(token: { uid: string | null; driverId: string | null }): Promise<AccountRow | null> {
    const fleet = token.uid ? await repo.forToken(token.uid) : null;
    if (fleet) return fleet;
    return token.driverId ? forDriver(token.driverId) : null;
  }

  /** How the account's sessions are paid, now. */
  async function modeOf(a: AccountRow): Promise<PaymentMode> {
    if (await repo.activeSubscription(a.id)) return 'subscription';
    // Without Stripe, card accounts are billed monthly instead of refused (docs/adr/0009).
    if (a.paymentMode === 'card' && !deps.cardsEnabled) return 'postpaid';
    return a.paymentMode as PaymentMode;
  }

  /** The authorization check billing adds: blocked and debtor accounts, empty wallets, missing cards. */
  const creditCheck: AuthorizationCheck = async (d: Decision, req): Promise<Decision> => {
    if (!d.token) return d;
    const account = await payerFor({ uid: d.token.uid, driverId: d.token.driverId });
    if (!account) return d;
    if (account.status === 'blocked') return { ...d, status: 'Blocked', reason: 'billing account blocked' };
    if (account.status === 'debtor' && config.blockDebtors) return { ...d, status: 'Blocked', reason: 'unpaid bills' };
    const mode = await modeOf(account);
    if (mode !== 'wallet' && mode !== 'card') return d;
    const sub = await repo.activeSubscription(account.id);
    const plan = sub ? await repo.plan(sub.planId) : null;
    if (!(await deps.priced(req.stationId, { uid: d.token.uid, groupId: d.token.groupId }, plan?.tariffId ?? null))) return d;
    if (mode === 'wallet' && account.walletBalanceMinor < minimumOf(account)) return { ...d, status: 'NoCredit', reason: 'wallet below its minimum' };
    if (mode === 'card' && !(await repo.defaultMethod(account.id))) return { ...d, status: 'NoCredit', reason: 'no payment card' };
    return d;
  };

  return {
    repo,
    defaultCurrency: config.currency,
    forDriver,
    payerFor,
    modeOf,
    creditCheck,
    minimumOf,
    view: (a: AccountRow) => accountView(a, config),

    /** The wallet's balance and its last 200 movements, as one consistent statement. */
    async wallet(id: string) {
      const s = await repo.walletStatement(id, 200);
      if (!s) return null;
      const v = accountView(s.account, config);
      return { currency: s.account.currency, balance: v.walletBalance, minimum: v.walletMinimum, entries: s.entries.map((w) => walletEntryView(w, s.account.currency)) };
    },

    async createFleet(b: { name: string; email?: string | undefined; address?: string | undefined; vatId?: string | undefined; currency?: string | undefined }): Promise<AccountRow> {
      return repo.create({ kind: 'fleet', name: b.name, email: b.email ?? null, address: b.address ?? null, vatId: b.vatId ?? null, paymentMode: 'postpaid', currency: b.currency ?? config.currency });
    },

    async update(
      id: string,
      p: { name?: string; email?: string; address?: string | null; vatId?: string | null; paymentMode?: 'card' | 'wallet' | 'postpaid'; status?: 'active' | 'debtor' | 'blocked'; walletMinimum?: string | null },
    ): Promise<Result<AccountRow>> {
      const a = await repo.byId(id);
      if (!a) return fail('NOT_FOUND', 'No billing account with this id.');
      let walletMinimumMinor: bigint | null | undefined;
      if (p.walletMinimum !== undefined) {
        walletMinimumMinor = p.walletMinimum === null ? null : parseAmount(p.walletMinimum, a.currency);
        if (walletMinimumMinor === null && p.walletMinimum !== null) return fail('VALIDATION_FAILED', `walletMinimum has more decimals than ${a.currency} allows.`);
      }
      const { walletMinimum: _drop, ...rest } = p;
      const row = await repo.update(id, { ...rest, ...(walletMinimumMinor !== undefined ? { walletMinimumMinor } : {}) });
      return ok(row!);
    },

    /** An operator credits (or, negative, debits) a wallet: cash at the desk, a bank transfer, a goodwill credit. */
    async adjustWallet(id: string, amount: string, reference: string, note: string | undefined): Promise<Result<{ balance: string; booked: boolean }>> {
      const a = await repo.byId(id);
      if (!a) return fail('NOT_FOUND', 'No billing account with this id.');
      const minor = parseAmount(amount.replace(/^-/, ''), a.currency);
      if (minor === null) return fail('VALIDATION_FAILED', `amount must be a decimal with at most the decimals of ${a.currency}.`);
      const signed = amount.startsWith('-') ? -minor : minor;
      const r = await repo.book({ accountId: id, kind: signed >= 0n ? 'topup' : 'adjustment', amountMinor: signed, reference, ...(note ? { note } : {}), at: deps.clock.now() });
      return ok({ balance: formatMinor(r.balance, a.currency), booked: r.booked });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
