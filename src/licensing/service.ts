import { and, eq, inArray, or } from 'drizzle-orm';
import { mailAccount } from '../authorities/index.ts';
import type { BillingService } from '../billing/index.ts';
import type { CaseworkService } from '../casework/index.ts';
import type { DocumentService, UploadRefusal } from '../documents/index.ts';
import type { Origin } from '../platform/origin.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import { localDateAt, type LocalDate } from '../platform/calendar.ts';
import type { LinkAtExpiry, PassedExam } from './files/exam-rule.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { type Locale, translator } from '../platform/i18n/index.ts';
import type { PdfRenderer } from '../platform/pdf/index.ts';
import { applicationsOf, openApplicationsOf } from './queries.ts';
import { type Actor, can } from './policies.ts';
import { applications, applicationTypes, registrationCategories, registrationCategoryChanges, registrations } from './schema.ts';
import { applicantUseCases } from './use-cases/applicant.ts';
import { registrationUseCases } from './use-cases/registrations.ts';
import { reviewUseCases } from './use-cases/review.ts';
import { validityUseCases } from './use-cases/validity.ts';

/** The exams module's answer the file rules need (src/exams, listed before licensing). */
export interface ExamsPort {
  latestPassed(tx: Executor, accountId: string, authorityId: string): Promise<PassedExam | null>;
}
/** The agencies module's answers the certificate conditions need (src/agencies). */
export interface AgenciesPort {
  linkOn(tx: Executor, accountId: string, authorityId: string, day: LocalDate): Promise<LinkAtExpiry | null>;
  activeLink(tx: Executor, accountId: string, authorityId: string): Promise<LinkAtExpiry | null>;
}

export interface LicensingDeps {
  db: Database;
  clock: Clock;
  publicUrl: URL;
  pdf: PdfRenderer;
  billing: BillingService;
  documents: DocumentService;
  casework: CaseworkService;
  exams: ExamsPort;
  agencies: AgenciesPort;
  /** A message about an application to its applicant, in their language, linking to its page; in the caller's transaction. */
  notify(
    tx: Executor,
    to: { id: string; email: string; givenName: string; preferredLanguage: Locale },
    template: MailTemplate,
    link: { applicationId: string; authorityId: string },
    detail: (t: ReturnType<typeof translator>, locale: Locale) => string,
    at: Date,
  ): Promise<void>;
}

export function createLicensingService(deps: Omit<LicensingDeps, 'notify'> & { mailer: Mailer }) {
  const full: LicensingDeps = {
    ...deps,
    notify(tx, to, template, link, detail, at) {
      return mailAccount(tx, deps.mailer, deps.publicUrl, to, { authorityId: link.authorityId, template, page: 'licensing.application', params: { applicationId: link.applicationId }, detail, at });
    },
  };
  const { db } = deps;
  const registrationsOf = registrationUseCases(full);
  return {
    applicant: applicantUseCases(full),
    review: reviewUseCases(full),
    registrations: registrationsOf,
    /** Renewal and expiry, for the renewals module (issue 15). */
    validity: validityUseCases(full),
    /** A person's applications (at one authority when given). */
    applicationsOf: (applicantId: string, authorityId: string | null) => applicationsOf(db, applicantId, authorityId),
    openApplicationsOf: (applicantId: string, authorityId: string) => openApplicationsOf(db, applicantId, authorityId),
    /** The authority's types, for the queue's filter. */
    typesOf: (authorityId: string) => db.select({ code: applicationTypes.code, name: applicationTypes.name }).from(applicationTypes).where(eq(applicationTypes.authorityId, authorityId)).orderBy(applicationTypes.position),
    /** Whether someone may read an application's documents: its applicant, or its authority's staff (the policy). */
    async canRead(actor: Actor, applicationId: string): Promise<boolean> {
      const [row] = await db.select({ applicantId: applications.applicantId, authorityId: applications.authorityId }).from(applications).where(eq(applications.id, applicationId));
      return row !== undefined && (can(actor, 'view', row) || can(actor, 'review', row));
    },
    /** A refused upload, for the audit (a virus's signature among others). */
    uploadRefused: (actorId: string, authorityId: string, refusal: UploadRefusal, origin: Origin) => deps.documents.recordRefusal(db, { authorityId, actorId, origin, at: deps.clock.now() }, refusal),
    /** The registration an approved application gave (or, for a category transfer, the one it moved), with its category and what it still waits for. */
    async registrationOf(applicationId: string, accountId: string) {
      const moved = db.select({ id: registrationCategoryChanges.registrationId }).from(registrationCategoryChanges).where(eq(registrationCategoryChanges.applicationId, applicationId));
      const [row] = await db
        .select({
          id: registrations.id,
          number: registrations.number,
          status: registrations.status,
          validFrom: registrations.validFrom,
          validUntil: registrations.validUntil,
          verificationCode: registrations.verificationCode,
          category: registrationCategories.name,
        })
        .from(registrations)
        .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
        .where(and(or(eq(registrations.applicationId, applicationId), inArray(registrations.id, moved)), eq(registrations.accountId, accountId)));
      if (!row) return null;
      const waiting = row.status === 'pending' ? await registrationsOf.missing(db, row.id) : [];
      return { ...row, waiting, expired: row.status === 'expired' || (row.validUntil !== null && row.validUntil < localDateAt(deps.clock.now())) };
    },
  };
}

export type LicensingService = ReturnType<typeof createLicensingService>;
