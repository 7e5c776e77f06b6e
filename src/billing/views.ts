/** Rows as the API shows them: money as decimal strings, times as ISO text. */
import type { PaymentMethodRow, PlanRow, SubscriptionRow, WalletRow } from './accounts/account.repo.ts';
import type { InvoiceRow } from './invoices/invoice.service.ts';
import { formatMinor } from './money.ts';
import type { PaymentRow } from './payments/payment.repo.ts';
import type { CdrRow } from './rating/rating.service.ts';
import type { InvoiceView } from './billing.schemas.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const kwhOf = (wh: number) => (wh / 1000).toFixed(3);

export const paymentView = (p: PaymentRow) => ({
  id: p.id,
  accountId: p.accountId,
  provider: p.provider,
  purpose: p.purpose,
  sessionId: p.sessionId,
  invoiceId: p.invoiceId,
  currency: p.currency,
  amount: formatMinor(p.amountMinor, p.currency),
  authorized: formatMinor(p.authorizedMinor, p.currency),
  captured: formatMinor(p.capturedMinor, p.currency),
  refunded: formatMinor(p.refundedMinor, p.currency),
  status: p.status,
  attempts: p.attempts,
  nextAttemptAt: iso(p.nextAttemptAt),
  lastError: p.lastError,
  createdAt: p.createdAt.toISOString(),
});

export const methodView = (m: PaymentMethodRow) => ({ id: m.id, brand: m.brand, last4: m.last4, expMonth: m.expMonth, expYear: m.expYear, isDefault: m.isDefault });

export const walletEntryView = (w: WalletRow, currency: string) => ({
  kind: w.kind,
  amount: formatMinor(w.amountMinor, currency),
  balanceAfter: formatMinor(w.balanceAfterMinor, currency),
  reference: w.reference,
  note: w.note,
  at: w.at.toISOString(),
});

export const planView = (p: PlanRow) => ({
  id: p.id,
  name: p.name,
  currency: p.currency,
  monthlyFee: formatMinor(p.monthlyFeeMinor, p.currency),
  vatPercent: p.vatPercent,
  includedKwh: kwhOf(p.includedWh),
  tariffId: p.tariffId,
  active: p.active,
});

export const subscriptionView = (s: SubscriptionRow) => ({
  id: s.id,
  planId: s.planId,
  status: s.status,
  startedAt: s.startedAt.toISOString(),
  currentPeriodStart: s.currentPeriodStart.toISOString(),
  currentPeriodEnd: s.currentPeriodEnd.toISOString(),
  cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  includedKwhUsed: kwhOf(s.includedWhUsed),
});

/** The CDR in the shape of OCPI 2.2.1's CDR object (snake_case), with the priced lines. */
export function cdrView(c: CdrRow) {
  const cost = c.cost as Record<string, unknown>;
  return {
    ...cost,
    id: c.id,
    session_id: c.sessionId,
    start_date_time: c.startedAt.toISOString(),
    end_date_time: c.endedAt.toISOString(),
    station_id: c.stationId,
    evse_id: c.evseId,
    connector_id: c.connectorId,
    transaction_id: c.transactionId,
    token_uid: c.tokenUid,
    driver_id: c.driverId,
    account_id: c.accountId,
    currency: c.currency,
    tariff: c.tariff ? { id: c.tariffId, version: c.tariffVersion, ...(c.tariff as object) } : null,
    total_cost: { excl_vat: formatMinor(c.totalExclMinor, c.currency), incl_vat: formatMinor(c.totalInclMinor, c.currency) },
    total_vat: formatMinor(c.totalVatMinor, c.currency),
    total_energy: (cost.total_energy as string | undefined) ?? kwhOf(Number(c.energyWh)),
    total_time: (cost.total_time as string | undefined) ?? '0',
    total_parking_time: (cost.total_parking_time as string | undefined) ?? '0',
    last_updated: c.createdAt.toISOString(),
  };
}

export const invoiceView = (i: InvoiceRow): InvoiceView => ({
  id: i.id,
  kind: i.kind as InvoiceView['kind'],
  number: i.number,
  accountId: i.accountId,
  driverId: i.driverId,
  sessionId: i.sessionId,
  refersTo: i.refersTo,
  currency: i.currency,
  issuedAt: i.issuedAt.toISOString(),
  periodStart: iso(i.periodStart),
  periodEnd: iso(i.periodEnd),
  seller: i.seller as Record<string, unknown>,
  buyer: i.buyer as Record<string, unknown>,
  lines: i.lines as Array<Record<string, unknown>>,
  vat: i.vat as InvoiceView['vat'],
  totalExclVat: formatMinor(i.totalExclMinor, i.currency),
  totalVat: formatMinor(i.totalVatMinor, i.currency),
  totalInclVat: formatMinor(i.totalInclMinor, i.currency),
  status: i.status as InvoiceView['status'],
  dueAt: iso(i.dueAt),
  paidAt: iso(i.paidAt),
  note: i.note,
  pdf: `/api/v1/invoices/${i.id}/pdf`,
});
