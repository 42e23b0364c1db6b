import { and, asc, eq, gt, lt, lte } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import type { Executor } from '../../platform/db.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import { applicantOf } from '../queries.ts';
import { registrationCategories, registrations } from '../schema.ts';
import type { LicensingDeps } from '../service.ts';

const NO_ORIGIN = { ip: null, userAgent: null };

/** An active registration that ends on or before a day: what a renewal season or the expiry run walks through. */
export interface Ending {
  id: string;
  authorityId: string;
  accountId: string;
  number: string;
  validUntil: LocalDate;
  validityMonths: number;
  category: Bilingual;
}

/**
 * A registration's validity over time (issue 15, point 1), for the renewals module: the active
 * registrations that reach a day, a renewal's new dates, and expiry. Each change locks the row,
 * writes its audit event and tells its holder, in the caller's transaction.
 */
export function validityUseCases(deps: LicensingDeps) {
  return {
    /**
     * The active registrations of an authority whose validity ends on or before `endsBy` (a
     * renewal window opens `opens_days_before` days before the end: the caller adds them to today),
     * by id after `after`, `limit` at a time, so a season of many thousands is walked in pages.
     */
    async endingBy(tx: Executor, authorityId: string, endsBy: LocalDate, page: { after?: string; limit: number }): Promise<Ending[]> {
      const rows = await tx
        .select({
          id: registrations.id,
          authorityId: registrations.authorityId,
          accountId: registrations.accountId,
          number: registrations.number,
          validUntil: registrations.validUntil,
          validityMonths: registrationCategories.validityMonths,
          category: registrationCategories.name,
        })
        .from(registrations)
        .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
        .where(and(eq(registrations.authorityId, authorityId), eq(registrations.status, 'active'), lte(registrations.validUntil, endsBy), page.after ? gt(registrations.id, page.after) : undefined))
        .orderBy(asc(registrations.id))
        .limit(page.limit);
      return rows.map((r) => ({ ...r, validUntil: r.validUntil as LocalDate }));
    },

    /** The active registrations whose last valid day is before `day`: the expiry run's list. */
    async pastValidity(tx: Executor, authorityId: string, day: LocalDate, limit: number): Promise<{ id: string; validUntil: LocalDate }[]> {
      const rows = await tx
        .select({ id: registrations.id, validUntil: registrations.validUntil })
        .from(registrations)
        .where(and(eq(registrations.authorityId, authorityId), eq(registrations.status, 'active'), lt(registrations.validUntil, day)))
        .orderBy(asc(registrations.id))
        .limit(limit);
      return rows.map((r) => ({ id: r.id, validUntil: r.validUntil as LocalDate }));
    },

    /**
     * Sets a renewed registration's new validity (the day after the old one ended, for its
     * category's months: the caller computes them) and makes it active again if it had expired.
     * Renewing twice to the same dates changes nothing, so a retried payment never moves them.
     */
    async renew(tx: Executor, registrationId: string, next: { validFrom: LocalDate; validUntil: LocalDate; at: Date }): Promise<'renewed' | 'already_renewed' | 'not_found' | 'not_renewable'> {
      const [row] = await tx
        .select({ registration: registrations, category: registrationCategories.name })
        .from(registrations)
        .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
        .where(eq(registrations.id, registrationId))
        .for('update', { of: registrations });
      if (!row) return 'not_found';
      const r = row.registration;
      if (r.validUntil === next.validUntil && r.status === 'active') return 'already_renewed';
      if (r.status !== 'active' && r.status !== 'expired') return 'not_renewable';
      await tx.update(registrations).set({ status: 'active', validFrom: next.validFrom, validUntil: next.validUntil }).where(eq(registrations.id, registrationId));
      await recordEvent(tx, {
        authorityId: r.authorityId,
        event: 'registration_renewed',
        actorId: null,
        subjectId: r.accountId,
        origin: NO_ORIGIN,
        at: next.at,
        details: { registrationId, number: r.number, previousValidUntil: r.validUntil ?? '', validFrom: next.validFrom, validUntil: next.validUntil },
      });
      const person = await applicantOf(tx, r.accountId);
      if (person) {
        await deps.notify(tx, person, 'registrationRenewed', { applicationId: r.applicationId, authorityId: r.authorityId }, (t, locale) =>
          t('licensing.mail.renewedDetail', { number: r.number, category: (row.category as Bilingual)[locale], until: next.validUntil }),
        next.at);
      }
      return 'renewed';
    },

    /** Ends an active registration whose validity ran out unrenewed: the register then shows it expired. */
    async expire(tx: Executor, registrationId: string, at: Date): Promise<'expired' | 'not_active' | 'not_found'> {
      const [r] = await tx.select().from(registrations).where(eq(registrations.id, registrationId)).for('update');
      if (!r) return 'not_found';
      if (r.status !== 'active') return 'not_active';
      await tx.update(registrations).set({ status: 'expired' }).where(eq(registrations.id, registrationId));
      await recordEvent(tx, { authorityId: r.authorityId, event: 'registration_expired', actorId: null, subjectId: r.accountId, origin: NO_ORIGIN, at, details: { registrationId, number: r.number, validUntil: r.validUntil ?? '' } });
      const person = await applicantOf(tx, r.accountId);
      if (person) {
        await deps.notify(tx, person, 'registrationExpired', { applicationId: r.applicationId, authorityId: r.authorityId }, (t) => t('licensing.mail.expiredDetail', { number: r.number, until: r.validUntil ?? '' }), at);
      }
      return 'expired';
    },
  };
}
