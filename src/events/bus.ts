import type { DomainEvent } from './types.ts';

export type Listener = (event: DomainEvent) => void;

export interface EventBus {
  publish(event: DomainEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
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

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
