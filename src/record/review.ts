import { eq } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import type { LocalDate } from '../platform/calendar.ts';
import type { Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { can } from './policies.ts';
import { type LateFilters, lateReports } from './queries.ts';
import { changeRequests } from './schema.ts';
import { describe, personOf, type RecordKit } from './service.ts';
import { changeTransitions } from './states.ts';

/**
 * Why staff cannot act on a request now: not their authority's (not found), not picked up by them
 * (`not_yours`), not in a state that allows it, not theirs to decide (a withholding is the
 * registrar's), or the new sign-in email is someone else's by now (`taken`).
 */
export type ReviewResult = 'ok' | 'not_found' | 'not_yours' | 'not_allowed' | 'registrar_only' | 'taken';

export function reviewUseCases(deps: RecordKit) {
  const { db, clock, casework, documents } = deps;

  async function locked(tx: Executor, staff: StaffActor, requestId: string) {
    const [row] = await tx.select().from(changeRequests).where(eq(changeRequests.id, requestId)).for('update');
    if (!row || !can(staff, 'review', row)) return null;
    return { row, review: await casework.bySubject('change_request', requestId, tx) };
  }

  return {
    /** A request of the staff member's authority with its review, timeline and documents; null otherwise. */
    async file(staff: StaffActor, requestId: string) {
      const [row] = await db.select().from(changeRequests).where(eq(changeRequests.id, requestId));
      if (!row || !can(staff, 'review', row)) return null;
      const review = await casework.bySubject('change_request', row.id);
      const [steps, files, person] = await Promise.all([review ? casework.timeline(review.id, { forApplicant: false }) : Promise.resolve([]), documents.list('change_request', row.id), personOf(db, row.accountId)]);
      return { request: row, review, steps, documents: files, person };
    },

    /** Pick up, assign to someone, or release: casework's steps, each with its own audit row. */
    async assignment(staff: StaffActor, requestId: string, action: 'pick_up' | 'assign' | 'release', assigneeId: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, requestId);
        if (!found?.review) return 'not_found';
        const input = { reviewId: found.review.id, staff, at: now, origin };
        const result = action === 'pick_up' ? await casework.pickUp(tx, input) : action === 'assign' ? await casework.assign(tx, { ...input, assigneeId }) : await casework.release(tx, input);
        return result === 'ok' ? 'ok' : result === 'not_found' ? 'not_found' : 'not_allowed';
      });
    },

    /** Sends the request back to the registrant with what is missing (a clearer ID, the date of the change). */
    async returnToRegistrant(staff: StaffActor, requestId: string, request: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, requestId);
        if (!found?.review) return 'not_found';
        if (found.review.status !== 'picked_up' || found.review.assigneeId !== staff.id) return 'not_yours';
        const rule = changeTransitions.check(found.row.status, 'return', staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        if ((await casework.returnToApplicant(tx, { reviewId: found.review.id, staff, message: request, at: now })) !== 'ok') return 'not_allowed';
        const row = found.row;
        await tx.update(changeRequests).set({ status: rule.to, decisionReason: request, updatedAt: now }).where(eq(changeRequests.id, row.id));
        await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: staff.id, subjectId: row.accountId, origin, at: now, details: { changeRequestId: row.id, reference: row.reference, kind: row.kind, from: row.status, request } });
        const person = await personOf(tx, row.accountId);
        if (person) await deps.notify(tx, person, row.authorityId, 'recordChangeReturned', { page: 'record.request', params: { requestId: row.id } }, (t) => t('record.mail.returnedDetail', { change: describe(t, row), request }), now);
        return 'ok';
      });
    },

    /**
     * Approves (the change applies: the account renamed and the old name kept, a previous name
     * withheld, the sign-in email changed, another regulator's registration recorded) or refuses
     * with reasons; one transaction with casework's step, the audit row and the mail.
     */
    async decide(staff: StaffActor, requestId: string, outcome: 'approve' | 'refuse', reasons: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, requestId);
        if (!found?.review) return 'not_found';
        const row = found.row;
        if (!can(staff, 'decide', row)) return 'registrar_only';
        if (found.review.status !== 'picked_up' || found.review.assigneeId !== staff.id) return 'not_yours';
        const rule = changeTransitions.check(row.status, outcome, staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        if (outcome === 'approve' && (await deps.apply(tx, row, staff.id, origin, now)) === 'taken') return 'taken';
        if ((await casework.decide(tx, { reviewId: found.review.id, staff, outcome: rule.to, message: reasons || undefined, at: now })) !== 'ok') throw new Error('casework refused a checked decision');
        await tx.update(changeRequests).set({ status: rule.to, decisionReason: reasons || null, decidedAt: now, updatedAt: now }).where(eq(changeRequests.id, row.id));
        const base = { changeRequestId: row.id, reference: row.reference, kind: row.kind, from: row.status };
        if (outcome === 'approve') await recordEvent(tx, { authorityId: row.authorityId, event: 'record_change_approved', actorId: staff.id, subjectId: row.accountId, origin, at: now, details: base });
        else await recordEvent(tx, { authorityId: row.authorityId, event: 'record_change_refused', actorId: staff.id, subjectId: row.accountId, origin, at: now, details: { ...base, reasons } });
        // After a name or email change the account says who the person is now: read it again.
        const person = await personOf(tx, row.accountId);
        if (person) {
          await deps.notify(tx, person, row.authorityId, outcome === 'approve' ? 'recordChangeApproved' : 'recordChangeRefused', { page: 'record.request', params: { requestId: row.id } }, (t) =>
            outcome === 'approve' ? describe(t, row) : t('record.mail.refusedDetail', { change: describe(t, row), reasons }),
          now);
        }
        return 'ok';
      });
    },

    /** Changes reported late or still open past 30 days, for the staff member's authority only. */
    late: (staff: StaffActor, today: LocalDate, filters: LateFilters) => lateReports(db, staff.staffAuthorityId, today, filters),
  };
}
