/**
 * A small local stand-in for the parts of Stripe's API Straumur uses, so the official SDK can
 * be tested here (Stripe's servers are unreachable). It speaks Stripe's wire format
 * (form-encoded requests, JSON objects, Stripe errors), replays the answer to a repeated
 * Idempotency-Key as Stripe does, records every request, and signs webhooks with the SDK.
 * Cards: pm_card_visa works; pm_card_chargeDeclined is declined (attaching either makes a new
 * PaymentMethod id, as Stripe does); `declineNext` declines the
 * next charge of any card.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface Recorded {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

interface Intent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  capture_method: 'manual' | 'automatic';
  status: string;
  metadata: Record<string, string>;
}

const id = (p: string) => `${p}_${randomBytes(8).toString('hex')}`;

/** Stripe's form encoding (a[b][c]=v) back into objects. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const keys = k.replace(/\]/g, '').split('[');
    let cur = out as Record<string, unknown>;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) cur[key] = v;
      else cur = (cur[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

export class StripeStandIn {
  readonly requests: Recorded[] = [];
  readonly intents = new Map<string, Intent>();
  declineNext = 0;
  #server: Server;
  #replies = new Map<string, { status: number; body: unknown }>();
  port = 0;
  readonly secretKey = 'sk_test_standin';
  readonly webhookSecret = `whsec_${randomBytes(12).toString('hex')}`;

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res.writeHead.bind(res), res.end.bind(res)));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }

  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: String(this.port), STRIPE_API_PROTOCOL: 'http' };
  }

  calls(pathPart: string): Recorded[] {
    return this.requests.filter((r) => r.path.includes(pathPart));
  }

  /** A signed webhook delivery, as Stripe would send it. */
  signed(type: string, object: unknown): { body: string; signature: string } {
    const body = JSON.stringify({ id: id('evt'), object: 'event', type, data: { object }, created: Math.floor(Date.now() / 1000), livemode: false, api_version: '2026-10-28.endive' });
    return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: this.webhookSecret }) };
  }

  async #handle(req: IncomingMessage, head: (s: number, h: Record<string, string>) => unknown, end: (b: string) => unknown): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? '').split('?')[0]!;
    const key = req.headers['idempotency-key'] as string | undefined;
    const params = parseForm(raw);
    this.requests.push({ method: req.method ?? '', path, params, idempotencyKey: key });
    const send = (status: number, body: unknown) => {
      if (key) this.#replies.set(`${req.method} ${path} ${key}`, { status, body });
      head(status, { 'content-type': 'application/json', 'request-id': id('req') });
      end(JSON.stringify(body));
    };
    const replay = key ? this.#replies.get(`${req.method} ${path} ${key}`) : undefined;
    if (replay) return void send(replay.status, replay.body);
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) return void send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    send(...this.#route(req.method ?? '', path, params));
  }

  #route(method: string, path: string, p: Record<string, unknown>): [number, unknown] {
    const m = (re: RegExp) => re.exec(path);
    const declined = (intent?: Intent): [number, unknown] => [
      402,
      { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', ...(intent ? { payment_intent: intent } : {}) } },
    ];
    if (method === 'POST' && path === '/v1/customers') return [200, { id: id('cus'), object: 'customer', email: p.email ?? null, metadata: p.metadata ?? {} }];
    if (method === 'POST' && path === '/v1/setup_intents') return [200, { id: id('seti'), object: 'setup_intent', client_secret: `${id('seti')}_secret_x`, status: 'requires_payment_method', customer: p.customer }];
    let r = m(/^\/v1\/payment_methods\/([^/]+)(\/attach|\/detach)?$/);
    if (r) {
      const declines = r[1]!.includes('Declined');
      const card = { brand: 'visa', last4: declines ? '0002' : '4242', exp_month: 12, exp_year: 2030 };
      // Like Stripe, attaching a test card token (pm_card_visa) makes a new PaymentMethod.
      const pmId = r[2] === '/attach' && r[1]!.startsWith('pm_card_') ? `${id('pm')}${declines ? 'Declined' : ''}` : r[1];
      return [200, { id: pmId, object: 'payment_method', type: 'card', card, customer: r[2] === '/attach' ? p.customer : null }];
    }
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(p.amount);
      const manual = p.capture_method === 'manual';
      const intent: Intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_capturable: manual ? amount : 0,
        amount_received: manual ? 0 : amount,
        currency: String(p.currency),
        customer: (p.customer as string) ?? null,
        payment_method: (p.payment_method as string) ?? null,
        capture_method: manual ? 'manual' : 'automatic',
        status: manual ? 'requires_capture' : 'succeeded',
        metadata: (p.metadata as Record<string, string>) ?? {},
      };
      if (String(p.payment_method).includes('Declined') || this.declineNext > 0) {
        if (this.declineNext > 0) this.declineNext--;
        intent.status = 'requires_payment_method';
        intent.amount_capturable = 0;
        intent.amount_received = 0;
        this.intents.set(intent.id, intent);
        return declined(intent);
      }
      this.intents.set(intent.id, intent);
      return [200, intent];
    }
    r = m(/^\/v1\/payment_intents\/([^/]+)\/(increment_authorization|capture|cancel)$/);
    if (r) {
      const intent = this.intents.get(r[1]!);
      if (!intent) return [404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } }];
      if (r[2] === 'increment_authorization') {
        if (intent.status !== 'requires_capture') return [400, { error: { type: 'invalid_request_error', message: 'not capturable' } }];
        intent.amount = Number(p.amount);
        intent.amount_capturable = intent.amount;
      } else if (r[2] === 'capture') {
        const amount = p.amount_to_capture === undefined ? intent.amount_capturable : Number(p.amount_to_capture);
        if (intent.status !== 'requires_capture' || amount > intent.amount_capturable) return [400, { error: { type: 'invalid_request_error', message: 'cannot capture' } }];
        intent.amount_received = amount;
        intent.amount_capturable = 0;
        intent.status = 'succeeded';
      } else {
        intent.status = 'canceled';
        intent.amount_capturable = 0;
      }
      return [200, intent];
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = this.intents.get(String(p.payment_intent));
      if (!intent) return [404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } }];
      return [200, { id: id('re'), object: 'refund', amount: Number(p.amount ?? intent.amount_received), payment_intent: intent.id, status: 'succeeded' }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } }];
  }
}
