/**
 * Look-ups by key that arrive in the same turn of the event loop are answered by one query
 * (a thousand stations reconnecting at once cost one SELECT ... WHERE id = ANY, not a
 * thousand). A key missing from the answer resolves to null.
 */
const MAX_KEYS = 1000;

export class BatchLoader<V> {
  readonly #fetch: (keys: string[]) => Promise<Map<string, V>>;
  #pending = new Map<string, Array<{ resolve: (v: V | null) => void; reject: (e: unknown) => void }>>();
  #scheduled = false;

  constructor(fetch: (keys: string[]) => Promise<Map<string, V>>) {
    this.#fetch = fetch;
  }

  load(key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#run());
      }
    });
  }

  #run(): void {
    this.#scheduled = false;
    const all = this.#pending;
    this.#pending = new Map();
    const keys = [...all.keys()];
    for (let i = 0; i < keys.length; i += MAX_KEYS) {
      const chunk = keys.slice(i, i + MAX_KEYS);
      this.#fetch(chunk).then(
        (found) => {
          for (const k of chunk) for (const w of all.get(k)!) w.resolve(found.get(k) ?? null);
        },
        (err: unknown) => {
          for (const k of chunk) for (const w of all.get(k)!) w.reject(err);
        },
      );
    }
  }
}
