/**
 * Counts failed upgrade attempts per key in fixed windows. Only failures count: thousands of
 * honest stations behind one NAT address never trip it. The gateway uses two keys: the pair
 * (station id, address), so guessing one station's password is slowed without letting anyone
 * lock the real station out from elsewhere, and the address alone, with a higher limit, so
 * trying many ids from one place is slowed too.
 */
export class FailureLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #counts = new Map<string, { start: number; n: number }>();

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

  fail(key: string): void {
    const now = this.#now();
    const c = this.#counts.get(key);
    if (!c || now - c.start >= this.#windowMs) this.#counts.set(key, { start: now, n: 1 });
    else c.n++;
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
