/**
 * Domain events across a cluster: every event is delivered here at once and published on one
 * Redis channel; the other nodes deliver it to their cluster-wide listeners (live API streams,
 * the gateway following the registry). Listeners for reactions that must happen once (scope
 * 'node') hear only the events of their own node.
 */
import type { Redis } from 'ioredis';
import type { EventBus, Listener, SubscribeOptions } from '../events/index.ts';
import type { DomainEvent } from '../events/types.ts';
import type { Logger } from '../log.ts';

export class RedisEventBus implements EventBus {
  readonly #node = new Set<Listener>();
  readonly #cluster = new Set<Listener>();
  readonly #cmd: Redis;
  readonly #channel: string;
  readonly #self: string;
  readonly #log: Logger;

  constructor(o: { cmd: Redis; channel: string; node: string; log: Logger }) {
    this.#cmd = o.cmd;
    this.#channel = o.channel;
    this.#self = o.node;
    this.#log = o.log;
  }

  publish(event: DomainEvent): void {
    this.#deliver(event, true);
    this.#cmd.publish(this.#channel, JSON.stringify({ from: this.#self, event })).catch((err: unknown) => {
      this.#log.warn({ err, type: event.type }, 'could not publish an event to the other nodes');
    });
  }

  subscribe(listener: Listener, options?: SubscribeOptions): () => void {
    const set = options?.scope === 'cluster' ? this.#cluster : this.#node;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** A message from the events channel. */
  receive(message: string): void {
    let parsed: { from?: string; event?: DomainEvent };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return this.#log.warn('unreadable message on the events channel');
    }
    if (parsed.from === this.#self || !parsed.event) return;
    this.#deliver(parsed.event, false);
  }

  #deliver(event: DomainEvent, local: boolean): void {
    const sets = local ? [this.#node, this.#cluster] : [this.#cluster];
    for (const set of sets) {
      for (const l of set) {
        try {
          l(event);
        } catch (err) {
          this.#log.error({ err }, 'event listener failed');
        }
      }
    }
  }
}
