import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { caseRecord } from '../queries.ts';
import { recordEvent } from '../../audit/index.ts';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import type { Membership } from '../../organizations/index.ts';
import { addCalendarDays, type LocalDate, localDateAt, today as todayOf } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { formatLocalDate, type Locale, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import type { MailTemplate } from '../../mail/index.ts';
import type { SurveillanceCase, SurveillanceCore } from '../core.ts';
import { caseContacts, caseDocuments, caseFollowUps, caseReminders, complianceReports, documentRequests, surveillanceCases, surveillanceSettings } from '../schema.ts';
import { caseTransitions, openStatuses } from '../states.ts';
import * as queries from './queries.ts';
import type { ContactInput, FollowUpInput, ListQuery, ReportInput, RequestInput, Search } from './schemas.ts';

/** The subject kind of a case's documents (index.ts's CASE_DOCUMENTS: a part cannot import its module's index, which imports it). */
export const CASE_DOCUMENTS = 'surveillance_case';

const BATCH = 200;

/** Who acts: a member of the PTPHA the case is with (the guard found them). */
export type Member = Pick<Membership, 'accountId' | 'organizationId' | 'authorityId'>;

/** A change refused: the case is no longer this PTPHA's (`not_found`), or not in a state that allows it. */
export type ChangeResult = 'ok' | 'not_found' | 'not_allowed';

const FOLLOW_UP_FIELDS = ['firstAppointmentOn', 'chestXrayOn', 'chestXrayResult', 'furtherTests', 'assessmentOn', 'assessmentOutcome'] as const;

/** Whole days from `from` to `to` (negative when `to` is earlier): local days, no time zone in it. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The PTPHA's side of a case: its lists, queues and search (its own cases only), the case's
 * record, acknowledgement, contact attempts, follow-up, compliance reports, its documents and
 * requests to the department, and the reminders before each due day. Each change runs in one
 * transaction with its audit row and mail, the case locked and checked to be still this PTPHA's.
 */
export function createPtphaService(deps: { db: Database; clock: Clock; core: SurveillanceCore; documents: DocumentService }) {
  const { db, clock, core } = deps;
  const todayNow = () => todayOf(clock);

  /** Mail to the department's staff about a case: its notice number, due day and a link — nothing medical. */
  async function mailDepartment(tx: Executor, c: SurveillanceCase, template: MailTemplate, at: Date, extra?: (t: ReturnType<typeof translator>, locale: Locale) => string) {
    const staff = await core.departmentStaff(tx, c.authorityId);
    await core.mailEach(tx, c.authorityId, staff, {
      template,
      at,
      path: (locale) => href('surveillance.department.case', locale, { caseId: c.id }),
      detail: (locale) => {
        const t = translator(locale);
        return [t('surveillance.ptpha.mail.case', { notice: c.noticeNumber, due: formatLocalDate(locale, c.dueOn) }), extra?.(t, locale)].filter(Boolean).join(' ');
      },
    });
  }

  /** The case locked, while it is still with this PTPHA (a transfer may have moved it since the page). */
  async function locked(tx: Executor, m: Member, caseId: string) {
    const c = await core.lockCase(tx, m.authorityId, caseId);
    return c && c.organizationId === m.organizationId ? c : null;
  }

  async function limitsOf(authorityId: string) {
    const s = await core.settings(authorityId);
    return { routineDays: s?.routineDays ?? 30, urgentDays: s?.urgentDays ?? 7 };
  }

  /**
   * The reminders due for one department on a day: each open case whose due day is still ahead
   * (or today) and an offset of `reminderDays` reached and not yet written. The offsets are
   * written in the same transaction as the mail (the primary key: a second run, or a second
   * process, writes nothing and sends nothing); each member gets one message per case and run.
   */
  async function remind(authorityId: string, reminderDays: number[], today: LocalDate, at: Date): Promise<number> {
    if (reminderDays.length === 0) return 0;
    let sent = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const due = await db
        .select()
        .from(surveillanceCases)
        .where(
          and(
            eq(surveillanceCases.authorityId, authorityId),
            inArray(surveillanceCases.status, [...openStatuses]),
            sql`${surveillanceCases.organizationId} is not null`,
            sql`${surveillanceCases.dueOn} >= ${today}::date`,
            sql`${surveillanceCases.id} > ${after}`,
            sql`exists (select 1 from unnest(${sql.param(reminderDays)}::int[]) o where ${surveillanceCases.dueOn} - o <= ${today}::date
              and not exists (select 1 from surveillance_case_reminders r where r.case_id = ${surveillanceCases.id} and r.due_on = ${surveillanceCases.dueOn} and r.days_before = o))`,
          ),
        )
        .orderBy(asc(surveillanceCases.id))
        .limit(BATCH);
      if (due.length === 0) break;
      after = due.at(-1)!.id;
      sent += await db.transaction(async (tx) => {
        let n = 0;
        for (const c of due) {
          const reached = reminderDays.filter((o) => addCalendarDays(c.dueOn as LocalDate, -o) <= today);
          const wrote = await tx.insert(caseReminders).values(reached.map((daysBefore) => ({ caseId: c.id, dueOn: c.dueOn, daysBefore, sentAt: at }))).onConflictDoNothing().returning({ daysBefore: caseReminders.daysBefore });
          if (wrote.length === 0 || !c.organizationId) continue;
          const left = daysBetween(today, c.dueOn as LocalDate);
          const organizationId = c.organizationId;
          await core.mailEach(tx, authorityId, await core.ptphaMembers(tx, organizationId), {
            template: 'surveillancePtphaReminder',
            at,
            path: (locale) => href('surveillance.ptpha.case', locale, { organizationId, caseId: c.id }),
            detail: (locale) => translator(locale)('surveillance.ptpha.mail.reminderDetail', { notice: c.noticeNumber, due: formatLocalDate(locale, c.dueOn), days: left }),
          });
          n += 1;
        }
        return n;
      });
    }
    return sent;
  }

  return {
    /** One page of the PTPHA's cases by the filters, with the queues' counts. */
    async list(m: Member, q: ListQuery) {
      const today = todayNow();
      const [page, counts] = await Promise.all([queries.listCases(db, m.organizationId, q, today), queries.queueCounts(db, m.organizationId, today)]);
      return { ...page, counts, today };
    },

    /** A search within the PTPHA's own cases. */
    search: (m: Member, s: Search) => queries.searchCases(db, m.organizationId, s),

    /** The counts of the dashboard card: new notices, overdue cases. */
    counts: (organizationId: string) => core.ptphaCounts(organizationId, todayNow()),

    /** What the case page shows: its details, documents with their side, and the clock with how it was counted. */
    async view(c: SurveillanceCase) {
      const [details, documents, limits] = await Promise.all([caseRecord(db, c.id), deps.documents.list(CASE_DOCUMENTS, c.id), limitsOf(c.authorityId)]);
      const today = todayNow();
      return { ...details, documents, deadline: core.deadlineOf(c, limits), today, daysLeft: daysBetween(today, c.dueOn as LocalDate) };
    },

    /** The notice is taken in hand: `notified` → `acknowledged`, once. */
    async acknowledge(m: Member, caseId: string, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found';
        const rule = caseTransitions.check(c.status, 'acknowledge', ['ptpha']);
        if (typeof rule === 'string') return 'not_allowed';
        await tx.update(surveillanceCases).set({ status: rule.to, acknowledgedAt: at, acknowledgedBy: m.accountId }).where(eq(surveillanceCases.id, c.id));
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_case_acknowledged', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, organizationId: m.organizationId } });
        return 'ok';
      });
    },

    /** A try to reach the person (a new row each time: a mistake is corrected by another). */
    async recordContact(m: Member, caseId: string, input: ContactInput, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      if (input.attemptedOn > localDateAt(at)) return 'not_allowed';
      return db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found';
        const [row] = await tx
          .insert(caseContacts)
          .values({ caseId: c.id, organizationId: m.organizationId, attemptedOn: input.attemptedOn, method: input.method, outcome: input.outcome, note: input.contactNote, recordedBy: m.accountId, recordedAt: at })
          .returning({ id: caseContacts.id });
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_contact_recorded', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, contactId: row!.id } });
        return 'ok';
      });
    },

    /** The structured follow-up, kept up to date; the audit names the fields changed, never their values. */
    async saveFollowUp(m: Member, caseId: string, input: FollowUpInput, origin: Origin): Promise<ChangeResult | 'unchanged'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found';
        const [current] = await tx.select().from(caseFollowUps).where(eq(caseFollowUps.caseId, c.id));
        const fields = FOLLOW_UP_FIELDS.filter((f) => (current?.[f] ?? null) !== input[f]);
        if (fields.length === 0) return 'unchanged';
        const values = Object.fromEntries(FOLLOW_UP_FIELDS.map((f) => [f, input[f]])) as FollowUpInput;
        await tx
          .insert(caseFollowUps)
          .values({ caseId: c.id, ...values, updatedBy: m.accountId, updatedAt: at })
          .onConflictDoUpdate({ target: caseFollowUps.caseId, set: { ...values, updatedBy: m.accountId, updatedAt: at } });
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_follow_up_changed', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, fields: [...fields] } });
        return 'ok';
      });
    },

    /**
     * A compliance report, sent once and never changed (the database refuses an update); the
     * case takes its status, and the department's staff are told (notice number and link only).
     */
    async sendReport(m: Member, caseId: string, input: ReportInput, origin: Origin): Promise<ChangeResult | 'future'> {
      const at = clock.now();
      if (input.statusOn > localDateAt(at)) return 'future';
      return db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found';
        const rule = caseTransitions.check(c.status, `report_${input.status}`, ['ptpha']);
        if (typeof rule === 'string') return 'not_allowed';
        const [report] = await tx
          .insert(complianceReports)
          .values({ caseId: c.id, organizationId: m.organizationId, status: input.status, statusOn: input.statusOn, note: input.note, movedToProvince: input.movedToProvince, sentBy: m.accountId, sentAt: at })
          .returning({ id: complianceReports.id });
        await tx.update(surveillanceCases).set({ status: rule.to }).where(eq(surveillanceCases.id, c.id));
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_report_sent', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, reportId: report!.id, status: input.status, organizationId: m.organizationId } });
        await mailDepartment(tx, c, 'surveillancePtphaReport', at);
        return 'ok';
      });
    },

    /** The PTPHA's own document on the case (side `ptpha`); the department's staff are told. The file goes when it is refused. */
    async addDocument(m: Member, caseId: string, typeCode: string, file: StagedFile, origin: Origin): Promise<Exclude<ChangeResult, 'not_allowed'>> {
      const at = clock.now();
      const result = await db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found' as const;
        const { documentId } = await deps.documents.attach(tx, { authorityId: c.authorityId, ownerAccountId: m.accountId, subjectKind: CASE_DOCUMENTS, subjectId: c.id, typeCode, uploadedBy: m.accountId, origin, at }, file);
        await tx.insert(caseDocuments).values({ documentId, caseId: c.id, side: 'ptpha', organizationId: m.organizationId, requestId: null, createdAt: at });
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_document_added', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, documentId, side: 'ptpha', requestId: null } });
        await mailDepartment(tx, c, 'surveillancePtphaDocument', at);
        return 'ok' as const;
      });
      if (result !== 'ok') await deps.documents.discard(file);
      return result;
    },

    /** A document asked of the department by a day: its queue shows it; its staff are told. */
    async requestDocument(m: Member, caseId: string, input: RequestInput, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      if (input.requestDueOn < localDateAt(at)) return 'not_allowed';
      return db.transaction(async (tx) => {
        const c = await locked(tx, m, caseId);
        if (!c) return 'not_found';
        const [row] = await tx
          .insert(documentRequests)
          .values({ caseId: c.id, organizationId: m.organizationId, description: input.description, dueOn: input.requestDueOn, requestedBy: m.accountId, requestedAt: at })
          .returning({ id: documentRequests.id });
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_document_requested', actorId: m.accountId, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, requestId: row!.id, dueOn: input.requestDueOn } });
        await mailDepartment(tx, c, 'surveillancePtphaRequest', at, (t, locale) => t('surveillance.ptpha.mail.requestDue', { due: formatLocalDate(locale, input.requestDueOn) }));
        return 'ok';
      });
    },

    /**
     * The reminder run, for every department with surveillance on: idempotent and safe beside a
     * second process (see `remind`). Returns how many cases were reminded about.
     */
    async run(at: Date = clock.now()): Promise<number> {
      const today = localDateAt(at);
      let sent = 0;
      for (const s of await db.select().from(surveillanceSettings)) sent += await remind(s.authorityId, s.reminderDays, today, at);
      return sent;
    },
  };
}

export type PtphaService = ReturnType<typeof createPtphaService>;
