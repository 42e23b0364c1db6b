import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accounts } from '../../identity/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import { recordEvent } from '../../audit/index.ts';
import { localDateAt, type LocalDate } from '../../platform/calendar.ts';
import type { Database, Executor } from '../../platform/db.ts';
import type { Origin } from '../../platform/origin.ts';
import { files, licensingSettings, registrationCategories, registrations } from '../schema.ts';
import type { LicensingDeps } from '../service.ts';
import { nextNumber } from '../use-cases/numbers.ts';
import { examRule, type RefusalReason } from './exam-rule.ts';
import { formatFileNumber, validFileNumberFormat } from './numbering.ts';

export const DEFAULT_FILE_NUMBER_FORMAT = '{year}-{seq:5}';

export interface OpenedFile {
  id: string;
  number: string;
  /** Set when the file follows an expired certificate of a category that asks for an exam. */
  examRule: 'linked_at_expiry' | 'recent_exam' | 'not_met' | null;
  reasons: RefusalReason[];
}

/** What a certificate still waits for, besides nothing: its fee, an agency link, a valid exam result. */
export type Condition = 'fee' | 'agency_link' | 'exam';

export function fileUseCases(deps: LicensingDeps) {
  return {
    /**
     * Opens a file in the caller's transaction (the start of the application it belongs to): its
     * number is the next of the authority's year in the authority's format, without gaps (a
     * rollback gives it back). When the person's last certificate of the category expired and the
     * category asks for an exam, the office's rule runs here, once, on that day's facts: the
     * result is carried over with the old file's number, or the reasons it is not are kept for
     * the person to read.
     */
    async open(tx: Executor, input: { authorityId: string; accountId: string; categoryId: string; applicationId: string; at: Date; origin: Origin }): Promise<OpenedFile> {
      const { authorityId, accountId, categoryId, applicationId, at } = input;
      const today = localDateAt(at);
      const number = await nextFileNumber(tx, authorityId, Number(today.slice(0, 4)));
      const [category] = await tx.select({ requiresExam: registrationCategories.requiresExam }).from(registrationCategories).where(eq(registrationCategories.id, categoryId));
      const previous = category?.requiresExam ? await expiredBefore(tx, accountId, authorityId, categoryId, today) : null;
      let outcome = null;
      if (previous) {
        const [linkAtExpiry, latestPassed] = await Promise.all([deps.agencies.linkOn(tx, accountId, authorityId, previous.validUntil), deps.exams.latestPassed(tx, accountId, authorityId)]);
        outcome = examRule({ previousNumber: previous.number, expiredOn: previous.validUntil, linkAtExpiry, latestPassed, today });
      }
      const [row] = await tx
        .insert(files)
        .values({
          authorityId,
          accountId,
          categoryId,
          number,
          applicationId,
          previousFileId: previous?.fileId ?? null,
          examRule: outcome?.rule ?? null,
          examResultId: outcome && outcome.rule !== 'not_met' ? outcome.resultId : null,
          examEvidence: outcome?.evidence ?? null,
          openedAt: at,
        })
        .returning({ id: files.id });
      if (!row) throw new Error('file not inserted');
      await recordEvent(tx, {
        authorityId,
        event: 'file_opened',
        actorId: accountId,
        subjectId: accountId,
        origin: input.origin,
        at,
        details: { fileId: row.id, number, applicationId, previousNumber: previous?.number ?? null, examRule: outcome?.rule ?? null },
      });
      return { id: row.id, number, examRule: outcome?.rule ?? null, reasons: outcome?.rule === 'not_met' ? outcome.reasons : [] };
    },

    /**
     * What a pending certificate still waits for: its fee, and where its category asks, an active
     * agency link and a valid exam result (one carried over to its file, or a passed one still
     * valid today). Empty when it can be issued.
     */
    async missing(tx: Executor, registrationId: string, at: Date): Promise<Condition[]> {
      const [row] = await tx
        .select({ registration: registrations, requiresExam: registrationCategories.requiresExam, requiresAgencyLink: registrationCategories.requiresAgencyLink, examRule: files.examRule })
        .from(registrations)
        .innerJoin(registrationCategories, eq(registrationCategories.id, registrations.categoryId))
        .leftJoin(files, eq(files.id, registrations.fileId))
        .where(eq(registrations.id, registrationId));
      if (!row) return [];
      const { accountId, authorityId } = row.registration;
      const missing: Condition[] = [];
      if (!row.registration.feePaidAt) missing.push('fee');
      if (row.requiresAgencyLink && !(await deps.agencies.activeLink(tx, accountId, authorityId))) missing.push('agency_link');
      if (row.requiresExam && row.examRule !== 'linked_at_expiry' && row.examRule !== 'recent_exam') {
        const passed = await deps.exams.latestPassed(tx, accountId, authorityId);
        if (!passed || passed.validUntil < localDateAt(at)) missing.push('exam');
      }
      return missing;
    },
  };
}

/** The next file number of the authority's year, in its format, without gaps (the counter row stays locked until the caller's transaction ends). */
export async function nextFileNumber(tx: Executor, authorityId: string, year: number): Promise<string> {
  const [settings] = await tx.select({ format: licensingSettings.fileNumberFormat }).from(licensingSettings).where(eq(licensingSettings.authorityId, authorityId));
  return formatFileNumber(settings?.format ?? DEFAULT_FILE_NUMBER_FORMAT, year, await nextNumber(tx, authorityId, 'file', year));
}

/** The person's last certificate of the category, when it has expired (by its status or its date) and none has followed it. */
async function expiredBefore(tx: Executor, accountId: string, authorityId: string, categoryId: string, today: LocalDate) {
  const [last] = await tx
    .select({ number: registrations.number, fileId: registrations.fileId, status: registrations.status, validUntil: registrations.validUntil })
    .from(registrations)
    .where(and(eq(registrations.accountId, accountId), eq(registrations.authorityId, authorityId), eq(registrations.categoryId, categoryId), inArray(registrations.status, ['active', 'expired'])))
    .orderBy(desc(registrations.validUntil))
    .limit(1);
  if (!last?.validUntil || !(last.status === 'expired' || last.validUntil < today)) return null;
  return { number: last.number, fileId: last.fileId, validUntil: last.validUntil as LocalDate };
}


/** The staff's list of the authority's files, newest first: who, which category, and what became of an exam result after an expiry. */
export async function recentFiles(db: Executor, authorityId: string, filter: { transfersOnly: boolean; limit: number }) {
  const previous = alias(files, 'previous');
  return db
    .select({
      id: files.id,
      number: files.number,
      openedAt: files.openedAt,
      applicationId: files.applicationId,
      examRule: files.examRule,
      evidence: files.examEvidence,
      previousNumber: previous.number,
      category: registrationCategories.name,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
    })
    .from(files)
    .innerJoin(accounts, eq(accounts.id, files.accountId))
    .innerJoin(registrationCategories, eq(registrationCategories.id, files.categoryId))
    .leftJoin(previous, eq(previous.id, files.previousFileId))
    .where(and(eq(files.authorityId, authorityId), filter.transfersOnly ? isNotNull(files.examRule) : undefined))
    .orderBy(desc(files.openedAt))
    .limit(filter.limit);
}

export type FileRow = Awaited<ReturnType<typeof recentFiles>>[number];

/** The authority's file-number format (the default until an administrator sets one). */
export async function fileNumberFormat(db: Executor, authorityId: string): Promise<string> {
  const [row] = await db.select({ format: licensingSettings.fileNumberFormat }).from(licensingSettings).where(eq(licensingSettings.authorityId, authorityId));
  return row?.format ?? DEFAULT_FILE_NUMBER_FORMAT;
}

/** An administrator sets the format; files already open keep their numbers, the sequence of the year goes on. */
export async function saveFileNumberFormat(db: Database, staff: StaffActor, format: string, at: Date, origin: Origin): Promise<'ok' | 'invalid'> {
  if (!validFileNumberFormat(format)) return 'invalid';
  return db.transaction(async (tx) => {
    const before = await fileNumberFormat(tx, staff.staffAuthorityId);
    await tx
      .insert(licensingSettings)
      .values({ authorityId: staff.staffAuthorityId, fileNumberFormat: format, updatedAt: at })
      .onConflictDoUpdate({ target: licensingSettings.authorityId, set: { fileNumberFormat: format, updatedAt: at } });
    await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'file_number_format_changed', actorId: staff.id, subjectId: null, origin, at, details: { from: before, to: format } });
    return 'ok' as const;
  });
}
