/**
 * Small in-memory read-through cache for hot market reads: entries expire after a per-entry TTL,
 * the least recently used go first once the total weight passes the bound, and concurrent misses
 * for one key share a single upstream call (single-flight). Failures are never cached.
 */
export interface TtlCacheOptions<V> {
  /** Upper bound of the summed weights of all entries. */
  maxWeight: number;
  /** A heavier value is served but not kept (default maxWeight). */
  maxEntryWeight?: number;
  /** Weight of one value, e.g. its serialized size; 1 by default. */
  weigh?: (value: V) => number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  weight: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private weightHeld = 0;
  private readonly weigh: (value: V) => number;
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions<V>) {
    this.weigh = options.weigh ?? (() => 1);
    this.now = options.now ?? Date.now;
  }

  /** Cached value for `key`, or the result of `load` (shared with concurrent callers) kept for `ttlMs`. */
  async getOrLoad(key: string, ttlMs: number, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    const loading = load().then(
      (value) => {
        this.inFlight.delete(key);
        if (ttlMs > 0) this.store(key, value, ttlMs);
        return value;
      },
      (err: unknown) => {
        this.inFlight.delete(key);
        throw err;
      },
    );
    this.inFlight.set(key, loading);
    return loading;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Summed weights of the entries held, never above `maxWeight`. */
  get totalWeight(): number {
    return this.weightHeld;
  }

  private store(key: string, value: V, ttlMs: number): void {
    const weight = this.weigh(value);
    if (weight > (this.options.maxEntryWeight ?? this.options.maxWeight)) return;
    this.remove(key);
    this.entries.set(key, { value, weight, expiresAt: this.now() + ttlMs });
    this.weightHeld += weight;
    for (const oldest of this.entries.keys()) {
      if (this.weightHeld <= this.options.maxWeight) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weightHeld -= entry.weight;
  }
}
