import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db.ts';
import { auditEvents } from '../platform/schema.ts';

export type SecurityEvent =
  | 'sign_up'
  | 'email_verified'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_blocked'
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
  | 'provider_sign_in'
  | 'provider_linked'
  | 'provider_unlinked'
  | 'provider_account_created'
  // Identity providers (src/federation)
  | 'provider_sign_in_failed'
  | 'provider_email_sent';

/** Where a request came from, as the audit records it. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

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

export function eventsOfAuthority(db: Executor, authorityId: string, limit = 100) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.authorityId, authorityId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
