/**
 * Counts failed upgrade attempts per key in fixed windows. Only failures count: thousands of
 * honest stations behind one NAT address never trip it. The gateway uses two keys: the pair
 * (station id, address), so guessing one station's password is slowed without letting anyone
 * lock the real station out from elsewhere, and the address alone, counting distinct station
 * ids, so trying many ids from one place is slowed while one misconfigured station retrying
 * forever behind a NAT counts once (docs/adr/0028).
 */
export class FailureLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #counts = new Map<string, { start: number; n: number; seen?: Set<string> }>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  blocked(key: string): boolean {
    const c = this.#counts.get(key);
    if (!c) return false;
    if (this.#now() - c.start >= this.#windowMs) {
      this.#counts.delete(key);
      return false;
    }
    return c.n >= this.#limit;
  }

  /** Counts a failure; with `distinct`, only the first failure of each distinct value in the window counts. */
  fail(key: string, distinct?: string): void {
    const now = this.#now();
    let c = this.#counts.get(key);
    if (!c || now - c.start >= this.#windowMs) {
      c = { start: now, n: 0 };
      this.#counts.set(key, c);
    }
    if (distinct !== undefined) {
      c.seen ??= new Set();
      if (c.seen.has(distinct)) return;
      // Past the limit the key is blocked anyway: stop remembering values.
      if (c.n < this.#limit) c.seen.add(distinct);
    }
    c.n++;
    if (this.#counts.size > 100_000) this.sweep();
  }

  reset(key: string): void {
    this.#counts.delete(key);
  }

  /** Forgets expired windows. */
  sweep(): void {
    const now = this.#now();
    for (const [k, c] of this.#counts) if (now - c.start >= this.#windowMs) this.#counts.delete(k);
  }
}
