/** REST: CDRs, receipts, invoices and credit notes (JSON and PDF). Drivers see their own. */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { principalOf, requireOperatorOrOwner } from '../../http/auth-hooks.ts';
import { errorResponses, ListOf, page, Paging } from '../../http/schemas.ts';
import type { App } from '../../http/types.ts';
import { AppError } from '../../errors.ts';
import { unwrap } from '../../result.ts';
import type { SessionRepo } from '../../sessions/index.ts';
import { Cdr, CreditNoteBody, IdParam, Invoice } from '../billing.schemas.ts';
import type { RatingService } from '../rating/rating.service.ts';
import { cdrView, invoiceView } from '../views.ts';
import type { createCreditNotes } from './credit-note.ts';
import type { InvoiceService } from './invoice.service.ts';
import { renderPdf } from './pdf.ts';

export interface InvoiceRouteDeps {
  invoices: InvoiceService;
  rating: RatingService;
  sessions: SessionRepo;
  creditNote: ReturnType<typeof createCreditNotes>;
  /** The billing account a driver's documents belong to. */
  driverAccount(driverId: string): Promise<string | null>;
}

export function invoiceRoutes(app: App, deps: InvoiceRouteDeps): void {
  const tags = ['billing'];

  async function visibleInvoice(req: FastifyRequest, id: string) {
    const inv = await deps.invoices.get(id);
    const p = principalOf(req);
    if (!inv) {
      requireOperatorOrOwner(req, 'billing:read', null);
      throw new AppError('NOT_FOUND', 'No invoice with this id.');
    }
    const mine = p.type === 'driver' && (inv.driverId === p.id || (inv.accountId !== null && inv.accountId === (await deps.driverAccount(p.id))));
    requireOperatorOrOwner(req, 'billing:read', p.type === 'driver' ? (mine ? p.id : 'someone else') : null);
    return inv;
  }

  app.get('/api/v1/sessions/:id/cdr', {
    config: { auth: 'any' },
    schema: { tags, summary: "A completed session's charge detail record (OCPI 2.2.1 CDR shape)", params: IdParam, response: { 200: Cdr, ...errorResponses } },
    handler: async (req) => {
      const s = await deps.sessions.byId(req.params.id);
      requireOperatorOrOwner(req, 'billing:read', principalOf(req).type === 'driver' ? (s?.driverId ?? '') : null);
      if (!s) throw new AppError('NOT_FOUND', 'No session with this id.');
      if (s.status !== 'completed') throw new AppError('NOT_FOUND', 'This session is still running: its CDR is written when it ends.');
      // Not written here: billing writes it as the session ends (a reboot closure waits, it may be reopened).
      const cdr = await deps.rating.cdrOf(s.id);
      if (!cdr) throw new AppError('NOT_FOUND', 'This session has no CDR yet; it is written when billing settles the session.');
      return cdrView(cdr);
    },
  });

  app.get('/api/v1/invoices', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: 'Receipts, invoices and credit notes, newest first (a driver sees their own)',
      querystring: Type.Intersect([
        Paging,
        Type.Object({
          kind: Type.Optional(Type.Union([Type.Literal('receipt'), Type.Literal('invoice'), Type.Literal('credit_note')])),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('paid'), Type.Literal('void')])),
          accountId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
      ]),
      response: { 200: ListOf(Invoice), ...errorResponses },
    },
    handler: async (req) => {
      const p = requireOperatorOrOwner(req, 'billing:read', null);
      const q = req.query;
      const own = p.type === 'driver' ? await deps.driverAccount(p.id) : null;
      if (p.type === 'driver' && !own) return { items: [], total: 0 };
      const { rows, total } = await deps.invoices.list({ ...page(q), kind: q.kind, status: q.status, accountId: p.type === 'driver' ? own! : q.accountId });
      return { items: rows.map(invoiceView), total };
    },
  });

  app.get('/api/v1/invoices/:id', {
    config: { auth: 'any' },
    schema: { tags, summary: 'A receipt, invoice or credit note', params: IdParam, response: { 200: Invoice, ...errorResponses } },
    handler: async (req) => invoiceView(await visibleInvoice(req, req.params.id)),
  });

  app.get('/api/v1/invoices/:id/pdf', {
    config: { auth: 'any' },
    schema: { tags, summary: 'The document as PDF', params: IdParam, produces: ['application/pdf'] },
    handler: async (req, reply) => {
      const inv = await visibleInvoice(req, req.params.id);
      const pdf = await renderPdf(inv);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${inv.number}.pdf"`).send(pdf);
    },
  });

  app.post('/api/v1/invoices/:id/mark-paid', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Record that an open invoice was paid (e.g. by bank transfer)', params: IdParam, response: { 200: Invoice, ...errorResponses } },
    handler: async (req) => invoiceView(unwrap(await deps.invoices.markPaid(req.params.id))),
  });

  app.post('/api/v1/invoices/:id/credit-note', {
    config: { auth: 'billing:write' },
    schema: {
      tags,
      summary: 'Correct a receipt or invoice with a credit note (all of it, or part), refunding what was paid',
      params: IdParam,
      body: CreditNoteBody,
      response: { 201: Invoice, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(invoiceView(unwrap(await deps.creditNote(req.params.id, req.body)))),
  });
}
