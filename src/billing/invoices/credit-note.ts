/**
 * Corrections. CDRs and issued documents never change; a credit note (numbered in its own
 * gap-free series) takes back all or part of a receipt or invoice, and by default the money
 * goes back the way it came: a card refund through Stripe, or a wallet credit.
 */
import { fail, ok, type Result } from '../../result.ts';
import type { AccountRepo } from '../accounts/account.repo.ts';
import { parseAmount } from '../money.ts';
import type { PaymentRepo } from '../payments/payment.repo.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { DocumentLine } from './document.ts';
import type { InvoiceRow, InvoiceService } from './invoice.service.ts';

interface StoredLine {
  description: string;
  quantity: string | null;
  unit: string | null;
  unitPrice: string | null;
  vatPercent: string | null;
  exclMinor: string;
}

export function createCreditNotes(deps: { invoices: InvoiceService; payments: PaymentsService; paymentRepo: PaymentRepo; accounts: AccountRepo }) {
  return async function creditNote(docId: string, body: { reason: string; amountExclVat?: string | undefined; refund?: boolean | undefined }): Promise<Result<InvoiceRow>> {
    const doc = await deps.invoices.get(docId);
    if (!doc) return fail('NOT_FOUND', 'No invoice with this id.');
    if (doc.kind === 'credit_note') return fail('CONFLICT', 'A credit note cannot itself be credited.');
    const stored = doc.lines as StoredLine[];
    let lines: DocumentLine[];
    if (body.amountExclVat === undefined) {
      lines = stored.map((l) => ({ ...l, description: `Credit: ${l.description}`, exclMinor: -BigInt(l.exclMinor) }));
    } else {
      const amount = parseAmount(body.amountExclVat, doc.currency);
      if (amount === null || amount <= 0n || amount > doc.totalExclMinor) return fail('VALIDATION_FAILED', `amountExclVat must be more than zero and at most ${doc.totalExclMinor} minor units of ${doc.currency}.`);
      const rate = (doc.vat as Array<{ percent: string | null }>)[0]?.percent ?? null;
      lines = [{ description: `Credit: ${body.reason}`, quantity: null, unit: null, unitPrice: null, vatPercent: rate, exclMinor: -amount }];
    }
    const account = doc.accountId ? await deps.accounts.byId(doc.accountId) : null;
    const note = await deps.invoices.issue({ kind: 'credit_note', account, driverId: doc.driverId, sessionId: doc.sessionId, refersTo: doc.id, currency: doc.currency, lines, status: 'paid', note: body.reason });
    if (body.refund !== false && doc.status === 'paid') {
      let owed = -note.totalInclMinor;
      const paid = doc.kind === 'receipt' && doc.sessionId ? await deps.paymentRepo.ofSession(doc.sessionId) : await deps.paymentRepo.ofInvoice(doc.id);
      for (const p of paid) {
        const left = p.capturedMinor - p.refundedMinor;
        if (owed <= 0n || left <= 0n) continue;
        const part = owed < left ? owed : left;
        const r = await deps.payments.refund(p.id, part, `credit note ${note.number}: ${body.reason}`);
        if (r.ok) owed -= part;
      }
    }
    return ok(note);
  };
}
