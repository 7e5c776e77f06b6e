/**
 * Recurring jobs once across the cluster: every node keeps the timers, and when a job's
 * interval passes, the nodes race for the slot `floor(now / interval)` in Redis (SET NX).
 * The winner runs it; a run still going on another node (a lock renewed while it lasts)
 * makes the winner skip. Node clocks are assumed to be kept by NTP: a skew of a second can at
 * worst move a run, not double it within a slot.
 */
import type { Redis } from 'ioredis';
import { type Job, LocalScheduler } from '../jobs/index.ts';
import type { Logger } from '../log.ts';

const MIN_RUNNING_LOCK_MS = 30_000;

export class RedisScheduler extends LocalScheduler {
  readonly #cmd: Redis;
  readonly #prefix: string;
  readonly #node: string;
  readonly #log: Logger;
  readonly #now: () => number;

  constructor(o: { cmd: Redis; prefix: string; node: string; log: Logger; now?: () => number }) {
    super(o.log);
    this.#cmd = o.cmd;
    this.#prefix = o.prefix;
    this.#node = o.node;
    this.#log = o.log.child({ component: 'scheduler' });
    this.#now = o.now ?? Date.now;
  }

  protected override async tick(job: Job): Promise<void> {
    const slot = Math.floor(this.#now() / job.intervalMs);
    const won = await this.#cmd
      .set(`${this.#prefix}:job:${job.name}:slot:${slot}`, this.#node, 'PX', job.intervalMs * 2, 'NX')
      .catch((err: unknown) => {
        this.#log.warn({ err, job: job.name }, 'could not reach Redis for a job lock; the run is skipped');
        return null;
      });
    if (won !== 'OK') return;
    const running = `${this.#prefix}:job:${job.name}:running`;
    const lease = Math.max(job.intervalMs, MIN_RUNNING_LOCK_MS);
    if ((await this.#cmd.set(running, this.#node, 'PX', lease, 'NX').catch(() => null)) !== 'OK') {
      this.#log.info({ job: job.name }, 'the previous run is still going on another node; skipped');
      return;
    }
    const renew = setInterval(() => void this.#cmd.pexpire(running, lease).catch(() => {}), lease / 3);
    renew.unref();
    try {
      await this.runNow(job.name);
    } finally {
      clearInterval(renew);
      await this.#cmd.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, running, this.#node).catch(() => {});
    }
  }
}
