/**
 * Counts attempts per key in fixed windows, in memory or in Redis (shared by the cluster):
 * the per-account limit on failed sign-ins. @fastify/rate-limit runs one limiter per request, keyed before
 * the body is read; an account is named in the body, so this second count is kept here.
 */
import type { Redis } from 'ioredis';

export interface AttemptCounter {
  /** Counts one attempt; answers the count in this window and the milliseconds left of it. */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Takes back one attempt of the current window (one that turned out not to count). */
  undo(key: string): Promise<void>;
}

/** At most this many keys are remembered on one node; the oldest windows go first. */
const MAX_KEYS = 100_000;

export function memoryCounter(now: () => number = Date.now): AttemptCounter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    async hit(key, windowMs) {
      const t = now();
      let w = windows.get(key);
      if (!w || w.endsAt <= t) {
        windows.delete(key);
        if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value as string);
        w = { count: 0, endsAt: t + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      return { count: w.count, ttlMs: w.endsAt - t };
    },
    async undo(key) {
      const w = windows.get(key);
      if (w && w.endsAt > now() && w.count > 0) w.count -= 1;
    },
  };
}

// INCR and the expiry in one step: a key can never be left without its expiry.
const script = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

// Only a live window is taken back from; an expired key is not brought back without its expiry.
const undoScript = `
if redis.call('PTTL', KEYS[1]) > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

export function redisCounter(redis: Redis, prefix: string): AttemptCounter {
  return {
    async hit(key, windowMs) {
      const [count, ttlMs] = (await redis.eval(script, 1, `${prefix}${key}`, String(windowMs))) as [number, number];
      return { count, ttlMs: Math.max(0, ttlMs) };
    },
    async undo(key) {
      await redis.eval(undoScript, 1, `${prefix}${key}`);
    },
  };
}
