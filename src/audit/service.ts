import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../platform/db.ts';
import { auditEvents } from '../platform/schema.ts';
import type { Origin } from '../platform/origin.ts';

export type SecurityEvent =
  | 'sign_up'
  | 'email_verified'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_blocked'
  | 'password_check_failed'
  | 'account_locked'
  | 'account_unlocked'
  | 'password_reset_requested'
  | 'password_reset_completed'
  | 'password_changed'
  | 'sign_out'
  | 'sign_out_everywhere'
  | 'details_updated'
  | 'second_factor_passed'
  | 'second_factor_failed'
  | 'second_factor_locked'
  | 'step_up'
  | 'authenticator_app_added'
  | 'authenticator_app_removed'
  | 'security_key_added'
  | 'security_key_renamed'
  | 'security_key_removed'
  | 'recovery_codes_generated'
  | 'recovery_code_used'
  | 'factor_recovery_requested'
  | 'factor_recovery_declined'
  | 'factors_reset'
  | 'second_factor_nudge_dismissed'
  | 'provider_sign_in'
  | 'provider_linked'
  | 'provider_unlinked'
  | 'provider_account_created'
  // Identity providers (src/federation)
  | 'provider_sign_in_failed'
  | 'provider_email_sent'
  // Organizations (src/organizations)
  | 'organization_requested'
  | 'organization_approved'
  | 'organization_refused'
  | 'organization_suspended'
  | 'member_role_changed'
  | 'member_removed'
  | 'security_code_created'
  | 'security_code_revoked'
  | 'security_code_redeemed'
  | 'security_code_failed'
  // Staff console (src/staff)
  | 'audit_exported'
  | 'sessions_ended_by_staff'
  | 'authority_role_granted'
  | 'authority_role_removed'
  | 'two_factor_roles_changed';

/** Appends one row; call it with the transaction of the change it records. */
export async function recordEvent(
  tx: Executor,
  entry: {
    authorityId: string | null;
    event: SecurityEvent;
    actorId: string | null;
    subjectId: string | null;
    origin: Origin;
    at: Date;
    details?: Record<string, unknown>;
  },
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

export function eventsAbout(db: Executor, subjectId: string, limit = 20) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, subjectId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
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
