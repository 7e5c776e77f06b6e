/**
 * Rate limits on the doors anyone may knock at: sign-in (attempts per address, and failed
 * attempts per account, so a password cannot be guessed from many addresses) and driver
 * registration (per address). @fastify/rate-limit keeps the per-address counts and
 * attempt-counter.ts the per-account ones, in memory on one node and in Redis in cluster mode,
 * so every node counts the same attempts. A route opts in with `config.limit`. A refusal is
 * 429 RATE_LIMITED with a sentence and Retry-After. If Redis is unreachable the limits are
 * skipped (sign-in still works); the failure is logged.
 */
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import { type AttemptCounter, memoryCounter, redisCounter } from './attempt-counter.ts';
import type { App } from './types.ts';

export type LimitGroup = 'sign-in' | 'registration';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A rate limit this route is subject to (src/http/rate-limits.ts). */
    limit?: LimitGroup;
  }
}

export interface RateLimitSettings {
  signInPerAddress: number;
  signInPerAccount: number;
  signInWindowSec: number;
  registrationPerAddress: number;
  registrationWindowSec: number;
}

const accountOf = (req: FastifyRequest) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

const refusal = (what: string) => (_req: FastifyRequest, ctx: { after: string }) =>
  new AppError('RATE_LIMITED', `Too many ${what}; try again in ${ctx.after}.`);

const inWords = (ms: number) => {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`;
};

/**
 * The per-account limit counts failed sign-ins only (a person signing in on several devices is
 * never refused). Each attempt takes a slot before the password is checked, so attempts sent
 * at once cannot all slip under the limit, and gives it back when it succeeds. Once the limit
 * is reached, attempts are refused without checking the password until the window ends.
 * Runs after validation, so the email comes from a checked body.
 */
function perAccount(s: RateLimitSettings, counter: AttemptCounter, log: (err: unknown) => void) {
  const key = (req: FastifyRequest) => `sign-in:${accountOf(req)}`;
  const counted = Symbol('sign-in attempt counted');
  const check: preHandlerHookHandler = async (req, reply) => {
    let hit: { count: number; ttlMs: number };
    try {
      hit = await counter.hit(key(req), s.signInWindowSec * 1000);
    } catch (err) {
      log(err); // Redis away: sign-in works, unlimited per account, as the per-address limit does
      return;
    }
    (req as unknown as Record<symbol, boolean>)[counted] = true;
    if (hit.count <= s.signInPerAccount) return;
    reply.header('retry-after', String(Math.ceil(hit.ttlMs / 1000)));
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this account; try again in ${inWords(hit.ttlMs)}.`);
  };
  // Before the answer leaves: the next attempt, however fast, sees this one's outcome.
  const settle: onSendHookHandler = async (req, reply, payload) => {
    if ((req as unknown as Record<symbol, boolean>)[counted] && reply.statusCode < 400) await counter.undo(key(req)).catch(log);
    return payload;
  };
  return { check, settle };
}

export async function installRateLimits(app: App, s: RateLimitSettings, store?: { redis: Redis; prefix: string }): Promise<void> {
  const counter = store ? redisCounter(store.redis, `${store.prefix}:attempts:`) : memoryCounter();
  const accountLimit = perAccount(s, counter, (err) => app.log.warn({ err }, 'sign-in attempt count unavailable'));
  // Before the plugin: its own onRoute hook reads the `rateLimit` this one sets.
  app.addHook('onRoute', (route) => {
    const group = (route.config as { limit?: LimitGroup } | undefined)?.limit;
    if (!group) return;
    const config = route.config as { rateLimit?: RateLimitOptions };
    if (group === 'sign-in') {
      config.rateLimit = { max: s.signInPerAddress, timeWindow: s.signInWindowSec * 1000, groupId: 'sign-in', errorResponseBuilder: refusal('sign-in attempts from this address') };
      route.preHandler = [...[route.preHandler ?? []].flat(), accountLimit.check];
      route.onSend = [...[route.onSend ?? []].flat(), accountLimit.settle];
    } else {
      config.rateLimit = { max: s.registrationPerAddress, timeWindow: s.registrationWindowSec * 1000, groupId: 'registration', errorResponseBuilder: refusal('registrations from this address') };
    }
  });
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(store ? { redis: store.redis, nameSpace: `${store.prefix}:rate-limit:` } : {}),
  });
}
