/**
 * Monthly statements. Postpaid (fleet) accounts get one invoice per calendar month (in
 * BILLING_TIME_ZONE) with every session of all their tokens; subscriptions get one per
 * subscription period: the next month's fee and the sessions of the month that ended, priced
 * by the plan's tariff with its included energy already taken off. A statement is charged to
 * the saved card when there is one, else left open until its due date.
 */
import { and, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { BillingConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { billingAccounts, cdrs, invoicedCdrs, invoices, sessionBilling, subscriptionPlans, subscriptions } from '../../db/schema/index.ts';
import type { Logger } from '../../log.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { AccountRow } from '../accounts/account.repo.ts';
import { addDays, instantOf, localParts } from '../pricing/local-time.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { CdrRow } from '../rating/rating.service.ts';
import { formatMinor, parseAmount } from '../money.ts';
import type { DocumentLine } from './document.ts';
import type { InvoiceRow, InvoiceService } from './invoice.service.ts';

type SubscriptionRow = typeof subscriptions.$inferSelect;
type PlanRow = typeof subscriptionPlans.$inferSelect;

const addMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));

/** One line per session and VAT rate, as the session was priced. */
function sessionLines(c: CdrRow): DocumentLine[] {
  const vat = ((c.cost as { vat?: Array<{ percent: string | null; base: string }> }).vat ?? []).filter((v) => v.base !== '0' && !/^0\.0*$/.test(v.base));
  const kwh = (Number(c.energyWh) / 1000).toFixed(3);
  return vat.map((v) => ({
    description: `Charging at ${c.stationId}, ${c.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${kwh} kWh)`,
    quantity: kwh,
    unit: 'kWh',
    unitPrice: null,
    vatPercent: v.percent,
    exclMinor: (parseAmount(v.base.replace(/^-/, ''), c.currency) ?? 0n) * (v.base.startsWith('-') ? -1n : 1n),
    sessionId: c.sessionId,
  }));
}

export function createStatementService(deps: { db: Db; clock: Clock; log: Logger; config: BillingConfig; invoices: InvoiceService; payments: PaymentsService }) {
  const { db, clock, config } = deps;

  /** Unbilled, priced CDRs of an account's sessions paid in `mode`, ended before `before`. */
  async function unbilled(accountId: string, mode: string, before: Date, subscriptionId?: string): Promise<CdrRow[]> {
    const rows = await db
      .select({ c: cdrs })
      .from(cdrs)
      .innerJoin(sessionBilling, eq(sessionBilling.sessionId, cdrs.sessionId))
      .leftJoin(invoicedCdrs, eq(invoicedCdrs.cdrId, cdrs.id))
      .where(
        and(
          eq(sessionBilling.accountId, accountId),
          eq(sessionBilling.paymentMode, mode),
          subscriptionId ? eq(sessionBilling.subscriptionId, subscriptionId) : undefined,
          lt(cdrs.endedAt, before),
          gt(cdrs.totalInclMinor, 0n),
          sql`${invoicedCdrs.cdrId} IS NULL`,
        ),
      )
      .orderBy(cdrs.endedAt);
    return rows.map((r) => r.c);
  }

  /** Issues a statement and collects it: by card if the account has one, else open until due. */
  async function issue(account: AccountRow, currency: string, lines: DocumentLine[], period: { start: Date; end: Date }, cdrIds: string[], note: string): Promise<InvoiceRow> {
    const due = new Date(clock.now().getTime() + config.invoiceDueDays * 86_400_000);
    const inv = await deps.invoices.issue({ kind: 'invoice', account, driverId: account.driverId, currency, lines, periodStart: period.start, periodEnd: period.end, status: 'open', dueAt: due, cdrIds, note });
    if (inv.totalInclMinor > 0n && (await deps.payments.canCharge(account))) {
      await deps.payments.charge(account, inv.totalInclMinor, currency, 'invoice', { invoiceId: inv.id, key: `invoice-${inv.id}` });
    }
    deps.log.info({ accountId: account.id, invoice: inv.number, total: formatMinor(inv.totalInclMinor, currency) }, 'statement issued');
    return (await deps.invoices.get(inv.id))!;
  }

  function feeLine(plan: PlanRow, from: Date, to: Date): DocumentLine {
    return {
      description: `${plan.name}: monthly fee ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)}`,
      quantity: '1',
      unit: 'month',
      unitPrice: formatMinor(plan.monthlyFeeMinor, plan.currency),
      vatPercent: plan.vatPercent,
      exclMinor: plan.monthlyFeeMinor,
    };
  }

  /** The calendar month before `now`'s, in the billing time zone. */
  function previousMonth(now: Date): { start: Date; end: Date } {
    const tz = config.timeZone;
    const today = localParts(now.getTime(), tz).date;
    const thisMonth = `${today.slice(0, 7)}-01`;
    const lastMonth = `${addDays(thisMonth, -1).slice(0, 7)}-01`;
    return { start: new Date(instantOf(lastMonth, 0, tz)), end: new Date(instantOf(thisMonth, 0, tz)) };
  }

  async function renew(sub: SubscriptionRow): Promise<void> {
    const account = (await db.select().from(billingAccounts).where(eq(billingAccounts.id, sub.accountId)))[0];
    const plan = (await db.select().from(subscriptionPlans).where(eq(subscriptionPlans.id, sub.planId)))[0];
    if (!account || !plan) return;
    const used = await unbilled(account.id, 'subscription', sub.currentPeriodEnd, sub.id);
    const lines = used.flatMap(sessionLines);
    const continues = !sub.cancelAtPeriodEnd;
    const nextEnd = addMonth(sub.currentPeriodEnd);
    if (continues) lines.unshift(feeLine(plan, sub.currentPeriodEnd, nextEnd));
    await db
      .update(subscriptions)
      .set(continues ? { currentPeriodStart: sub.currentPeriodEnd, currentPeriodEnd: nextEnd, includedWhUsed: 0 } : { status: 'canceled' })
      .where(eq(subscriptions.id, sub.id));
    if (lines.length) await issue(account, plan.currency, lines, { start: sub.currentPeriodStart, end: sub.currentPeriodEnd }, used.map((c) => c.id), `Subscription ${plan.name}.`);
    if (!continues) deps.log.info({ subscriptionId: sub.id }, 'subscription ended');
  }

  return {
    previousMonth,

    /** Monthly run: statements for postpaid accounts (once per account and month), and subscription renewals. */
    async run(): Promise<{ statements: number; renewals: number }> {
      const now = clock.now();
      const period = previousMonth(now);
      let statements = 0;
      const postpaid = await db
        .selectDistinct({ accountId: sessionBilling.accountId })
        .from(sessionBilling)
        .where(and(eq(sessionBilling.paymentMode, 'postpaid'), sql`${sessionBilling.accountId} IS NOT NULL`));
      for (const { accountId } of postpaid) {
        const already = await db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.accountId, accountId!), eq(invoices.kind, 'invoice'), eq(invoices.periodStart, period.start)));
        if (already.length) continue;
        const account = (await db.select().from(billingAccounts).where(eq(billingAccounts.id, accountId!)))[0];
        const due = account ? await unbilled(account.id, 'postpaid', period.end) : [];
        if (!account || due.length === 0) continue;
        const byCurrency = new Map<string, CdrRow[]>();
        for (const c of due) byCurrency.set(c.currency, [...(byCurrency.get(c.currency) ?? []), c]);
        for (const [currency, list] of byCurrency) {
          await issue(account, currency, list.flatMap(sessionLines), period, list.map((c) => c.id), 'Monthly statement of all sessions of this account.');
          statements++;
        }
      }
      const ending = await db.select().from(subscriptions).where(and(eq(subscriptions.status, 'active'), lte(subscriptions.currentPeriodEnd, now)));
      for (const sub of ending) await renew(sub);
      return { statements, renewals: ending.length };
    },

    /** Starts a plan: the first month's fee is invoiced (and charged to the card) at once. */
    async subscribe(account: AccountRow, planId: string): Promise<Result<SubscriptionRow>> {
      const plan = (await db.select().from(subscriptionPlans).where(and(eq(subscriptionPlans.id, planId), eq(subscriptionPlans.active, true))))[0];
      if (!plan) return fail('NOT_FOUND', 'No active plan with this id.');
      const now = clock.now();
      const end = addMonth(now);
      const inserted = await db
        .insert(subscriptions)
        .values({ accountId: account.id, planId, startedAt: now, currentPeriodStart: now, currentPeriodEnd: end })
        .onConflictDoNothing()
        .returning();
      if (!inserted[0]) return fail('CONFLICT', 'This account already has an active subscription; cancel it first.');
      if (plan.monthlyFeeMinor > 0n) await issue(account, plan.currency, [feeLine(plan, now, end)], { start: now, end }, [], `Subscription ${plan.name}.`);
      return ok(inserted[0]);
    },

    /** Cancels at the end of the period already paid for. */
    async cancel(accountId: string): Promise<Result<SubscriptionRow>> {
      const [row] = await db
        .update(subscriptions)
        .set({ cancelAtPeriodEnd: true, canceledAt: clock.now() })
        .where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.status, 'active')))
        .returning();
      return row ? ok(row) : fail('NOT_FOUND', 'No active subscription.');
    },

    /** Open statements past their due date make their accounts debtors. */
    async markOverdue(): Promise<number> {
      const late = await deps.invoices.overdue(clock.now());
      const ids = [...new Set(late.map((i) => i.accountId).filter((x): x is string => !!x))];
      if (ids.length) await db.update(billingAccounts).set({ status: 'debtor' }).where(and(inArray(billingAccounts.id, ids), eq(billingAccounts.status, 'active')));
      return ids.length;
    },
  };
}

export type StatementService = ReturnType<typeof createStatementService>;
