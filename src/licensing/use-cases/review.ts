import { eq } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { StagedFile } from '../../documents/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Executor } from '../../platform/db.ts';
import type { Origin } from '../../platform/origin.ts';
import { can } from '../policies.ts';
import { applicantOf, loadFile, type ApplicationFile } from '../queries.ts';
import { applications } from '../schema.ts';
import { applicationTransitions } from '../states.ts';
import type { LicensingDeps } from '../service.ts';
import { approve, approvedDetail } from './approve.ts';

/**
 * Why staff cannot act on an application now: not theirs (another authority's: not found), not
 * picked up by them (`not_yours`: someone else has it, or nobody yet), or not in a state that
 * allows it (decided, withdrawn, waiting for the applicant).
 */
export type ReviewResult = 'ok' | 'not_found' | 'not_yours' | 'not_allowed';
export type DecideResult = ReviewResult | { documentsPending: string[] };

export function reviewUseCases(deps: LicensingDeps) {
  const { db, clock, documents, casework } = deps;

  /** The application of the staff member's authority, locked, with its review. */
  async function locked(tx: Executor, staff: StaffActor, applicationId: string) {
    const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update');
    if (!row || !can(staff, 'review', row)) return null;
    const review = await casework.bySubject('application', applicationId, tx);
    return { row, review };
  }

  return {
    /** An application of the staff member's authority (a draft too: a school's transcript may come first), or null. */
    file(staff: StaffActor, applicationId: string): Promise<ApplicationFile | null> {
      return loadFile(db, deps, { applicationId, authorityId: staff.staffAuthorityId }).then((file) => (file && can(staff, 'review', file.application) ? file : null));
    },

    /** Pick up, assign to someone, or release: casework's steps, each with its own audit row. */
    async assignment(staff: StaffActor, applicationId: string, action: 'pick_up' | 'assign' | 'release', assigneeId: string | null, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, applicationId);
        if (!found?.review) return 'not_found';
        const reviewId = found.review.id;
        const result =
          action === 'pick_up'
            ? await casework.pickUp(tx, { reviewId, staff, at: now, origin })
            : action === 'assign'
              ? await casework.assign(tx, { reviewId, staff, assigneeId: assigneeId ?? '', at: now, origin })
              : await casework.release(tx, { reviewId, staff, at: now, origin });
        return result === 'ok' ? 'ok' : result === 'not_found' ? 'not_found' : 'not_allowed';
      });
    },

    /** A document accepted, or sent back with the reason the applicant will read. */
    async markDocument(staff: StaffActor, applicationId: string, documentId: string, status: 'accepted' | 'needs_replacing', reason: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, applicationId);
        if (!found) return 'not_found';
        if (found.review?.status !== 'picked_up' || found.review.assigneeId !== staff.id) return 'not_yours';
        const file = await loadFile(tx, deps, { applicationId });
        const slot = file?.slots.find((s) => s.document?.id === documentId);
        const doc = slot?.document;
        if (!slot || !doc) return 'not_found';
        // Accepting what is already accepted changes nothing: said, rather than recorded twice.
        if ((await documents.setStatus(tx, { documentId, status, reason: status === 'needs_replacing' ? reason : null, by: staff.id, origin, at: now })) !== 'ok') return 'not_allowed';
        if (status === 'needs_replacing') {
          const person = await applicantOf(tx, found.row.applicantId);
          if (person) await deps.notify(tx, person, 'documentNeedsReplacing', { applicationId, authorityId: found.row.authorityId }, (t, locale) => t('licensing.mail.replaceDetail', { document: slot.required.name[locale], reason }), now);
        }
        return 'ok';
      });
    },

    /**
     * A document sent by someone else (a school's transcript), added by staff on the applicant's
     * file with where it came from; the applicant sees it with that source.
     */
    async addDocument(staff: StaffActor, applicationId: string, typeCode: string, source: string, file: StagedFile, origin: Origin): Promise<ReviewResult | 'unknown_type'> {
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const found = await locked(tx, staff, applicationId);
        if (!found || !can(staff, 'add_document', found.row)) return 'not_found' as const;
        if (found.row.status === 'approved' || found.row.status === 'refused' || found.row.status === 'withdrawn') return 'not_allowed' as const;
        const current = await loadFile(tx, deps, { applicationId });
        const slot = current?.slots.find((s) => s.required.code === typeCode);
        if (!slot) return 'unknown_type' as const;
        if (slot.document) await documents.replace(tx, { documentId: slot.document.id, uploadedBy: staff.id, source, origin, at: now }, file);
        else await documents.attach(tx, { authorityId: found.row.authorityId, ownerAccountId: found.row.applicantId, subjectKind: 'application', subjectId: applicationId, typeCode, uploadedBy: staff.id, source, origin, at: now }, file);
        const person = await applicantOf(tx, found.row.applicantId);
        if (person) await deps.notify(tx, person, 'documentAdded', { applicationId, authorityId: found.row.authorityId }, (t, locale) => t('licensing.mail.addedDetail', { document: slot.required.name[locale], source }), now);
        return 'ok' as const;
      });
      if (result !== 'ok') await documents.discard(file);
      return result;
    },

    /** Asks the applicant for more: the application returns to them with the request. */
    async returnToApplicant(staff: StaffActor, applicationId: string, request: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, applicationId);
        if (!found?.review) return 'not_found';
        if (found.review.status !== 'picked_up' || found.review.assigneeId !== staff.id) return 'not_yours';
        const rule = applicationTransitions.check(found.row.status, 'return', staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        const step = await casework.returnToApplicant(tx, { reviewId: found.review.id, staff, message: request, at: now });
        if (step !== 'ok') return 'not_allowed';
        await tx.update(applications).set({ status: rule.to, decisionReason: request, updatedAt: now }).where(eq(applications.id, applicationId));
        await recordEvent(tx, { authorityId: found.row.authorityId, event: rule.event, actorId: staff.id, subjectId: found.row.applicantId, origin, at: now, details: { applicationId, reference: found.row.reference, from: found.row.status, request } });
        const person = await applicantOf(tx, found.row.applicantId);
        if (person) await deps.notify(tx, person, 'applicationReturned', { applicationId, authorityId: found.row.authorityId }, (t) => t('licensing.mail.returnedDetail', { reference: found.row.reference, request }), now);
        return 'ok';
      });
    },

    /**
     * Approves (a registration in the type's category, pending its fees when it has any) or refuses
     * with reasons. Approval waits until every required document is accepted, and says which are not.
     */
    async decide(staff: StaffActor, applicationId: string, outcome: 'approve' | 'refuse', reasons: string, origin: Origin): Promise<DecideResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await locked(tx, staff, applicationId);
        if (!found?.review) return 'not_found';
        if (found.review.status !== 'picked_up' || found.review.assigneeId !== staff.id) return 'not_yours';
        const rule = applicationTransitions.check(found.row.status, outcome, staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        const file = await loadFile(tx, deps, { applicationId });
        if (!file) return 'not_found';
        if (outcome === 'approve') {
          const pending = file.slots.filter((s) => !s.required.optional && s.document?.status !== 'accepted').map((s) => s.required.code);
          if (pending.length > 0) return { documentsPending: pending };
        }
        const step = await casework.decide(tx, { reviewId: found.review.id, staff, outcome: rule.to, message: reasons || undefined, at: now });
        if (step !== 'ok') return 'not_allowed';
        await tx.update(applications).set({ status: rule.to, decisionReason: reasons || null, decidedAt: now, updatedAt: now }).where(eq(applications.id, applicationId));
        const person = await applicantOf(tx, found.row.applicantId);
        const base = { applicationId, reference: found.row.reference, from: found.row.status };
        if (outcome === 'approve') {
          const given = await approve(deps, tx, { file, actorId: staff.id, locale: person?.preferredLanguage ?? 'fr', at: now, origin });
          await recordEvent(tx, { authorityId: found.row.authorityId, event: 'application_approved', actorId: staff.id, subjectId: found.row.applicantId, origin, at: now, details: { ...base, registrationNumber: given.number } });
          if (person) await deps.notify(tx, person, 'applicationApproved', { applicationId, authorityId: found.row.authorityId }, (t, locale) => approvedDetail(t, locale, found.row.reference, file, given), now);
        } else {
          await recordEvent(tx, { authorityId: found.row.authorityId, event: 'application_refused', actorId: staff.id, subjectId: found.row.applicantId, origin, at: now, details: { ...base, reasons } });
          if (person) await deps.notify(tx, person, 'applicationRefused', { applicationId, authorityId: found.row.authorityId }, (t) => t('licensing.mail.refusedDetail', { reference: found.row.reference, reasons }), now);
        }
        return 'ok';
      });
    },
  };
}
