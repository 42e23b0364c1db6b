type Callback = (error: Error | null, result: { current: number; ttl: number }) => void;

interface Window {
  current: number;
  startedAt: number;
}

const MAX_KEYS = 20_000;

/**
 * A fixed-window counter store for @fastify/rate-limit whose routes share one table: the plugin
 * gives every route its own store (`child`), which made the French and English addresses of a page
 * two counters (each language doubled every limit). Here a route's counter is named by its
 * `groupId` (the page name, set by `page()`), so both addresses count together.
 * Per process, like the plugin's own store.
 */
export class SharedRateLimitStore {
  readonly #windows = new Map<string, Window>();

  incr(key: string, callback: Callback, timeWindow: number): void {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) {
      window = { current: 0, startedAt: now };
      // Oldest first: a Map iterates in insertion order, and a renewed window is re-inserted.
      this.#windows.delete(key);
      if (this.#windows.size >= MAX_KEYS) this.#windows.delete(this.#windows.keys().next().value as string);
      this.#windows.set(key, window);
    }
    window.current += 1;
    callback(null, { current: window.current, ttl: window.startedAt + timeWindow - now });
  }

  read(key: string, callback: Callback, timeWindow: number): void {
    const now = Date.now();
    const window = this.#windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) return callback(null, { current: 0, ttl: 0 });
    callback(null, { current: window.current, ttl: window.startedAt + timeWindow - now });
  }

  /** A route without a group keeps a counter of its own, named by its method and address. */
  // The plugin's types call the argument route options; at run time it is the merged limit
  // parameters, with `groupId` and `routeInfo` (the route).
  child(options: unknown): SharedRateLimitStore {
    const params = options as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
    const prefix = params.groupId ? '' : `${String(params.routeInfo?.method ?? '')} ${params.routeInfo?.url ?? ''}|`;
    const parent = this;
    return Object.assign(Object.create(SharedRateLimitStore.prototype) as SharedRateLimitStore, {
      incr: (key: string, callback: Callback, timeWindow: number) => parent.incr(prefix + key, callback, timeWindow),
      read: (key: string, callback: Callback, timeWindow: number) => parent.read(prefix + key, callback, timeWindow),
      child: (next: unknown) => parent.child(next),
    });
  }
}
