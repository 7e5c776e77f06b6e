/**
 * Recurring jobs (retention, alert checks, billing runs, rollups). Capabilities register what
 * to run and how often; the scheduler decides where: in one process every job runs here, and
 * in cluster mode (REDIS_URL) an implementation with a shared lock makes each run happen on
 * one node only. A run that throws is logged and the job runs again next time.
 */
import type { Logger } from '../log.ts';

export interface Job {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
}

export interface Scheduler {
  /** Runs `run` every `intervalMs` (first run after one interval), one run at a time. */
  every(name: string, intervalMs: number, run: () => Promise<unknown>): void;
  /** Runs a registered job now (tests, operator actions); resolves when it is done. */
  runNow(name: string): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export class LocalScheduler implements Scheduler {
  readonly #log: Logger;
  readonly #jobs = new Map<string, Job>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #running = new Map<string, Promise<void>>();
  #started = false;

  constructor(log: Logger) {
    this.#log = log.child({ component: 'scheduler' });
  }

  every(name: string, intervalMs: number, run: () => Promise<unknown>): void {
    if (this.#jobs.has(name)) throw new Error(`Job ${name} is registered twice`);
    this.#jobs.set(name, { name, intervalMs, run });
    if (this.#started) this.#arm(name);
  }

  runNow(name: string): Promise<void> {
    const job = this.#jobs.get(name);
    if (!job) return Promise.reject(new Error(`No job named ${name}`));
    const current = this.#running.get(name);
    if (current) return current;
    const p = job
      .run()
      .then(() => undefined)
      .catch((err: unknown) => this.#log.error({ err, job: name }, 'job failed'))
      .finally(() => this.#running.delete(name));
    this.#running.set(name, p);
    return p;
  }

  start(): void {
    this.#started = true;
    for (const name of this.#jobs.keys()) this.#arm(name);
  }

  async stop(): Promise<void> {
    this.#started = false;
    for (const t of this.#timers.values()) clearInterval(t);
    this.#timers.clear();
    await Promise.all(this.#running.values());
  }

  /** A job's interval has passed: run it here (a cluster scheduler first decides whether this node runs it). */
  protected tick(job: Job): Promise<void> {
    return this.runNow(job.name);
  }

  #arm(name: string): void {
    const job = this.#jobs.get(name);
    if (!job || this.#timers.has(name)) return;
    const timer = setInterval(() => void this.tick(job), job.intervalMs);
    timer.unref();
    this.#timers.set(name, timer);
  }
}
