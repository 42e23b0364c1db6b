import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './db.ts';

type Callback = (error: Error | null, result: { current: number; ttl: number }) => void;

/** Expired windows are deleted on about one counted request in this many (no timer to stop). */
const SWEEP_ONE_IN = 500;

/**
 * A fixed-window counter store for @fastify/rate-limit, in the database (`rate_limits`): every
 * process serving the portal counts in the same row, so three nodes behind a proxy allow what one
 * would. The window is timed by the database's clock, the one clock the nodes share. The plugin
 * gives every route its own store (`child`); here a route's counter is named by its `groupId` (the
 * page name, set by `page()`), so the French and English addresses of a page count together.
 */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  const incr = async (key: string, timeWindow: number) => {
    const [row] = await queryRows<{ hits: number; ttl: number }>(
      db,
      sql`insert into rate_limits as r (key, hits, expires_at) values (${key}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
          on conflict (key) do update set
            hits = case when r.expires_at <= clock_timestamp() then 1 else r.hits + 1 end,
            expires_at = case when r.expires_at <= clock_timestamp() then clock_timestamp() + ${timeWindow} * interval '1 millisecond' else r.expires_at end
          returning hits, greatest(0, ceil(extract(epoch from (expires_at - clock_timestamp())) * 1000))::integer as ttl`,
    );
    if (Math.random() * SWEEP_ONE_IN < 1) await db.execute(sql`delete from rate_limits where expires_at < clock_timestamp()`);
    return { current: Number(row!.hits), ttl: Number(row!.ttl) };
  };
  const read = async (key: string) => {
    const [row] = await queryRows<{ hits: number; ttl: number }>(
      db,
      sql`select hits, greatest(0, ceil(extract(epoch from (expires_at - clock_timestamp())) * 1000))::integer as ttl
            from rate_limits where key = ${key} and expires_at > clock_timestamp()`,
    );
    return row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: 0 };
  };
  const settle = (work: Promise<{ current: number; ttl: number }>, callback: Callback) =>
    void work.then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), { current: 0, ttl: 0 }),
    );

  const storeFor = (prefix: string): FastifyRateLimitStore & { read: FastifyRateLimitStore['incr'] } => ({
    incr: (key: string, callback: Callback, timeWindow: number) => settle(incr(prefix + key, timeWindow), callback),
    read: (key: string, callback: Callback) => settle(read(prefix + key), callback),
    /** A route without a group keeps a counter of its own, named by its method and address. */
    // The plugin's types call the argument route options; at run time it is the merged limit
    // parameters, with `groupId` and `routeInfo` (the route).
    child(options: unknown) {
      const params = options as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
      return storeFor(params.groupId ? `${params.groupId}|` : `${String(params.routeInfo?.method ?? '')} ${params.routeInfo?.url ?? ''}|`);
    },
  });
  // The plugin makes its store with `new`: a class whose instances are the root store.
  const root = storeFor('');
  return class DatabaseRateLimitStore {
    incr = root.incr;
    read = root.read;
    child = root.child;
  };
}
