/** REST for operators: billing accounts (drivers and fleets), wallets, fleet tokens, payments and refunds, plans, runs. */
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { errorResponses, ListOf, page, Paging } from '../../http/schemas.ts';
import type { App } from '../../http/types.ts';
import { subscriptionPlans } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { unwrap } from '../../result.ts';
import { Account, AccountPatch, IdParam, NewFleet, NewPlan, Payment, Plan, Refund, Subscription, Wallet, WalletAdjust } from '../billing.schemas.ts';
import { type BillingCore, jobs } from '../core.ts';
import { parseAmount } from '../money.ts';
import { Q } from '../pricing/rational.ts';
import { paymentView, planView, subscriptionView } from '../views.ts';

export function accountRoutes(app: App, core: BillingCore): void {
  const tags = ['billing'];
  const { accounts } = core;
  const noAccount = () => new AppError('NOT_FOUND', 'No billing account with this id.');
  const found = async (id: string) => (await accounts.repo.byId(id)) ?? Promise.reject(noAccount());

  app.get('/api/v1/billing/accounts', {
    config: { auth: 'billing:read' },
    schema: { tags, summary: 'Billing accounts', querystring: Paging, response: { 200: ListOf(Account), ...errorResponses } },
    handler: async (req) => {
      const p = page(req.query);
      return { items: (await accounts.repo.list(p.limit, p.offset)).map(accounts.view) };
    },
  });

  app.post('/api/v1/billing/accounts', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Create a fleet (postpaid) account: its tokens\' sessions go on one monthly invoice', body: NewFleet, response: { 201: Account, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(accounts.view(await accounts.createFleet(req.body))),
  });

  app.get('/api/v1/billing/accounts/:id', {
    config: { auth: 'billing:read' },
    schema: { tags, summary: 'A billing account', params: IdParam, response: { 200: Account, ...errorResponses } },
    handler: async (req) => accounts.view(await found(req.params.id)),
  });

  app.patch('/api/v1/billing/accounts/:id', {
    config: { auth: 'billing:write' },
    schema: {
      tags,
      summary: 'Change a billing account',
      description: '`status: "blocked"` refuses every token of the account (Blocked); `"active"` clears a debtor.',
      params: IdParam,
      body: AccountPatch,
      response: { 200: Account, ...errorResponses },
    },
    handler: async (req) => accounts.view(unwrap(await accounts.update(req.params.id, req.body))),
  });

  app.get('/api/v1/billing/accounts/:id/wallet', {
    config: { auth: 'billing:read' },
    schema: { tags, summary: "An account's wallet and its last movements", params: IdParam, response: { 200: Wallet, ...errorResponses } },
    handler: async (req) => (await accounts.wallet(req.params.id)) ?? Promise.reject(noAccount()),
  });

  app.post('/api/v1/billing/accounts/:id/wallet', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Credit (or, negative, debit) a wallet by hand', params: IdParam, body: WalletAdjust, response: { 200: Type.Object({ balance: Type.String(), booked: Type.Boolean() }), ...errorResponses } },
    handler: async (req) => unwrap(await accounts.adjustWallet(req.params.id, req.body.amount, req.body.reference, req.body.note)),
  });

  const TokenParam = Type.Object({ id: Type.String({ format: 'uuid' }), uid: Type.String({ minLength: 1, maxLength: 36 }) });
  app.put('/api/v1/billing/accounts/:id/tokens/:uid', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: "Make the account pay for a token's sessions", params: TokenParam, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (req, reply) => {
      await found(req.params.id);
      await accounts.repo.assignToken(req.params.uid, req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.delete('/api/v1/billing/accounts/:id/tokens/:uid', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Stop paying for a token', params: TokenParam, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (req, reply) => {
      if (!(await accounts.repo.unassignToken(req.params.uid))) throw new AppError('NOT_FOUND', 'The account does not pay for this token.');
      return reply.status(204).send(null);
    },
  });

  app.put('/api/v1/billing/accounts/:id/subscription', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Start a plan for an account', params: IdParam, body: Type.Object({ planId: Type.String({ format: 'uuid' }) }), response: { 201: Subscription, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(subscriptionView(unwrap(await core.statements.subscribe(await found(req.params.id), req.body.planId)))),
  });
  app.delete('/api/v1/billing/accounts/:id/subscription', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: "Cancel an account's plan at the end of its paid period", params: IdParam, response: { 200: Subscription, ...errorResponses } },
    handler: async (req) => subscriptionView(unwrap(await core.statements.cancel(req.params.id))),
  });

  app.get('/api/v1/billing/payments', {
    config: { auth: 'billing:read' },
    schema: { tags, summary: 'Payments, newest first', querystring: Type.Intersect([Paging, Type.Object({ accountId: Type.Optional(Type.String({ format: 'uuid' })) })]), response: { 200: ListOf(Payment), ...errorResponses } },
    handler: async (req) => ({ items: (await core.paymentRepo.list({ ...page(req.query), accountId: req.query.accountId })).map(paymentView) }),
  });

  app.post('/api/v1/billing/payments/:id/refund', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Refund a payment (all that is left of it, or `amount`)', params: IdParam, body: Refund, response: { 200: Payment, ...errorResponses } },
    handler: async (req) => {
      const p = await core.paymentRepo.byId(req.params.id);
      if (!p) throw new AppError('NOT_FOUND', 'No payment with this id.');
      const amount = req.body.amount === undefined ? null : parseAmount(req.body.amount, p.currency);
      if (req.body.amount !== undefined && amount === null) throw new AppError('VALIDATION_FAILED', `amount has more decimals than ${p.currency} allows.`);
      return paymentView(unwrap(await core.payments.refund(p.id, amount, req.body.reason)));
    },
  });

  app.get('/api/v1/plans', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Subscription plans', response: { 200: ListOf(Plan), ...errorResponses } },
    handler: async () => ({ items: (await core.db.select().from(subscriptionPlans)).map(planView) }),
  });

  app.post('/api/v1/plans', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Create a subscription plan: monthly fee, included kWh, own tariff', body: NewPlan, response: { 201: Plan, ...errorResponses } },
    handler: async (req, reply) => {
      const b = req.body;
      const cur = b.currency ?? core.accounts.defaultCurrency;
      const fee = parseAmount(b.monthlyFee, cur);
      if (fee === null) throw new AppError('VALIDATION_FAILED', `monthlyFee has more decimals than ${cur} allows.`);
      const [row] = await core.db
        .insert(subscriptionPlans)
        .values({ name: b.name, currency: cur, monthlyFeeMinor: fee, vatPercent: b.vatPercent ?? '0', includedWh: Number(Q.parse(b.includedKwh ?? '0')!.mul(Q.of(1000)).floor()), tariffId: b.tariffId ?? null, active: b.active ?? true })
        .returning();
      return reply.status(201).send(planView(row!));
    },
  });

  app.patch('/api/v1/plans/:id', {
    config: { auth: 'billing:write' },
    schema: { tags, summary: 'Retire a plan (or bring it back), or change its tariff', params: IdParam, body: Type.Object({ active: Type.Optional(Type.Boolean()), tariffId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])) }, { additionalProperties: false }), response: { 200: Plan, ...errorResponses } },
    handler: async (req) => {
      const [row] = await core.db.update(subscriptionPlans).set(req.body).where(eq(subscriptionPlans.id, req.params.id)).returning();
      if (!row) throw new AppError('NOT_FOUND', 'No plan with this id.');
      return planView(row);
    },
  });

  app.post('/api/v1/billing/runs/:job', {
    config: { auth: 'billing:write' },
    schema: {
      tags,
      summary: 'Run a billing job now: statements (monthly statements and renewals), retries (failed payments), finalize (missed CDRs)',
      params: Type.Object({ job: Type.Union([Type.Literal('statements'), Type.Literal('retries'), Type.Literal('finalize')]) }),
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await core.scheduler.runNow(jobs[req.params.job]);
      return reply.status(204).send(null);
    },
  });
}
