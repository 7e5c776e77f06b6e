/**
 * Receipts (one per paid session), monthly statements (postpaid fleets and subscriptions),
 * and credit notes (the only way to correct what a CDR or document said). Each is numbered
 * gap-free in the transaction that issues it, carries the seller from configuration and a
 * snapshot of the buyer, and never changes afterwards except its payment status.
 */
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.ts';
import type { BillingConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { invoicedCdrs, invoices } from '../../db/schema/index.ts';
import type { EventBus } from '../../events/index.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { AccountRow } from '../accounts/account.repo.ts';
import type { CdrRow } from '../rating/rating.service.ts';
import { type DocumentLine, linesJson, totalsOf, vatJson } from './document.ts';
import { type DocumentKind, nextNumber } from './numbering.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface IssueInput {
  kind: DocumentKind;
  account: AccountRow | null;
  driverId: string | null;
  sessionId?: string | null;
  refersTo?: string | null;
  currency: string;
  lines: DocumentLine[];
  periodStart?: Date | null;
  periodEnd?: Date | null;
  status: 'open' | 'paid';
  dueAt?: Date | null;
  note?: string | null;
  cdrIds?: string[];
}

interface CdrCostJson {
  breakdown?: Array<{ type: string; volume: string; unit: string; unitPrice: string | null; vatPercent: string | null; exclVat: string }>;
  vat?: Array<{ percent: string | null; base: string }>;
}

const LABEL: Record<string, string> = {
  ENERGY: 'Energy',
  TIME: 'Charging time',
  PARKING_TIME: 'Idle time (connected, not charging)',
  FLAT: 'Session fee',
  MIN_PRICE: 'Minimum price adjustment',
  MAX_PRICE: 'Maximum price adjustment',
};

/** A CDR's lines, as priced (amounts excl. VAT in minor units). */
export function cdrLines(cdr: CdrRow, minorOf: (decimal: string, currency: string) => bigint): DocumentLine[] {
  const c = cdr.cost as CdrCostJson;
  return (c.breakdown ?? []).map((b) => ({
    description: `${LABEL[b.type] ?? b.type}, ${cdr.stationId} ${cdr.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    quantity: b.volume,
    unit: b.unit,
    unitPrice: b.unitPrice,
    vatPercent: b.vatPercent,
    exclMinor: minorOf(b.exclVat, cdr.currency),
    sessionId: cdr.sessionId,
  }));
}

export function createInvoiceService(deps: { db: Db; clock: Clock; config: BillingConfig; events: EventBus }) {
  const { db, config } = deps;

  function buyer(a: AccountRow | null) {
    return a ? { accountId: a.id, name: a.name, email: a.email, address: a.address, vatId: a.vatId } : { accountId: null, name: 'Walk-in customer' };
  }

  async function issueIn(tx: Tx, d: IssueInput): Promise<InvoiceRow> {
    const now = deps.clock.now();
    const totals = totalsOf(d.lines);
    const number = await nextNumber(tx, d.kind, now.getUTCFullYear(), config.numberPrefix);
    const [row] = await tx
      .insert(invoices)
      .values({
        kind: d.kind,
        number,
        accountId: d.account?.id ?? null,
        driverId: d.driverId ?? d.account?.driverId ?? null,
        sessionId: d.sessionId ?? null,
        refersTo: d.refersTo ?? null,
        currency: d.currency,
        issuedAt: now,
        periodStart: d.periodStart ?? null,
        periodEnd: d.periodEnd ?? null,
        seller: config.seller,
        buyer: buyer(d.account),
        lines: linesJson(d.lines, d.currency),
        vat: vatJson(totals.vat, d.currency),
        totalExclMinor: totals.excl,
        totalVatMinor: totals.vatTotal,
        totalInclMinor: totals.incl,
        status: d.status,
        dueAt: d.dueAt ?? null,
        paidAt: d.status === 'paid' ? now : null,
        note: d.note ?? null,
      })
      .returning();
    if (d.cdrIds?.length) await tx.insert(invoicedCdrs).values(d.cdrIds.map((cdrId) => ({ cdrId, invoiceId: row!.id })));
    return row!;
  }

  function announce(row: InvoiceRow): InvoiceRow {
    deps.events.publish({ type: 'invoice.issued', invoiceId: row.id, kind: row.kind, number: row.number, driverId: row.driverId, accountId: row.accountId, at: deps.clock.now().toISOString() });
    return row;
  }

  return {
    async issue(d: IssueInput): Promise<InvoiceRow> {
      return announce(await db.transaction((tx) => issueIn(tx, d)));
    },

    /** The receipt of a paid session (at most one per session). */
    async receipt(cdr: CdrRow, account: AccountRow | null, lines: DocumentLine[], note: string): Promise<InvoiceRow> {
      const [existing] = await db.select().from(invoices).where(and(eq(invoices.sessionId, cdr.sessionId), eq(invoices.kind, 'receipt')));
      if (existing) return existing;
      return announce(
        await db.transaction((tx) =>
          issueIn(tx, { kind: 'receipt', account, driverId: cdr.driverId, sessionId: cdr.sessionId, currency: cdr.currency, lines, status: 'paid', note, periodStart: cdr.startedAt, periodEnd: cdr.endedAt }),
        ),
      );
    },

    async markPaid(id: string): Promise<Result<InvoiceRow>> {
      const [row] = await db.update(invoices).set({ status: 'paid', paidAt: deps.clock.now() }).where(and(eq(invoices.id, id), eq(invoices.status, 'open'))).returning();
      if (row) return ok(row);
      const [any] = await db.select().from(invoices).where(eq(invoices.id, id));
      return any ? fail('CONFLICT', `This ${any.kind.replace('_', ' ')} is already ${any.status}.`) : fail('NOT_FOUND', 'No invoice with this id.');
    },

    get: async (id: string) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0] ?? null,

    async list(f: { driverId?: string | undefined; accountId?: string | undefined; kind?: string | undefined; status?: string | undefined; limit: number; offset: number }): Promise<{ rows: InvoiceRow[]; total: number }> {
      const conds: SQL[] = [];
      if (f.driverId) conds.push(eq(invoices.driverId, f.driverId));
      if (f.accountId) conds.push(eq(invoices.accountId, f.accountId));
      if (f.kind) conds.push(eq(invoices.kind, f.kind));
      if (f.status) conds.push(eq(invoices.status, f.status));
      const where = conds.length ? and(...conds) : undefined;
      const [rows, count] = await Promise.all([
        db.select().from(invoices).where(where).orderBy(desc(invoices.issuedAt), desc(invoices.number)).limit(f.limit).offset(f.offset),
        db.select({ n: sql<number>`count(*)::int` }).from(invoices).where(where),
      ]);
      return { rows, total: count[0]?.n ?? 0 };
    },

    /** CDRs already on a statement. */
    async invoiced(cdrIds: string[]): Promise<Set<string>> {
      if (cdrIds.length === 0) return new Set();
      const rows = await db.select({ id: invoicedCdrs.cdrId }).from(invoicedCdrs).where(inArray(invoicedCdrs.cdrId, cdrIds));
      return new Set(rows.map((r) => r.id));
    },

    overdue: (now: Date) => db.select().from(invoices).where(and(eq(invoices.status, 'open'), sql`${invoices.dueAt} < ${now}`)),
  };
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;
