/**
 * Whether the database answers right now: one `SELECT 1` at a time, with a deadline, its
 * result reused for a moment so a storm of callers (health probes, stations booting during an
 * outage) costs one query. Asked when something failed or someone wants to know; it does not
 * poll on its own.
 */
import type { Database } from './database.ts';

export interface DatabaseHealthOptions {
  /** A probe that takes longer counts as unreachable (ms). */
  timeoutMs?: number;
  /** A result is reused this long (ms). */
  reuseMs?: number;
}

export class DatabaseHealth {
  readonly #database: Database;
  readonly #timeoutMs: number;
  readonly #reuseMs: number;
  #probe: Promise<boolean> | undefined;
  #last: { up: boolean; at: number } | undefined;

  constructor(database: Database, o: DatabaseHealthOptions = {}) {
    this.#database = database;
    this.#timeoutMs = o.timeoutMs ?? 2000;
    this.#reuseMs = o.reuseMs ?? 500;
  }

  /** The last result (true until a probe says otherwise). */
  get up(): boolean {
    return this.#last?.up ?? true;
  }

  /** Whether the database answers a query now. */
  check(): Promise<boolean> {
    if (this.#last && performance.now() - this.#last.at < this.#reuseMs) return Promise.resolve(this.#last.up);
    this.#probe ??= this.#run().finally(() => {
      this.#probe = undefined;
    });
    return this.#probe;
  }

  async #run(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.#timeoutMs);
    });
    const up = await Promise.race([
      this.#database.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      late,
    ]);
    clearTimeout(timer);
    this.#last = { up, at: performance.now() };
    return up;
  }
}
