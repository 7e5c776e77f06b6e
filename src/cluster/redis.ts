/**
 * Redis connections of a node: one for commands and one for subscriptions (a subscribed
 * connection can do nothing else). ioredis reconnects by itself; while Redis is away,
 * commands fail fast instead of queueing without bound.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

export interface RedisPair {
  cmd: Redis;
  sub: Redis;
  close(): Promise<void>;
}

export async function connectRedis(url: string, log: Logger): Promise<RedisPair> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, connectionName: 'straumur' };
  const cmd = new Redis(url, options);
  const sub = new Redis(url, options);
  for (const [name, r] of [['commands', cmd], ['subscriptions', sub]] as const) {
    r.on('error', (err: unknown) => log.warn({ err, connection: name }, 'Redis connection error'));
  }
  try {
    await Promise.all([cmd.connect(), sub.connect()]);
  } catch (err) {
    cmd.disconnect();
    sub.disconnect();
    throw new Error(`Redis at REDIS_URL is not reachable: ${(err as Error).message}`);
  }
  return {
    cmd,
    sub,
    async close() {
      await Promise.allSettled([cmd.quit(), sub.quit()]);
    },
  };
}
