import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import type { Origin } from '../../platform/origin.ts';
import { can } from '../policies.ts';
import { type Entry, type HoursRequest, personOf } from '../queries.ts';
import { practiceHours, practiceHoursRequestEntries, practiceHoursRequests, practiceSites } from '../schema.ts';
import type { HoursInput } from '../schemas.ts';
import type { PracticeDeps, Registrant } from '../service.ts';
import { EDITABLE_ENTRIES, entryTransitions, requestTransitions } from '../states.ts';

export const HOURS_TYPE = { code: 'practice_hours', name: { fr: 'Heures de pratique', en: 'Practice hours' } } as const;

/**
 * Why an entry cannot be changed: it is in a review staff have not decided (`in_review`), or it
 * was accepted (`accepted`: final). The page says which, and what to do.
 */
export type EntryResult = 'ok' | 'not_found' | 'unknown_site' | 'in_review' | 'accepted';
/** Sending: what the confirmation page showed is no longer what would be sent (`changed`), or nothing to send. */
export type SendResult = { requestId: string } | 'nothing_to_send' | 'changed';
/** Withdrawing: too late once staff picked the review up (`picked_up`), or already decided or withdrawn. */
export type WithdrawResult = 'ok' | 'not_found' | 'picked_up' | 'closed';

export function hoursUseCases(deps: PracticeDeps) {
  const { db, clock, casework } = deps;

  async function lockedEntry(tx: Executor, r: Registrant, entryId: string): Promise<Entry | null> {
    const [row] = await tx.select().from(practiceHours).where(eq(practiceHours.id, entryId)).for('update');
    if (!row || row.removedAt !== null || row.authorityId !== r.authorityId || !can(r, 'edit', row)) return null;
    return row;
  }

  /** A site named on an entry is one of the registrant's own, not removed. */
  async function ownSite(tx: Executor, r: Registrant, siteId: string): Promise<boolean> {
    if (siteId === '') return true;
    const [site] = await tx.select({ id: practiceSites.id }).from(practiceSites).where(and(eq(practiceSites.id, siteId), eq(practiceSites.accountId, r.id), eq(practiceSites.authorityId, r.authorityId), isNull(practiceSites.removedAt)));
    return site !== undefined;
  }

  const valuesOf = (input: HoursInput) => ({
    kind: input.kind,
    startedOn: input.startedOn,
    endedOn: input.endedOn,
    siteId: input.siteId || null,
    supervisorName: input.supervisorName || null,
    hundredths: input.hours,
  });

  const lockReason = (entry: Entry): EntryResult | null => (EDITABLE_ENTRIES.includes(entry.status) ? null : entry.status === 'accepted' ? 'accepted' : 'in_review');

  /** The entries that would be sent now: every draft and returned entry. */
  const sendable = (tx: Executor, r: Registrant) =>
    tx
      .select()
      .from(practiceHours)
      .where(and(eq(practiceHours.accountId, r.id), eq(practiceHours.authorityId, r.authorityId), isNull(practiceHours.removedAt), inArray(practiceHours.status, [...EDITABLE_ENTRIES])));

  return {
    async add(r: Registrant, input: HoursInput, origin: Origin): Promise<EntryResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (!(await ownSite(tx, r, input.siteId))) return 'unknown_site';
        const [row] = await tx.insert(practiceHours).values({ ...valuesOf(input), authorityId: r.authorityId, accountId: r.id, createdAt: now, updatedAt: now }).returning({ id: practiceHours.id });
        if (!row) throw new Error('entry not inserted');
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_hours_added', actorId: r.id, subjectId: r.id, origin, at: now, details: { entryId: row.id, kind: input.kind, hundredths: input.hours } });
        return 'ok';
      });
    },

    /** Changes an entry the registrant may still change; one in a review or accepted is refused, unchanged. */
    async update(r: Registrant, entryId: string, input: HoursInput, origin: Origin): Promise<EntryResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await lockedEntry(tx, r, entryId);
        if (!row) return 'not_found';
        const locked = lockReason(row);
        if (locked) return locked;
        if (!(await ownSite(tx, r, input.siteId))) return 'unknown_site';
        await tx.update(practiceHours).set({ ...valuesOf(input), updatedAt: now }).where(eq(practiceHours.id, entryId));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_hours_changed', actorId: r.id, subjectId: r.id, origin, at: now, details: { entryId, kind: input.kind, hundredths: input.hours } });
        return 'ok';
      });
    },

    async remove(r: Registrant, entryId: string, origin: Origin): Promise<EntryResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await lockedEntry(tx, r, entryId);
        if (!row) return 'not_found';
        const locked = lockReason(row);
        if (locked) return locked;
        await tx.update(practiceHours).set({ removedAt: now, updatedAt: now }).where(eq(practiceHours.id, entryId));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_hours_removed', actorId: r.id, subjectId: r.id, origin, at: now, details: { entryId } });
        return 'ok';
      });
    },

    /** One of the registrant's entries, for its edit page. */
    async entry(r: Registrant, entryId: string): Promise<Entry | null> {
      const [row] = await db.select().from(practiceHours).where(and(eq(practiceHours.id, entryId), eq(practiceHours.accountId, r.id), eq(practiceHours.authorityId, r.authorityId), isNull(practiceHours.removedAt)));
      return row ?? null;
    },

    /** What the confirmation page shows: the entries a request would send now. */
    sendable: (r: Registrant) => sendable(db, r),

    /**
     * Sends for review exactly the entries the confirmation page showed (`shownIds`): a batch,
     * its copy of each entry as sent, the entries locked, and its casework review, in one transaction.
     */
    async send(r: Registrant, shownIds: readonly string[], origin: Origin): Promise<SendResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const entries = await sendable(tx, r).for('update');
        if (entries.length === 0) return 'nothing_to_send';
        const ids = new Set(shownIds);
        if (entries.length !== ids.size || !entries.every((e) => ids.has(e.id))) return 'changed';
        for (const e of entries) if (typeof entryTransitions.check(e.status, 'send', ['registrant']) === 'string') return 'changed';
        const sites = await tx.select({ id: practiceSites.id, name: practiceSites.name }).from(practiceSites).where(and(eq(practiceSites.accountId, r.id), eq(practiceSites.authorityId, r.authorityId)));
        const reference = `HRS-${now.toISOString().slice(0, 4)}-${crypto.randomUUID().slice(0, 6).toUpperCase()}`;
        const [request] = await tx.insert(practiceHoursRequests).values({ authorityId: r.authorityId, accountId: r.id, reference, createdAt: now }).returning();
        if (!request) throw new Error('request not inserted');
        await tx.insert(practiceHoursRequestEntries).values(
          entries.map((e) => ({
            requestId: request.id,
            entryId: e.id,
            kind: e.kind,
            startedOn: e.startedOn,
            endedOn: e.endedOn,
            siteName: sites.find((s) => s.id === e.siteId)?.name ?? null,
            supervisorName: e.supervisorName,
            hundredths: e.hundredths,
          })),
        );
        await tx.update(practiceHours).set({ status: 'sent', requestId: request.id, updatedAt: now }).where(inArray(practiceHours.id, entries.map((e) => e.id)));
        const person = await personOf(tx, r.id);
        const opened = await casework.open(tx, {
          authorityId: r.authorityId,
          subjectKind: HOURS_TYPE.code,
          subjectId: request.id,
          subjectReference: reference,
          typeCode: HOURS_TYPE.code,
          typeName: HOURS_TYPE.name,
          applicantId: r.id,
          applicantName: person ? `${person.givenName} ${person.familyName}` : '',
          at: now,
        });
        if (opened === 'not_allowed') throw new Error('hours review not opened');
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_review_requested', actorId: r.id, subjectId: r.id, origin, at: now, details: { requestId: request.id, reference, entries: entries.length } });
        return { requestId: request.id };
      });
    },

    /** One of the registrant's requests. */
    async request(r: Registrant, requestId: string): Promise<HoursRequest | null> {
      const [row] = await db.select().from(practiceHoursRequests).where(and(eq(practiceHoursRequests.id, requestId), eq(practiceHoursRequests.accountId, r.id), eq(practiceHoursRequests.authorityId, r.authorityId)));
      return row ?? null;
    },

    /**
     * Withdraws a request staff have not picked up yet: its entries are the registrant's to edit
     * again (a returned one keeps the reason staff gave). Once picked up, it is staff's to decide.
     */
    async withdraw(r: Registrant, requestId: string, origin: Origin): Promise<WithdrawResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [request] = await tx.select().from(practiceHoursRequests).where(eq(practiceHoursRequests.id, requestId)).for('update');
        if (!request || request.authorityId !== r.authorityId || !can(r, 'withdraw', request)) return 'not_found';
        const rule = requestTransitions.check(request.status, 'withdraw', ['registrant']);
        if (typeof rule === 'string') return 'closed';
        const review = await casework.bySubject(HOURS_TYPE.code, requestId, tx);
        if (!review) return 'not_found';
        // Casework lets an applicant withdraw a picked-up review; practice does not: staff are working on it.
        if (review.status !== 'queued') return review.status === 'picked_up' ? 'picked_up' : 'closed';
        if ((await casework.withdraw(tx, { reviewId: review.id, applicantId: r.id, at: now })) !== 'ok') return 'closed';
        await tx.update(practiceHoursRequests).set({ status: rule.to }).where(eq(practiceHoursRequests.id, requestId));
        const entries = await tx.select().from(practiceHours).where(and(eq(practiceHours.requestId, requestId), eq(practiceHours.status, 'sent'))).for('update');
        for (const e of entries) {
          await tx.update(practiceHours).set({ status: e.returnReason ? 'returned' : 'draft', updatedAt: now }).where(eq(practiceHours.id, e.id));
        }
        await recordEvent(tx, { authorityId: r.authorityId, event: rule.event, actorId: r.id, subjectId: r.id, origin, at: now, details: { requestId, reference: request.reference } });
        return 'ok';
      });
    },
  };
}
