/**
 * Group commit: the writes that must be durable before a station is answered (transactions,
 * meter values, statuses, boots) are queued for a few milliseconds and written together, many
 * stations' messages in one database transaction, so one commit (one WAL flush) serves them
 * all. Each caller's promise resolves only after that commit.
 *
 * Writes are spread over shards by a key (the station id): one batch in flight per shard, so
 * a station's writes stay in order, two batches never lock the same station's rows (no
 * deadlocks between batches), and a slow batch holds up only its own shard. A batch that
 * fails is retried item by item, each in its own transaction, so one bad write cannot fail
 * another station's.
 *
 * A writer turns a list of items of one kind into set-based SQL (BatchWriter); `run` takes any
 * function of a transaction for the writes that are too rare to deserve one.
 */
import type { Logger } from '../log.ts';
import type { Db } from './database.ts';

/** A transaction of the Drizzle layer. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface BatchWriter<I, O> {
  readonly name: string;
  /** Writes every item inside `tx`; returns one result per item, in order. */
  write(tx: Tx, items: I[]): Promise<O[]>;
}

export interface GroupCommitOptions {
  db: Db;
  log: Logger;
  /** How long the first write of a batch waits for others (ms); 0 writes as soon as the event loop turns. */
  windowMs: number;
  /** Batches in flight at once (each holds one database connection while it writes). */
  shards: number;
  /** Items per transaction at most. */
  maxBatch?: number;
}

interface Entry {
  writer: BatchWriter<unknown, unknown>;
  item: unknown;
  resolve: (v: unknown) => void;
  reject: (err: unknown) => void;
}

interface Shard {
  queue: Entry[];
  busy: boolean;
  timer: NodeJS.Timeout | undefined;
  idle: Promise<void> | undefined;
  wake: (() => void) | undefined;
}

type Work = (tx: Tx) => Promise<unknown>;

/** The writer behind `run`: each item is a function, called in turn inside the shared transaction. */
const works: BatchWriter<Work, unknown> = {
  name: 'work',
  async write(tx, items) {
    const out: unknown[] = [];
    for (const work of items) out.push(await work(tx));
    return out;
  },
};

/** FNV-1a: a cheap, stable spread of station ids over shards. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class GroupCommit {
  readonly #db: Db;
  readonly #log: Logger;
  readonly #windowMs: number;
  readonly #maxBatch: number;
  readonly #shards: Shard[];
  #closed = false;
  /** Counters for the benchmark and for operators (items written, transactions committed). */
  readonly stats = { items: 0, batches: 0, retried: 0 };

  constructor(o: GroupCommitOptions) {
    this.#db = o.db;
    this.#log = o.log.child({ component: 'group-commit' });
    this.#windowMs = o.windowMs;
    this.#maxBatch = o.maxBatch ?? 1000;
    this.#shards = Array.from({ length: Math.max(1, o.shards) }, () => ({ queue: [], busy: false, timer: undefined, idle: undefined, wake: undefined }));
  }

  /** Queues `item` for `writer`; resolves with its result once the batch holding it has committed. */
  submit<I, O>(key: string, writer: BatchWriter<I, O>, item: I): Promise<O> {
    if (this.#closed) return Promise.reject(new Error('The write path is closed'));
    const shard = this.#shards[hash(key) % this.#shards.length]!;
    return new Promise<O>((resolve, reject) => {
      shard.queue.push({ writer: writer as BatchWriter<unknown, unknown>, item, resolve: resolve as (v: unknown) => void, reject });
      this.#schedule(shard);
    });
  }

  /** Runs `work` in a transaction shared with other stations' writes; resolves after the commit. */
  run<T>(key: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.submit(key, works, work) as Promise<T>;
  }

  /** Writes everything queued and waits for it. */
  async flush(): Promise<void> {
    await Promise.all(
      this.#shards.map((s) => {
        if (s.queue.length === 0 && !s.busy) return undefined;
        clearTimeout(s.timer);
        s.timer = undefined;
        void this.#flush(s);
        s.idle ??= new Promise<void>((r) => (s.wake = r));
        return s.idle;
      }),
    );
  }

  /** Refuses new writes and writes what is queued. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #schedule(shard: Shard): void {
    if (shard.busy || shard.timer) return;
    if (shard.queue.length >= this.#maxBatch) {
      void this.#flush(shard);
      return;
    }
    shard.timer = setTimeout(() => {
      shard.timer = undefined;
      void this.#flush(shard);
    }, this.#windowMs);
  }

  async #flush(shard: Shard): Promise<void> {
    if (shard.busy || shard.queue.length === 0) return;
    shard.busy = true;
    const batch = shard.queue.splice(0, this.#maxBatch);
    try {
      const results = await this.#db.transaction((tx) => writeAll(tx, batch));
      this.stats.items += batch.length;
      this.stats.batches++;
      batch.forEach((e, i) => e.resolve(results[i]));
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else await this.#retryEach(batch, err);
    } finally {
      shard.busy = false;
      if (shard.queue.length > 0) this.#schedule(shard);
      else if (shard.wake) {
        shard.wake();
        shard.wake = undefined;
        shard.idle = undefined;
      }
    }
  }

  /** A batch failed: each item is written alone, so only the one at fault fails. */
  async #retryEach(batch: Entry[], err: unknown): Promise<void> {
    this.#log.warn({ err, items: batch.length }, 'a write batch failed; writing its items one by one');
    this.stats.retried += batch.length;
    for (const e of batch) {
      try {
        const [result] = await this.#db.transaction((tx) => e.writer.write(tx, [e.item]));
        this.stats.items++;
        this.stats.batches++;
        e.resolve(result);
      } catch (itemErr) {
        e.reject(itemErr);
      }
    }
  }
}

/**
 * Writes a batch: the items of each writer together, writers in the order they first appear.
 * Reordering across writers is safe because a station has one message write in flight at a
 * time (it waits for the answer, which waits for the commit).
 */
async function writeAll(tx: Tx, batch: Entry[]): Promise<unknown[]> {
  const groups = new Map<BatchWriter<unknown, unknown>, number[]>();
  batch.forEach((e, i) => {
    const g = groups.get(e.writer);
    if (g) g.push(i);
    else groups.set(e.writer, [i]);
  });
  const results = new Array<unknown>(batch.length);
  for (const [writer, indexes] of groups) {
    const out = await writer.write(
      tx,
      indexes.map((i) => batch[i]!.item),
    );
    if (out.length !== indexes.length) throw new Error(`Batch writer ${writer.name} returned ${out.length} results for ${indexes.length} items`);
    indexes.forEach((i, j) => (results[i] = out[j]));
  }
  return results;
}
