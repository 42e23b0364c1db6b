import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import type { AuditEvent, AuditEvents, DetailsOf } from './events.ts';
import { auditEvents } from './schema.ts';

/** Appends one row; call it with the transaction of the change it records. */
export async function recordEvent<E extends AuditEvent>(
  tx: Executor,
  entry: {
    authorityId: string | null;
    event: E;
    actorId: string | null;
    subjectId: string | null;
    origin: Origin;
    at: Date;
  } & DetailsOf<E>,
): Promise<void> {
  await tx.insert(auditEvents).values({
    authorityId: entry.authorityId,
    event: entry.event,
    actorId: entry.actorId,
    subjectId: entry.subjectId,
    ip: entry.origin.ip,
    userAgent: entry.origin.userAgent?.slice(0, 512) ?? null,
    occurredAt: entry.at,
    details: entry.details ?? null,
  });
}

/**
 * The audit row of a change made by one SQL statement (the sign-in: one round trip), as the
 * statement's last part: `insert … select` from the rows a CTE named `from` returned, with their
 * `id` as actor and subject and their `authority_id`. Returns the inserted rows' actor ids.
 */
export function recordEventFrom<E extends AuditEvent>(
  from: string,
  entry: { event: E; origin: Origin; at: Date; details: AuditEvents[E] },
): SQL {
  return sql`insert into audit_events (authority_id, occurred_at, event, actor_id, subject_id, ip, user_agent, details)
    select authority_id, ${entry.at.toISOString()}::timestamptz, ${entry.event}, id, id, ${entry.origin.ip}, ${entry.origin.userAgent?.slice(0, 512) ?? null},
           ${JSON.stringify(entry.details)}::jsonb
      from ${sql.identifier(from)}
    returning actor_id as id`;
}

/** Where a chain breaks: the first row whose position, link or hash does not hold. */
export interface ChainBreak {
  authorityId: string | null;
  rowId: number | null;
  position: number;
  reason: 'missing_row' | 'wrong_link' | 'wrong_hash';
}

/**
 * Walks each authority's chain in order and recomputes every hash here, in Node, from the row's
 * content as the database states it: a row edited, inserted out of turn or deleted shows.
 */
export async function verifyAuditChain(db: Executor, authorityId?: string): Promise<{ rows: number; chains: number; breaks: ChainBreak[] }> {
  const filter = authorityId ? sql`where e.authority_id = ${authorityId}` : sql``;
  const rows = await queryRows<{ id: string; authority_id: string | null; chain_position: string; previous_hash: string | null; hash: string; content: string }>(
    db,
    sql`select e.id, e.authority_id, e.chain_position, e.previous_hash, e.hash, audit_event_content(e) as content
        from audit_events e ${filter} order by e.authority_id nulls first, e.chain_position`,
  );
  const breaks: ChainBreak[] = [];
  let chains = 0;
  let chain: string | null | undefined;
  let expectedPosition = 1;
  let previousHash: string | null = null;
  let broken = false;
  for (const row of rows) {
    if (row.authority_id !== chain || chains === 0) {
      chain = row.authority_id;
      chains += 1;
      expectedPosition = 1;
      previousHash = null;
      broken = false;
    }
    const position = Number(row.chain_position);
    if (!broken) {
      const reason =
        position !== expectedPosition
          ? 'missing_row'
          : row.previous_hash !== previousHash
            ? 'wrong_link'
            : row.hash !== chainHash(previousHash, row.content)
              ? 'wrong_hash'
              : null;
      if (reason) {
        broken = true;
        breaks.push({ authorityId: row.authority_id, rowId: Number(row.id), position: reason === 'missing_row' ? expectedPosition : position, reason });
      }
    }
    expectedPosition = position + 1;
    previousHash = row.hash;
  }
  return { rows: rows.length, chains, breaks };
}

function chainHash(previousHash: string | null, content: string): string {
  return createHash('sha256').update(`${previousHash ?? ''}\x1e${content}`, 'utf8').digest('hex');
}
