/**
 * One interface for every way a session is paid (docs/adr/0009): a card (Stripe hold, capture),
 * a prepaid wallet, a postpaid fleet account, a subscription. The orchestrator calls these at
 * the session's start, as its cost runs, and with its CDR at the end; it does not know which
 * kind it talks to.
 */
import type { AccountRow } from '../accounts/account.repo.ts';
import type { PaymentMode } from '../accounts/account.service.ts';
import type { BindingRow, CdrRow } from '../rating/rating.service.ts';
import type { SessionRow } from '../../sessions/index.ts';

export interface SessionPayment {
  session: SessionRow;
  binding: BindingRow;
  account: AccountRow;
  /** The tariff's currency. */
  currency: string;
  /** What a card holds at the start, in minor units (the tariff's preauthorize_amount, else the setting). */
  holdMinor: bigint;
}

export type Settlement = { kind: 'paid'; note: string } | { kind: 'deferred' } | { kind: 'free' } | { kind: 'failed'; reason: string };

export interface PaymentProvider {
  readonly mode: PaymentMode;
  /** The session started: reserve what it may cost. false: it could not; the session is stopped. */
  start(p: SessionPayment): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** The running cost (incl. VAT, minor units) changed: keep it covered, or ask to stop. */
  running(p: SessionPayment, costMinor: bigint): Promise<{ stop: false } | { stop: true; reason: string }>;
  /** Collect the final cost of the session's CDR. */
  settle(p: SessionPayment, cdr: CdrRow): Promise<Settlement>;
}
