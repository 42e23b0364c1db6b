import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { Review } from '../../casework/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Executor } from '../../platform/db.ts';
import type { Origin } from '../../platform/origin.ts';
import { can } from '../policies.ts';
import { type HoursRequest, personOf, type SentEntry, sentEntriesOf, type Site, thresholdsOf, todayAt, totalsOf, type Totals, type WithholdingRequest } from '../queries.ts';
import { type EntryDecision, practiceHours, practiceHoursRequestEntries, practiceHoursRequests, practiceProfiles, practiceSites, practiceWithholdingRequests } from '../schema.ts';
import type { PracticeDeps } from '../service.ts';
import { entryTransitions, requestTransitions, withholdingTransitions } from '../states.ts';
import { HOURS_TYPE } from './hours.ts';
import { WITHHOLDING_TYPE } from './sites.ts';

/** Why staff cannot act now: not their authority's (not found), not picked up by them, not in a state that allows it, or entries still to mark. */
export type ReviewResult = 'ok' | 'not_found' | 'not_yours' | 'not_allowed' | 'unmarked';

export interface HoursFile {
  request: HoursRequest;
  entries: SentEntry[];
  review: Review | null;
  registrantName: string;
  /** Hours accepted before this request, per kind: what this request's accepted hours add to. */
  acceptedBefore: Totals;
  thresholds: Record<keyof Totals, number | null>;
}

export function reviewUseCases(deps: PracticeDeps) {
  const { db, clock, casework } = deps;

  async function lockedRequest(tx: Executor, staff: StaffActor, requestId: string) {
    const [request] = await tx.select().from(practiceHoursRequests).where(eq(practiceHoursRequests.id, requestId)).for('update');
    if (!request || !can(staff, 'review', request)) return null;
    const review = await casework.bySubject(HOURS_TYPE.code, requestId, tx);
    return review ? { request, review } : null;
  }

  const mine = (review: Review, staff: StaffActor) => review.status === 'picked_up' && review.assigneeId === staff.id;

  /** Accepted hours of the registrant, per kind, outside this request. */
  async function acceptedOutside(tx: Executor, request: HoursRequest): Promise<Totals> {
    const rows = await tx
      .select({ kind: practiceHours.kind, hundredths: practiceHours.hundredths, requestId: practiceHours.requestId })
      .from(practiceHours)
      .where(and(eq(practiceHours.accountId, request.accountId), eq(practiceHours.authorityId, request.authorityId), eq(practiceHours.status, 'accepted'), isNull(practiceHours.removedAt)));
    return totalsOf(rows.filter((r) => r.requestId !== request.id));
  }

  return {
    /** A request of the staff member's authority, with what it sent and its review; null otherwise. */
    async file(staff: StaffActor, requestId: string): Promise<HoursFile | null> {
      const [request] = await db.select().from(practiceHoursRequests).where(and(eq(practiceHoursRequests.id, requestId), eq(practiceHoursRequests.authorityId, staff.staffAuthorityId)));
      if (!request || !can(staff, 'review', request)) return null;
      const [entries, review, person, acceptedBefore, thresholds] = await Promise.all([
        sentEntriesOf(db, requestId),
        casework.bySubject(HOURS_TYPE.code, requestId),
        personOf(db, request.accountId),
        acceptedOutside(db, request),
        thresholdsOf(db, request.authorityId),
      ]);
      return { request, entries, review, registrantName: person ? `${person.givenName} ${person.familyName}` : '', acceptedBefore, thresholds };
    },

    /** Pick up, assign to someone (leads), or release: casework's steps, each with its own audit row. */
    async assignment(staff: StaffActor, requestId: string, action: 'pick_up' | 'assign' | 'release', assigneeId: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await lockedRequest(tx, staff, requestId);
        if (!found) return 'not_found';
        const reviewId = found.review.id;
        const result =
          action === 'pick_up'
            ? await casework.pickUp(tx, { reviewId, staff, at: now, origin })
            : action === 'assign'
              ? await casework.assign(tx, { reviewId, staff, assigneeId, at: now, origin })
              : await casework.release(tx, { reviewId, staff, at: now, origin });
        return result === 'ok' ? 'ok' : result === 'not_found' ? 'not_found' : 'not_allowed';
      });
    },

    /** Accepts an entry, or returns it with the reason the registrant will read (required). */
    async mark(staff: StaffActor, requestId: string, entryId: string, decision: EntryDecision, reason: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await lockedRequest(tx, staff, requestId);
        if (!found) return 'not_found';
        if (!mine(found.review, staff)) return 'not_yours';
        if (decision === 'returned' && reason.trim() === '') return 'not_allowed';
        const updated = await tx
          .update(practiceHoursRequestEntries)
          .set({ decision, reason: reason.trim() || null })
          .where(and(eq(practiceHoursRequestEntries.requestId, requestId), eq(practiceHoursRequestEntries.entryId, entryId)))
          .returning({ entryId: practiceHoursRequestEntries.entryId });
        if (updated.length === 0) return 'not_found';
        await recordEvent(tx, { authorityId: found.request.authorityId, event: 'practice_entry_marked', actorId: staff.id, subjectId: found.request.accountId, origin, at: now, details: { requestId, reference: found.request.reference, entryId, decision, reason: reason.trim() || null } });
        return 'ok';
      });
    },

    /**
     * Decides the request once every entry is marked: accepted entries are final, returned ones
     * the registrant's to edit and send again. Accepted totals reaching both thresholds give the
     * independent practice status. The decision, its audit rows and the mail go in one transaction.
     */
    async decide(staff: StaffActor, requestId: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await lockedRequest(tx, staff, requestId);
        if (!found) return 'not_found';
        if (!mine(found.review, staff)) return 'not_yours';
        const { request } = found;
        const rule = requestTransitions.check(request.status, 'decide', staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        const entries = await sentEntriesOf(tx, requestId);
        if (entries.some((e) => e.decision === null)) return 'unmarked';
        const accepted = entries.filter((e) => e.decision === 'accepted');
        const returned = entries.filter((e) => e.decision === 'returned');
        const outcome = returned.length === 0 ? 'accepted' : accepted.length === 0 ? 'returned' : 'partly_accepted';
        if ((await casework.decide(tx, { reviewId: found.review.id, staff, outcome, at: now })) !== 'ok') return 'not_allowed';
        await tx.update(practiceHoursRequests).set({ status: rule.to, decidedAt: now }).where(eq(practiceHoursRequests.id, requestId));
        const acceptRule = entryTransitions.rules.accept;
        const returnRule = entryTransitions.rules.return;
        if (accepted.length > 0) await tx.update(practiceHours).set({ status: acceptRule.to, returnReason: null, updatedAt: now }).where(inArray(practiceHours.id, accepted.map((e) => e.entryId)));
        for (const e of returned) await tx.update(practiceHours).set({ status: returnRule.to, returnReason: e.reason, updatedAt: now }).where(eq(practiceHours.id, e.entryId));
        await recordEvent(tx, { authorityId: request.authorityId, event: rule.event, actorId: staff.id, subjectId: request.accountId, origin, at: now, details: { requestId, reference: request.reference, accepted: accepted.length, returned: returned.length } });

        const before = await acceptedOutside(tx, request);
        const totals = totalsOf(accepted);
        const thresholds = await thresholdsOf(tx, request.authorityId);
        const reaches = (kind: keyof Totals) => thresholds[kind] !== null && before[kind] + totals[kind] >= (thresholds[kind] ?? 0);
        const [profile] = await tx.select().from(practiceProfiles).where(and(eq(practiceProfiles.accountId, request.accountId), eq(practiceProfiles.authorityId, request.authorityId))).for('update');
        const independent = !profile?.independentPractice && reaches('direct_contact') && reaches('supervision');
        if (independent) {
          const since = todayAt(now);
          await tx
            .insert(practiceProfiles)
            .values({ accountId: request.accountId, authorityId: request.authorityId, independentPractice: true, independentSince: since, updatedAt: now })
            .onConflictDoUpdate({ target: [practiceProfiles.accountId, practiceProfiles.authorityId], set: { independentPractice: true, independentSince: since, updatedAt: now } });
          await recordEvent(tx, { authorityId: request.authorityId, event: 'practice_independent_practice', actorId: staff.id, subjectId: request.accountId, origin, at: now, details: { since } });
        }
        const person = await personOf(tx, request.accountId);
        if (person) {
          await deps.notify(tx, person, 'practiceHoursDecided', { page: 'practice.request', params: { requestId }, authorityId: request.authorityId }, (t) =>
            t(independent ? 'practice.mail.decidedIndependent' : 'practice.mail.decidedDetail', { reference: request.reference, accepted: accepted.length, returned: returned.length }),
          now);
        }
        return 'ok';
      });
    },
  };
}

export interface WithholdingFile {
  request: WithholdingRequest;
  site: Site;
  review: Review | null;
  registrantName: string;
}

export function withholdingReviewUseCases(deps: PracticeDeps) {
  const { db, clock, casework } = deps;
  return {
    async file(staff: StaffActor, withholdingId: string): Promise<WithholdingFile | null> {
      const [row] = await db
        .select({ request: practiceWithholdingRequests, site: practiceSites })
        .from(practiceWithholdingRequests)
        .innerJoin(practiceSites, eq(practiceSites.id, practiceWithholdingRequests.siteId))
        .where(and(eq(practiceWithholdingRequests.id, withholdingId), eq(practiceWithholdingRequests.authorityId, staff.staffAuthorityId)));
      if (!row || !can(staff, 'review', row.request)) return null;
      const [review, person] = await Promise.all([casework.bySubject(WITHHOLDING_TYPE.code, withholdingId), personOf(db, row.request.accountId)]);
      return { ...row, review, registrantName: person ? `${person.givenName} ${person.familyName}` : '' };
    },

    /**
     * The registrar approves (the site, or its address, leaves the register) or refuses with a
     * reason. A queued review is picked up by the deciding registrar in the same transaction:
     * one decision, one click.
     */
    async decide(staff: StaffActor, withholdingId: string, outcome: 'approve' | 'refuse', reason: string, origin: Origin): Promise<ReviewResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [request] = await tx.select().from(practiceWithholdingRequests).where(eq(practiceWithholdingRequests.id, withholdingId)).for('update');
        if (!request || !can(staff, 'review', request)) return 'not_found';
        if (!can(staff, 'decide_withholding', request)) return 'not_allowed';
        const rule = withholdingTransitions.check(request.status, outcome, staff.authorityRoles);
        if (typeof rule === 'string') return 'not_allowed';
        const review = await casework.bySubject(WITHHOLDING_TYPE.code, withholdingId, tx);
        if (!review) return 'not_found';
        if (review.status === 'queued' && (await casework.pickUp(tx, { reviewId: review.id, staff, at: now, origin })) !== 'ok') return 'not_allowed';
        if ((await casework.decide(tx, { reviewId: review.id, staff, outcome: rule.to, message: reason || undefined, at: now })) !== 'ok') return 'not_yours';
        await tx.update(practiceWithholdingRequests).set({ status: rule.to, decisionReason: reason || null, decidedAt: now }).where(eq(practiceWithholdingRequests.id, withholdingId));
        if (rule.to === 'approved') await tx.update(practiceSites).set({ withholding: request.scope }).where(eq(practiceSites.id, request.siteId));
        await recordEvent(tx, { authorityId: request.authorityId, event: rule.event, actorId: staff.id, subjectId: request.accountId, origin, at: now, details: { siteId: request.siteId, withholdingId, outcome: rule.to === 'approved' ? 'approved' : 'refused', reason: reason || null } });
        const person = await personOf(tx, request.accountId);
        if (person) {
          await deps.notify(tx, person, 'practiceWithholdingDecided', { page: 'practice.siteWithholding', params: { siteId: request.siteId }, authorityId: request.authorityId }, (t) =>
            rule.to === 'approved' ? t('practice.mail.withholdingApproved') : t('practice.mail.withholdingRefused', { reason }),
          now);
        }
        return 'ok';
      });
    },
  };
}
