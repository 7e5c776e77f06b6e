/**
 * Stripe's webhooks: POST /api/v1/billing/stripe/webhook. The signature (Stripe-Signature,
 * checked by the SDK against STRIPE_WEBHOOK_SECRET) is over the exact bytes, so this route
 * reads its body raw. A bad signature is a 400; each event is handled once.
 */
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import type { App } from '../../http/types.ts';
import type { Logger } from '../../log.ts';
import type { PaymentsService } from './payments.service.ts';
import type { StripeGateway } from './stripe-gateway.ts';

export function webhookRoutes(app: App, deps: { stripe: StripeGateway | null; payments: PaymentsService; log: Logger }): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post('/api/v1/billing/stripe/webhook', {
      config: { auth: 'public' },
      schema: { tags: ['billing'], summary: "Stripe's webhook endpoint (signed)", response: { 200: Type.Object({ received: Type.Boolean() }) } },
      handler: async (req) => {
        if (!deps.stripe) throw new AppError('NOT_FOUND', 'Card payments are not set up on this server.');
        const signature = req.headers['stripe-signature'];
        let event;
        try {
          event = deps.stripe.event(req.body as Buffer, String(signature ?? ''));
        } catch (err) {
          deps.log.warn({ err: (err as Error).message }, 'Stripe webhook with a bad signature refused');
          throw new AppError('VALIDATION_FAILED', 'The Stripe signature does not verify.');
        }
        await deps.payments.webhook(event);
        return { received: true };
      },
    });
  });
}
