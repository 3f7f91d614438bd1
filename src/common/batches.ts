/**
 * Work asked for side by side, done together: each batch takes every item pending when it begins,
 * one batch at a time, and items that arrive meanwhile go in the next. Under load one batch carries
 * many items for the cost of one round trip to the database; an item alone waits for nothing but
 * itself. An item is only ever answered by a batch that began after it was asked for, so what a
 * batch reads is at least as new as the moment each of its items was asked.
 */
export class Batches<T, R> {
  private pending: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running: Promise<void> | null = null;

  /** `work` answers the items of one batch, in their order. */
  constructor(private readonly work: (items: T[]) => Promise<R[]>) {}

  run(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const results = await this.work(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i]));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
      }
    }
    this.running = null;
  }
}

/**
 * Batches of lookups by key: each batch asks `read` once for its distinct keys, and answers each
 * key from the map it gives, or `missing` where it gives none.
 */
export function lookups<K, V>(read: (keys: K[]) => Promise<ReadonlyMap<K, V>>, missing: V): Batches<K, V> {
  return new Batches<K, V>(async (keys) => {
    const found = await read([...new Set(keys)]);
    return keys.map((key) => (found.has(key) ? (found.get(key) as V) : missing));
  });
}
