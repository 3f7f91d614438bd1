/**
 * A bounded memory of values that never go stale by themselves (a committed case version, a
 * verified token): when full, the entry kept longest goes first. A Map keeps insertion order.
 */
export class Kept<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/**
 * Freezes an answer that is kept to be given again, all the way down: nothing can change it once
 * given, and HttpAdapter writes its JSON once.
 */
export function frozen<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}
