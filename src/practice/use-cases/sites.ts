import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import type { Origin } from '../../platform/origin.ts';
import { can } from '../policies.ts';
import { isCurrent, personOf, type Site, todayAt } from '../queries.ts';
import { practiceProfiles, practiceSites, practiceWithholdingRequests, type Withholding } from '../schema.ts';
import type { SiteInput } from '../schemas.ts';
import type { PracticeDeps, Registrant } from '../service.ts';

export const WITHHOLDING_TYPE = { code: 'practice_withholding', name: { fr: 'Retenue d’un lieu de pratique', en: 'Withholding a practice site' } } as const;

/** What a site change answers: done; no such site of this registrant; or the primary moved (the registrant may choose another). */
export type SiteResult = 'ok' | 'not_found' | 'primary_moved' | 'not_current';

function valuesOf(input: SiteInput) {
  return {
    name: input.name,
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2 || null,
    city: input.city,
    province: input.province,
    postalCode: input.postalCode,
    phone: input.phone || null,
    startedOn: input.startedOn,
    endedOn: input.endedOn || null,
  };
}

export function siteUseCases(deps: PracticeDeps) {
  const { db, clock } = deps;

  /** The registrant's site, locked; another person's or a removed one does not exist for them. */
  async function locked(tx: Executor, r: Registrant, siteId: string): Promise<Site | null> {
    const [row] = await tx.select().from(practiceSites).where(eq(practiceSites.id, siteId)).for('update');
    if (!row || row.removedAt !== null || row.authorityId !== r.authorityId || !can(r, 'edit', row)) return null;
    return row;
  }

  /**
   * Keeps exactly one current primary: when none is (the primary ended or was removed), the
   * current site that started first becomes it. Answers the new primary's id, or null when the
   * registrant has no current site left (nothing to publish as the business address).
   */
  async function settlePrimary(tx: Executor, r: Registrant, today: string): Promise<{ moved: boolean; primaryId: string | null }> {
    const sites = await tx
      .select()
      .from(practiceSites)
      .where(and(eq(practiceSites.accountId, r.id), eq(practiceSites.authorityId, r.authorityId), isNull(practiceSites.removedAt)))
      .orderBy(asc(practiceSites.startedOn), asc(practiceSites.createdAt))
      .for('update');
    const primary = sites.find((s) => s.isPrimary);
    if (primary && isCurrent(primary, today)) return { moved: false, primaryId: primary.id };
    const next = sites.find((s) => isCurrent(s, today));
    if (primary) await tx.update(practiceSites).set({ isPrimary: false }).where(eq(practiceSites.id, primary.id));
    if (next) await tx.update(practiceSites).set({ isPrimary: true }).where(eq(practiceSites.id, next.id));
    return { moved: primary !== undefined && next !== undefined, primaryId: next?.id ?? null };
  }

  async function setNotPractisingIn(tx: Executor, r: Registrant, notPractising: boolean, now: Date) {
    await tx
      .insert(practiceProfiles)
      .values({ accountId: r.id, authorityId: r.authorityId, notPractising, updatedAt: now })
      .onConflictDoUpdate({ target: [practiceProfiles.accountId, practiceProfiles.authorityId], set: { notPractising, updatedAt: now } });
  }

  return {
    /** A new site; the first current one becomes the primary. Adding a current site means practising again. */
    async add(r: Registrant, input: SiteInput, origin: Origin): Promise<{ siteId: string; primary: boolean }> {
      const now = clock.now();
      const today = todayAt(now);
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(practiceSites).values({ ...valuesOf(input), authorityId: r.authorityId, accountId: r.id, createdAt: now }).returning();
        if (!row) throw new Error('site not inserted');
        const settled = await settlePrimary(tx, r, today);
        const primary = settled.primaryId === row.id;
        if (isCurrent(row, today)) await setNotPractisingIn(tx, r, false, now);
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_site_added', actorId: r.id, subjectId: r.id, origin, at: now, details: { siteId: row.id, primary } });
        return { siteId: row.id, primary };
      });
    },

    /** Changes a site; ending the primary moves it to another current site (said: the registrant may choose another). */
    async update(r: Registrant, siteId: string, input: SiteInput, origin: Origin): Promise<SiteResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await locked(tx, r, siteId);
        if (!row) return 'not_found';
        const values = valuesOf(input);
        const fields = (Object.keys(values) as (keyof typeof values)[]).filter((k) => values[k] !== row[k]);
        await tx.update(practiceSites).set(values).where(eq(practiceSites.id, siteId));
        const settled = await settlePrimary(tx, r, todayAt(now));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_site_changed', actorId: r.id, subjectId: r.id, origin, at: now, details: { siteId, fields } });
        return settled.moved ? 'primary_moved' : 'ok';
      });
    },

    /** The registrant's choice of primary: a current site only. */
    async makePrimary(r: Registrant, siteId: string, origin: Origin): Promise<SiteResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await locked(tx, r, siteId);
        if (!row) return 'not_found';
        if (!isCurrent(row, todayAt(now))) return 'not_current';
        if (row.isPrimary) return 'ok';
        const [previous] = await tx
          .select({ id: practiceSites.id })
          .from(practiceSites)
          .where(and(eq(practiceSites.accountId, r.id), eq(practiceSites.authorityId, r.authorityId), eq(practiceSites.isPrimary, true)))
          .for('update');
        // The old primary first: the partial unique index allows one at a time.
        if (previous) await tx.update(practiceSites).set({ isPrimary: false }).where(eq(practiceSites.id, previous.id));
        await tx.update(practiceSites).set({ isPrimary: true }).where(eq(practiceSites.id, siteId));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_primary_changed', actorId: r.id, subjectId: r.id, origin, at: now, details: { siteId, previousId: previous?.id ?? null } });
        return 'ok';
      });
    },

    /**
     * Removes a site from the registrant's list (the row stays, with `removed_at`: the register's
     * history may need it). A pending withholding request for it is withdrawn with it.
     */
    async remove(r: Registrant, siteId: string, origin: Origin): Promise<SiteResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await locked(tx, r, siteId);
        if (!row) return 'not_found';
        await tx.update(practiceSites).set({ removedAt: now, isPrimary: false }).where(eq(practiceSites.id, siteId));
        const [pending] = await tx.select().from(practiceWithholdingRequests).where(and(eq(practiceWithholdingRequests.siteId, siteId), eq(practiceWithholdingRequests.status, 'pending'))).for('update');
        if (pending) {
          const review = await deps.casework.bySubject(WITHHOLDING_TYPE.code, pending.id, tx);
          if (review) await deps.casework.withdraw(tx, { reviewId: review.id, applicantId: r.id, at: now });
          await tx.update(practiceWithholdingRequests).set({ status: 'withdrawn', decidedAt: now }).where(eq(practiceWithholdingRequests.id, pending.id));
        }
        const settled = await settlePrimary(tx, r, todayAt(now));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_site_removed', actorId: r.id, subjectId: r.id, origin, at: now, details: { siteId, newPrimaryId: row.isPrimary ? settled.primaryId : null } });
        return row.isPrimary && settled.primaryId ? 'primary_moved' : 'ok';
      });
    },

    /** "I am not currently practising": shown instead of the sites (which stay, for when they practise again). */
    async setNotPractising(r: Registrant, notPractising: boolean, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await setNotPractisingIn(tx, r, notPractising, now);
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_not_practising_changed', actorId: r.id, subjectId: r.id, origin, at: now, details: { notPractising } });
      });
    },

    /** Asks the registrar to withhold a site or its address from the register; one pending request per site. */
    async requestWithholding(r: Registrant, siteId: string, scope: Exclude<Withholding, 'none'>, reason: string, origin: Origin): Promise<'ok' | 'not_found' | 'already_pending' | 'already_withheld'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await locked(tx, r, siteId);
        if (!row) return 'not_found';
        if (row.withholding === scope || row.withholding === 'site') return 'already_withheld';
        const [pending] = await tx.select({ id: practiceWithholdingRequests.id }).from(practiceWithholdingRequests).where(and(eq(practiceWithholdingRequests.siteId, siteId), eq(practiceWithholdingRequests.status, 'pending')));
        if (pending) return 'already_pending';
        const [request] = await tx.insert(practiceWithholdingRequests).values({ authorityId: r.authorityId, accountId: r.id, siteId, scope, reason, createdAt: now }).returning({ id: practiceWithholdingRequests.id });
        if (!request) throw new Error('withholding request not inserted');
        const person = await personOf(tx, r.id);
        const opened = await deps.casework.open(tx, {
          authorityId: r.authorityId,
          subjectKind: WITHHOLDING_TYPE.code,
          subjectId: request.id,
          subjectReference: row.name,
          typeCode: WITHHOLDING_TYPE.code,
          typeName: WITHHOLDING_TYPE.name,
          applicantId: r.id,
          applicantName: person ? `${person.givenName} ${person.familyName}` : '',
          at: now,
        });
        if (opened === 'not_allowed') throw new Error('withholding review not opened');
        await recordEvent(tx, { authorityId: r.authorityId, event: 'practice_withholding_requested', actorId: r.id, subjectId: r.id, origin, at: now, details: { siteId, withholdingId: request.id, scope } });
        return 'ok';
      });
    },
  };
}
