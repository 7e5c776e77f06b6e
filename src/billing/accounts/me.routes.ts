/**
 * REST for drivers: their own billing account, wallet and top-ups, saved cards and
 * subscription. Nothing here takes an account id: a driver reaches only their own.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth-hooks.ts';
import { errorResponses, ListOf, Nullable } from '../../http/schemas.ts';
import type { App } from '../../http/types.ts';
import { AppError } from '../../errors.ts';
import { unwrap } from '../../result.ts';
import { Account, AttachMethod, MyBillingPatch, Payment, PaymentMethod, Subscription, TopUp, Wallet } from '../billing.schemas.ts';
import type { BillingCore } from '../core.ts';
import { parseAmount } from '../money.ts';
import { methodView, paymentView, subscriptionView } from '../views.ts';

export function meRoutes(app: App, core: BillingCore): void {
  const tags = ['billing'];
  const { accounts } = core;

  async function mine(req: FastifyRequest) {
    const p = principalOf(req);
    if (p.type !== 'driver') throw new AppError('FORBIDDEN', 'These are a driver\'s own billing details; operators use /api/v1/billing/accounts.');
    const a = await accounts.forDriver(p.id);
    if (!a) throw new AppError('NOT_FOUND', 'No such driver.');
    return a;
  }

  function stripe() {
    if (!core.stripe) throw new AppError('CONFLICT', 'Card payments are not set up on this server (STRIPE_SECRET_KEY).');
    return core.stripe;
  }

  async function customer(req: FastifyRequest) {
    const a = await mine(req);
    if (a.stripeCustomerId) return { account: a, customer: a.stripeCustomerId };
    const id = await stripe().customer({ id: a.id, email: a.email, name: a.name });
    await accounts.repo.update(a.id, { stripeCustomerId: id });
    return { account: a, customer: id };
  }

  app.get('/api/v1/me/billing', {
    config: { auth: 'any' },
    schema: { tags, summary: 'My billing account: how I pay, my wallet balance', response: { 200: Account, ...errorResponses } },
    handler: async (req) => accounts.view(await mine(req)),
  });

  app.patch('/api/v1/me/billing', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Choose to pay by card or from a prepaid wallet', body: MyBillingPatch, response: { 200: Account, ...errorResponses } },
    handler: async (req) => accounts.view(unwrap(await accounts.update((await mine(req)).id, req.body))),
  });

  app.get('/api/v1/me/wallet', {
    config: { auth: 'any' },
    schema: { tags, summary: 'My wallet and its movements', response: { 200: Wallet, ...errorResponses } },
    handler: async (req) => (await accounts.wallet((await mine(req)).id)) ?? Promise.reject(new AppError('NOT_FOUND', 'No billing account.')),
  });

  app.post('/api/v1/me/wallet/top-ups', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Top up my wallet from my saved card', body: TopUp, response: { 201: Payment, ...errorResponses } },
    handler: async (req, reply) => {
      const a = await mine(req);
      stripe();
      const amount = parseAmount(req.body.amount, a.currency);
      if (amount === null || amount <= 0n) throw new AppError('VALIDATION_FAILED', `amount must be more than zero, with at most the decimals of ${a.currency}.`);
      const p = await core.payments.charge(a, amount, a.currency, 'topup', { key: `topup-${a.id}-${req.id}` });
      if (p.status !== 'succeeded') throw new AppError('CONFLICT', `The card was not charged: ${p.lastError ?? 'declined'}.`);
      return reply.status(201).send(paymentView(p));
    },
  });

  app.get('/api/v1/me/payments', {
    config: { auth: 'any' },
    schema: { tags, summary: 'My payments', response: { 200: ListOf(Payment), ...errorResponses } },
    handler: async (req) => ({ items: (await core.paymentRepo.list({ accountId: (await mine(req)).id, limit: 200, offset: 0 })).map(paymentView) }),
  });

  app.get('/api/v1/me/payment-methods', {
    config: { auth: 'any' },
    schema: { tags, summary: 'My saved cards', response: { 200: ListOf(PaymentMethod), ...errorResponses } },
    handler: async (req) => ({ items: (await accounts.repo.methods((await mine(req)).id)).map(methodView) }),
  });

  app.post('/api/v1/me/payment-methods/setup', {
    config: { auth: 'any' },
    schema: {
      tags,
      summary: 'Start saving a card: confirm the returned client secret with Stripe.js',
      description:
        'When Stripe confirms, its setup_intent.succeeded webhook saves the card as the default (so does POST /api/v1/me/payment-methods with the confirmed PaymentMethod id). In test mode Stripe\'s test cards (pm_card_visa) can be saved directly.',
      response: {
        200: Type.Object({
          setupIntentId: Type.String(),
          clientSecret: Nullable(Type.String()),
          publishableKey: Nullable(Type.String({ description: 'For Stripe.js (STRIPE_PUBLISHABLE_KEY); null when not configured' })),
          testMode: Type.Boolean({ description: 'Stripe test mode: test PaymentMethods such as pm_card_visa are accepted and nothing is charged' }),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const { account, customer: c } = await customer(req);
      const s = await stripe().setupIntent(c, `setup-${account.id}-${req.id}`);
      return { setupIntentId: s.id, clientSecret: s.clientSecret, ...stripe().client };
    },
  });

  app.post('/api/v1/me/payment-methods', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Save a card Stripe already holds (a PaymentMethod id) as my default', body: AttachMethod, response: { 201: PaymentMethod, ...errorResponses } },
    handler: async (req, reply) => {
      const { account, customer: c } = await customer(req);
      let pm;
      try {
        pm = await stripe().attach(req.body.paymentMethodId, c);
      } catch (err) {
        throw new AppError('VALIDATION_FAILED', `Stripe did not accept the card: ${(err as Error).message}`);
      }
      await accounts.repo.saveMethod({ id: pm.id, accountId: account.id, brand: pm.brand, last4: pm.last4, expMonth: pm.expMonth, expYear: pm.expYear });
      const saved = (await accounts.repo.methods(account.id)).find((m) => m.id === pm.id);
      if (!saved) throw new AppError('CONFLICT', 'This card is saved for another account.');
      return reply.status(201).send(methodView(saved));
    },
  });

  app.delete('/api/v1/me/payment-methods/:pm', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Remove a saved card', params: Type.Object({ pm: Type.String({ maxLength: 100 }) }), response: { 204: Type.Null(), ...errorResponses } },
    handler: async (req, reply) => {
      const a = await mine(req);
      if (!(await accounts.repo.removeMethod(a.id, req.params.pm))) throw new AppError('NOT_FOUND', 'No saved card with this id.');
      await core.stripe?.detach(req.params.pm).catch(() => undefined);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/me/subscription', {
    config: { auth: 'any' },
    schema: { tags, summary: 'My subscription', response: { 200: Subscription, ...errorResponses } },
    handler: async (req) => {
      const s = await accounts.repo.activeSubscription((await mine(req)).id);
      if (!s) throw new AppError('NOT_FOUND', 'No active subscription.');
      return subscriptionView(s);
    },
  });

  app.post('/api/v1/me/subscription', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Subscribe to a plan (the first month is billed now)', body: Type.Object({ planId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), response: { 201: Subscription, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(subscriptionView(unwrap(await core.statements.subscribe(await mine(req), req.body.planId)))),
  });

  app.delete('/api/v1/me/subscription', {
    config: { auth: 'any' },
    schema: { tags, summary: 'Cancel my subscription at the end of the paid month', response: { 200: Subscription, ...errorResponses } },
    handler: async (req) => subscriptionView(unwrap(await core.statements.cancel((await mine(req)).id))),
  });
}
