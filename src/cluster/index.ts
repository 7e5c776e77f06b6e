/**
 * Cluster mode (REDIS_URL): the parts of a node that Redis shares with the others. Live
 * events reach every node (RedisEventBus), recurring jobs run once across the cluster
 * (RedisScheduler), and the gateway reaches stations held by other nodes (ClusterStations).
 * PostgreSQL stays the one store of record; Redis holds only what can be rebuilt: leases,
 * locks and messages in flight.
 */
import type { Logger } from '../log.ts';
import { RedisEventBus } from './event-bus.ts';
import { connectRedis } from './redis.ts';
import { RedisScheduler } from './scheduler.ts';
import { ClusterStations } from './stations.ts';

export interface ClusterConfig {
  redisUrl: string;
  prefix: string;
  leaseSec: number;
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;

export async function startCluster(config: ClusterConfig, o: { log: Logger; node: string }) {
  const log = o.log.child({ component: 'cluster', node: o.node });
  const redis = await connectRedis(config.redisUrl, log);
  const eventsChannel = `${config.prefix}:events`;
  const events = new RedisEventBus({ cmd: redis.cmd, channel: eventsChannel, node: o.node, log });
  const scheduler = new RedisScheduler({ cmd: redis.cmd, prefix: config.prefix, node: o.node, log });
  const stations = new ClusterStations({ cmd: redis.cmd, prefix: config.prefix, node: o.node, leaseMs: config.leaseSec * 1000, log });
  redis.sub.on('message', (channel: string, message: string) => {
    if (channel === eventsChannel) events.receive(message);
    else if (channel === stations.channel) stations.receive(message);
  });
  await redis.sub.subscribe(eventsChannel, stations.channel);
  log.info({ prefix: config.prefix, leaseSec: config.leaseSec }, 'cluster mode: joined through Redis');

  return {
    node: o.node,
    events,
    scheduler,
    stations,
    leaseMs: config.leaseSec * 1000,
    /** The command connection, for what else keeps shared counts in Redis (the API's rate limits). */
    redis: redis.cmd,
    /** Starts renewing this node's leases (once the gateway serves its stations). */
    start: () => stations.start(),
    /**
     * Registers the job that marks the stations of dead nodes disconnected in the database
     * (their leases in Redis have run out already).
     */
    releaseDeadNodes(release: (isAlive: (node: string) => Promise<boolean>) => Promise<unknown>): void {
      scheduler.every('release-dead-nodes', config.leaseSec * 1000, () => release((node) => stations.isAlive(node)));
    },
    async close(): Promise<void> {
      await stations.stop();
      await redis.close();
    },
  };
}
