import { mailAccount } from '../authorities/index.ts';
import type { CaseworkService } from '../casework/index.ts';
import { recordEvent } from '../audit/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { type Locale, translator } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import type { PageName } from '../platform/paths.ts';
import { can } from './policies.ts';
import { holdsRegistration } from '../licensing/index.ts';
import { entriesOf, profileOf, requestsOf, sentEntriesOf, sitesOf, thresholdsOf, totalsOf, withholdingRequestsOf } from './queries.ts';
import { practiceThresholds } from './schema.ts';
import { hoursUseCases } from './use-cases/hours.ts';
import { reviewUseCases, withholdingReviewUseCases } from './use-cases/review.ts';
import { siteUseCases } from './use-cases/sites.ts';

/** A registrant of the portal's authority, acting on their own practice record there. */
export type Registrant = StaffActor & { authorityId: string };

export interface PracticeDeps {
  db: Database;
  clock: Clock;
  casework: CaseworkService;
  /** A message to the registrant, in their language, linking to one of this module's pages; in the caller's transaction. */
  notify(
    tx: Executor,
    to: { id: string; email: string; givenName: string; preferredLanguage: Locale },
    template: MailTemplate,
    link: { page: PageName; params: Record<string, string>; authorityId: string },
    detail: (t: ReturnType<typeof translator>) => string,
    at: Date,
  ): Promise<void>;
}

export function createPracticeService(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; casework: CaseworkService }) {
  const full: PracticeDeps = {
    db: deps.db,
    clock: deps.clock,
    casework: deps.casework,
    notify(tx, to, template, link, detail, at) {
      return mailAccount(tx, deps.mailer, deps.publicUrl, to, { authorityId: link.authorityId, template, page: link.page, params: link.params, detail, at });
    },
  };
  const { db } = deps;
  const hours = hoursUseCases(full);
  return {
    sites: siteUseCases(full),
    hours,
    review: reviewUseCases(full),
    withholding: withholdingReviewUseCases(full),

    /** Whether the person may keep a practice record in this authority's portal: they hold a registration there. */
    isRegistrant: (accountId: string, authorityId: string) => holdsRegistration(db, accountId, authorityId, ['active', 'pending']),

    /** The sites page: the sites, the latest withholding request of each, and "not practising". */
    async sitesPage(r: Registrant) {
      const [sites, withholding, profile] = await Promise.all([sitesOf(db, r.id, r.authorityId), withholdingRequestsOf(db, r.id, r.authorityId), profileOf(db, r.id, r.authorityId)]);
      return { sites, withholding, profile };
    },

    /** The hours page: entries, totals per status and kind, the thresholds, the independent practice status, the requests. */
    async hoursPage(r: Registrant) {
      const [entries, thresholds, profile, requests, sites] = await Promise.all([entriesOf(db, r.id, r.authorityId), thresholdsOf(db, r.authorityId), profileOf(db, r.id, r.authorityId), requestsOf(db, r.id, r.authorityId), sitesOf(db, r.id, r.authorityId)]);
      const accepted = totalsOf(entries.filter((e) => e.status === 'accepted'));
      const inReview = totalsOf(entries.filter((e) => e.status === 'sent'));
      return { entries, thresholds, profile, requests, sites, accepted, inReview };
    },

    /** The status page of one of the registrant's requests: what it sent, its review, place in the queue and usual wait. */
    async requestPage(r: Registrant, requestId: string) {
      const request = await hours.request(r, requestId);
      if (!request) return null;
      const review = await deps.casework.bySubject('practice_hours', requestId);
      const [entries, steps, position, median] = await Promise.all([
        sentEntriesOf(db, requestId),
        review ? deps.casework.timeline(review.id, { forApplicant: true }) : Promise.resolve([]),
        review?.status === 'queued' ? deps.casework.position(review.id) : Promise.resolve(null),
        review && request.status === 'sent' ? deps.casework.medianDecisionTime(r.authorityId, 'practice_hours') : Promise.resolve(null),
      ]);
      return { request, review, entries, steps, position, median };
    },

    thresholdsOf: (authorityId: string) => thresholdsOf(db, authorityId),

    /** An administrator sets the authority's thresholds (hundredths), with its audit row. */
    async setThresholds(staff: StaffActor, values: { direct_contact: number; supervision: number }, origin: Origin): Promise<'ok' | 'forbidden'> {
      const authorityId = staff.staffAuthorityId;
      if (!can(staff, 'set_thresholds', { accountId: '', authorityId })) return 'forbidden';
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await writeThresholds(tx, authorityId, values, now);
        await recordEvent(tx, { authorityId, event: 'practice_thresholds_changed', actorId: staff.id, subjectId: null, origin, at: now, details: { directContact: values.direct_contact, supervision: values.supervision } });
      });
      return 'ok';
    },
  };
}

/** Writes an authority's thresholds (hundredths of an hour), replacing those it had: the demo and the administrator's page. */
export async function writeThresholds(tx: Executor, authorityId: string, values: { direct_contact: number; supervision: number }, now: Date): Promise<void> {
  for (const kind of ['direct_contact', 'supervision'] as const) {
    await tx
      .insert(practiceThresholds)
      .values({ authorityId, kind, hundredths: values[kind], updatedAt: now })
      .onConflictDoUpdate({ target: [practiceThresholds.authorityId, practiceThresholds.kind], set: { hundredths: values[kind], updatedAt: now } });
  }
}

export type PracticeService = ReturnType<typeof createPracticeService>;
