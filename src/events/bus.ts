import type { DomainEvent } from './types.ts';

export type Listener = (event: DomainEvent) => void;

export interface SubscribeOptions {
  /**
   * 'node' (the default): events published in this process, for reactions that must happen
   * once (billing a session, an alert). 'cluster': events of every node too, for what each node
   * shows or enforces locally (live API streams, disconnecting a removed station). In one
   * process the two are the same.
   */
  scope?: 'node' | 'cluster';
}

export interface EventBus {
  publish(event: DomainEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener, options?: SubscribeOptions): () => void;
}

/** In-process delivery. A listener that throws is isolated: the others still get the event. */
export class LocalEventBus implements EventBus {
  readonly #listeners = new Set<Listener>();
  readonly #onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  publish(event: DomainEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch (err) {
        this.#onError(err);
      }
    }
  }

  subscribe(listener: Listener, _options?: SubscribeOptions): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
