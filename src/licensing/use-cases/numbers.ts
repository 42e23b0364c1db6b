import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { licensingCounters } from '../schema.ts';

/**
 * The next number of a series (application references, file numbers) for an authority and
 * year, without gaps: the counter row is locked by the update until the caller's transaction ends,
 * and a rollback gives the number back.
 */
export async function nextNumber(tx: Executor, authorityId: string, series: 'application' | 'file', year: number): Promise<number> {
  const [row] = await tx
    .insert(licensingCounters)
    .values({ authorityId, series, year, last: 1 })
    .onConflictDoUpdate({ target: [licensingCounters.authorityId, licensingCounters.series, licensingCounters.year], set: { last: sql`${licensingCounters.last} + 1` } })
    .returning({ last: licensingCounters.last });
  if (!row) throw new Error('no number given');
  return row.last;
}
