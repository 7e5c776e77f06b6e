/**
 * A token bucket per address for WebSocket upgrades: `burst` at once, refilled at `rate` per
 * second. It limits how fast one address may open connections, never how many it holds:
 * behind a carrier's NAT or a load balancer thousands of honest stations share an address and
 * reconnect together after an outage, so the burst is sized above such a storm and a refused
 * station is told when to come back (docs/adr/0028). A rate of 0 turns the limit off.
 */
export class HandshakeLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(ratePerSec: number, burst: number, now: () => number = Date.now) {
    this.#rate = ratePerSec;
    this.#burst = burst;
    this.#now = now;
  }

  /** Takes a token for this address: 0 when the handshake may go ahead, else the seconds to wait. */
  take(address: string): number {
    if (this.#rate <= 0) return 0;
    const now = this.#now();
    const b = this.#buckets.get(address) ?? { tokens: this.#burst, at: now };
    b.tokens = Math.min(this.#burst, b.tokens + ((now - b.at) / 1000) * this.#rate);
    b.at = now;
    this.#buckets.set(address, b);
    if (this.#buckets.size > 100_000) this.sweep();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.#rate);
  }

  /** Forgets addresses whose bucket has refilled: they behave as new. */
  sweep(): void {
    const now = this.#now();
    for (const [k, b] of this.#buckets) if (b.tokens + ((now - b.at) / 1000) * this.#rate >= this.#burst) this.#buckets.delete(k);
  }
}
