/**
 * Live presence of the stations connected to this node: last-seen times are kept in memory
 * on every frame and written to the database in one statement every few seconds, so the
 * hot path does no write for it. The API overlays these values on what the database holds.
 */
export interface LivePresence {
  version: string;
  connectedAt: Date;
  lastSeenAt: Date;
}

export class PresenceTracker {
  readonly #live = new Map<string, LivePresence>();
  #dirty = new Map<string, Date>();

  connected(id: string, version: string, at: Date): void {
    this.#live.set(id, { version, connectedAt: at, lastSeenAt: at });
  }

  disconnected(id: string): void {
    this.#live.delete(id);
  }

  touch(id: string, at: Date): void {
    const p = this.#live.get(id);
    if (p && p.lastSeenAt < at) p.lastSeenAt = at;
    this.#dirty.set(id, at);
  }

  get(id: string): LivePresence | undefined {
    return this.#live.get(id);
  }

  get size(): number {
    return this.#live.size;
  }

  /** The stations connected here now, with their version and when they connected. */
  held(): Array<{ id: string; version: string; connectedAt: Date }> {
    return [...this.#live].map(([id, p]) => ({ id, version: p.version, connectedAt: p.connectedAt }));
  }

  /** Hands over the times not yet written and forgets them. */
  drain(): Array<{ id: string; at: Date }> {
    const out = [...this.#dirty].map(([id, at]) => ({ id, at }));
    this.#dirty = new Map();
    return out;
  }
}
