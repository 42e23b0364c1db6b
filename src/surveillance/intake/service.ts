import { apiClientKeys } from '../../platform/api-clients.ts';
import { href } from '../../platform/paths.ts';
import type { ExamDocumentType } from '../labels.ts';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import { organizationKinds, organizations } from '../../organizations/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { formatLocalDate, type Bilingual, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { PTPHA_KIND, type Receipt, type Received, sameNotice, type SurveillanceCore } from '../core.ts';
import type { Notice } from '../notice.ts';
import { reportDeadline } from '../clock.ts';
import { caseAssignments, caseDocuments, surveillanceApiClients, surveillanceCases, surveillanceSettings } from '../schema.ts';
import { caseTransitions } from '../states.ts';
import { checkNotices, importable, type ImportReport } from './csv.ts';

/** The documents of a case are filed under this subject kind (index.ts registers its reader). */
const CASE_DOCUMENTS = 'surveillance_case';

export interface NoticeDocument {
  typeCode: ExamDocumentType;
  file: StagedFile;
}

export const apiScopes = ['notices:write', 'notices:read'] as const;
export type ApiScope = (typeof apiScopes)[number];



export type ReceiveResult = Received | { kind: 'off' };

/** What the API answers about a notice it received: only what was fixed when it came in, so a replay gets the same answer. */
export interface NoticeAnswer {
  noticeNumber: string;
  caseId: string;
  routed: boolean;
  dueOn: string;
  receivedAt: string;
}

/**
 * Intake: the three ways a notice comes in (the department's form, a CSV file, its client
 * systems through the API) share `receive`, so each routes, audits and mails the same way; the
 * cannot-route queue; the API keys.
 */
export function createIntakeService(deps: { db: Database; clock: Clock; core: SurveillanceCore; documents: DocumentService | null }) {
  const { db, clock, core } = deps;

  /** Mails the PTPHA's members that a case is theirs: the notice number, the due day and the link (nothing else). */
  async function mailRouted(tx: Executor, authorityId: string, organizationId: string, c: { caseId: string; noticeNumber: string; dueOn: string }, at: Date) {
    await core.mailEach(tx, authorityId, await core.ptphaMembers(tx, organizationId), {
      template: 'surveillanceNoticeRouted',
      path: (locale) => href('surveillance.ptpha.case', locale, { organizationId, caseId: c.caseId }),
      detail: (locale) => translator(locale)('surveillance.intake.mail.routed.detail', { number: c.noticeNumber, due: formatLocalDate(locale, c.dueOn) }),
      at,
    });
  }

  /**
   * Receives one notice in one transaction (the caller's, or its own): the case, its routing and
   * audit (core), its exam documents (side `department`, each audited), and the mail to the
   * PTPHA's members. A notice number already received changes nothing and attaches nothing.
   */
  async function receive(input: { authorityId: string; notice: Notice; receipt: Receipt; documents?: readonly NoticeDocument[]; uploaderId?: string | null }, outer?: Executor): Promise<ReceiveResult> {
    const work = async (tx: Executor): Promise<ReceiveResult> => {
      const settings = await core.settings(input.authorityId, tx);
      if (!settings) return { kind: 'off' };
      const files = input.documents ?? [];
      const received = await core.receiveNotice(tx, input.authorityId, input.notice, { ...input.receipt, documents: files.length }, settings);
      if (received.kind !== 'created') return received;
      const uploader = input.uploaderId ?? input.receipt.accountId;
      if (files.length > 0 && (!deps.documents || !uploader)) throw new Error('surveillance: documents without a documents service or an uploader');
      for (const d of files) {
        const { documentId } = await deps.documents!.attach(
          tx,
          { authorityId: input.authorityId, ownerAccountId: uploader!, subjectKind: CASE_DOCUMENTS, subjectId: received.caseId, typeCode: d.typeCode, uploadedBy: uploader!, source: input.receipt.source, origin: input.receipt.origin, at: input.receipt.at },
          d.file,
        );
        await tx.insert(caseDocuments).values({ documentId, caseId: received.caseId, side: 'department', organizationId: null, requestId: null, createdAt: input.receipt.at });
        await recordEvent(tx, {
          authorityId: input.authorityId,
          event: 'surveillance_document_added',
          actorId: uploader,
          subjectId: received.caseId,
          origin: input.receipt.origin,
          at: input.receipt.at,
          details: { caseId: received.caseId, noticeNumber: input.notice.noticeNumber, documentId, side: 'department', requestId: null },
        });
      }
      if (received.organizationId) {
        // The due day the core stored, counted again here rather than read back (one query less per notice).
        const dueOn = reportDeadline(input.notice.arrivalDate, input.notice.code, input.notice.province, settings).due;
        await mailRouted(tx, input.authorityId, received.organizationId, { caseId: received.caseId, noticeNumber: input.notice.noticeNumber, dueOn }, input.receipt.at);
      }
      return received;
    };
    const result = outer ? await work(outer) : await db.transaction(work);
    // Nothing points to a file a replay or a failure did not attach: it goes (a throw above leaves it to the caller).
    if (result.kind !== 'created' && deps.documents) for (const d of input.documents ?? []) await deps.documents.discard(d.file);
    return result;
  }

  /** The answer about a received notice, from what was fixed when it came in (routed: by its province, at receipt). */
  async function answerOf(authorityId: string, caseId: string, executor: Executor = db): Promise<NoticeAnswer | null> {
    const [row] = await executor
      .select({
        noticeNumber: surveillanceCases.noticeNumber,
        caseId: surveillanceCases.id,
        dueOn: surveillanceCases.dueOn,
        receivedAt: surveillanceCases.receivedAt,
        // Written out: drizzle names the outer column without its table inside a subquery of the select list.
        routed: sql<boolean>`exists (select 1 from surveillance_case_assignments a where a.case_id = surveillance_cases.id and a.reason = 'routed')`,
      })
      .from(surveillanceCases)
      .where(and(eq(surveillanceCases.id, caseId), eq(surveillanceCases.authorityId, authorityId)));
    return row ? { ...row, receivedAt: row.receivedAt.toISOString() } : null;
  }

  /** Every line of a file checked against the rules, then against the notices already received: the dry run (reads only). */
  async function review(executor: Executor, authorityId: string, csv: string): Promise<ImportReport> {
    const report = checkNotices(csv);
    const numbers = report.lines.flatMap((l) => (l.notice ? [l.notice.noticeNumber] : []));
    if (numbers.length === 0) return report;
    const existing = new Map<string, typeof surveillanceCases.$inferSelect>();
    // In slices: a bound parameter each, and PostgreSQL takes at most 65,535 in one statement.
    for (let i = 0; i < numbers.length; i += 5000) {
      const rows = await executor.select().from(surveillanceCases).where(and(eq(surveillanceCases.authorityId, authorityId), inArray(surveillanceCases.noticeNumber, numbers.slice(i, i + 5000))));
      for (const r of rows) existing.set(r.noticeNumber, r);
    }
    for (const l of report.lines) {
      const found = l.notice ? existing.get(l.notice.noticeNumber) : undefined;
      if (!found || !l.notice) continue;
      if (sameNotice(found, l.notice)) l.alreadyReceived = true;
      else l.problems.push({ field: 'noticeNumber', key: 'surveillance.intake.import.problem.differs' });
    }
    return report;
  }

  return {
    receive,
    answerOf,

    /** The form's notice, with its exam document if any, received by a staff member. */
    async receiveFromForm(staff: StaffActor, notice: Notice, document: NoticeDocument | null, origin: Origin): Promise<ReceiveResult> {
      return receive({ authorityId: staff.staffAuthorityId, notice, receipt: { source: 'form', accountId: staff.id, apiClientId: null, origin, at: clock.now() }, documents: document ? [document] : [] });
    },

    /** The notice a page shows as received (its number, the PTPHA it went to, its due day): nothing medical. */
    async receipt(authorityId: string, caseId: string) {
      const [row] = await db
        .select({ noticeNumber: surveillanceCases.noticeNumber, dueOn: surveillanceCases.dueOn, status: surveillanceCases.status, organization: organizations.name })
        .from(surveillanceCases)
        .leftJoin(organizations, eq(organizations.id, surveillanceCases.organizationId))
        .where(and(eq(surveillanceCases.id, caseId), eq(surveillanceCases.authorityId, authorityId)));
      return row ?? null;
    },

    checkImport: (authorityId: string, csv: string) => review(db, authorityId, csv),

    /**
     * The import: the file checked again inside its transaction, then every new line received
     * (routed, audited, mailed as the form does) with one audit row for the file; nothing at all
     * when a line has a problem. Lines already received are skipped. `progress` hears of each line.
     */
    async importNotices(input: { authorityId: string; csv: string; fileName: string; accountId: string | null; origin: Origin; progress?: (done: number, total: number) => void }): Promise<{ kind: 'imported'; notices: number; already: number } | { kind: 'problems'; report: ImportReport } | { kind: 'off' }> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        if (!(await core.settings(input.authorityId, tx))) return { kind: 'off' as const };
        const report = await review(tx, input.authorityId, input.csv);
        if (!importable(report)) return { kind: 'problems' as const, report };
        let done = 0;
        let created = 0;
        for (const l of report.lines) {
          if (!l.alreadyReceived && l.notice) {
            const result = await receive({ authorityId: input.authorityId, notice: l.notice, receipt: { source: 'csv', accountId: input.accountId, apiClientId: null, origin: input.origin, at } }, tx);
            if (result.kind === 'created') created++;
          }
          input.progress?.(++done, report.lines.length);
        }
        await recordEvent(tx, { authorityId: input.authorityId, event: 'surveillance_notices_imported', actorId: input.accountId, subjectId: null, origin: input.origin, at, details: { notices: created, fileName: input.fileName } });
        return { kind: 'imported' as const, notices: created, already: report.lines.length - created };
      });
    },

    unrouted: {
      async count(authorityId: string): Promise<number> {
        const [row] = await db.select({ n: count() }).from(surveillanceCases).where(and(eq(surveillanceCases.authorityId, authorityId), eq(surveillanceCases.status, 'unrouted')));
        return row?.n ?? 0;
      },

      /** The cannot-route queue, oldest first: who (to find them), when they arrived, the code. */
      list(authorityId: string) {
        return db
          .select({ id: surveillanceCases.id, noticeNumber: surveillanceCases.noticeNumber, familyName: surveillanceCases.familyName, givenNames: surveillanceCases.givenNames, arrivalDate: surveillanceCases.arrivalDate, code: surveillanceCases.code, dueOn: surveillanceCases.dueOn, city: surveillanceCases.city })
          .from(surveillanceCases)
          .where(and(eq(surveillanceCases.authorityId, authorityId), eq(surveillanceCases.status, 'unrouted')))
          .orderBy(asc(surveillanceCases.receivedAt), asc(surveillanceCases.noticeNumber))
          .limit(500);
      },

      /** The approved PTPHAs a case may be routed to, by province. */
      ptphas(authorityId: string): Promise<{ id: string; name: Bilingual; province: string }[]> {
        return db
          .select({ id: organizations.id, name: organizations.name, province: organizations.province })
          .from(organizations)
          .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
          .where(and(eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, PTPHA_KIND), eq(organizations.status, 'approved')))
          .orderBy(asc(organizations.province), asc(organizations.createdAt));
      },

      /** Routes an unrouted case to a PTPHA the staff member chose: the case, its assignment, the audit and the mail, together. */
      async route(staff: StaffActor, caseId: string, organizationId: string, origin: Origin): Promise<'routed' | 'not_found' | 'not_allowed_from' | 'unknown_ptpha'> {
        const now = clock.now();
        return db.transaction(async (tx) => {
          const c = await core.lockCase(tx, staff.staffAuthorityId, caseId);
          if (!c) return 'not_found';
          const rule = caseTransitions.check(c.status, 'route', ['department']);
          if (rule === 'forbidden') return 'not_found';
          if (rule === 'not_allowed_from') return 'not_allowed_from';
          if (!(await core.isPtpha(organizationId, c.authorityId, tx))) return 'unknown_ptpha';
          await tx.update(surveillanceCases).set({ organizationId, status: rule.to }).where(eq(surveillanceCases.id, c.id));
          await tx.insert(caseAssignments).values({ caseId: c.id, organizationId, reason: 'routed_by_staff', assignedBy: staff.id, assignedAt: now });
          await recordEvent(tx, { authorityId: c.authorityId, event: rule.event as 'surveillance_case_routed', actorId: staff.id, subjectId: c.id, origin, at: now, details: { caseId: c.id, noticeNumber: c.noticeNumber, organizationId } });
          await mailRouted(tx, c.authorityId, organizationId, { caseId: c.id, noticeNumber: c.noticeNumber, dueOn: c.dueOn }, now);
          return 'routed';
        });
      },
    },

    apiClients: apiClientKeys<ApiScope>({
      db,
      clock,
      table: surveillanceApiClients,
      kind: 'gsv',
      moduleOn: surveillanceSettings.authorityId,
      audit: (tx, change, staff, at, origin, details) => recordEvent(tx, { authorityId: staff.staffAuthorityId, event: change === 'issued' ? 'surveillance_api_client_issued' : 'surveillance_api_client_revoked', actorId: staff.id, subjectId: null, origin, at, details }),
    }),

    /** What a client system may read back about a notice: where it went and where it stands, nothing medical. */
    async status(authorityId: string, noticeNumber: string) {
      const [row] = await db
        .select({ noticeNumber: surveillanceCases.noticeNumber, status: surveillanceCases.status, organizationId: surveillanceCases.organizationId, dueOn: surveillanceCases.dueOn })
        .from(surveillanceCases)
        .where(and(eq(surveillanceCases.authorityId, authorityId), eq(surveillanceCases.noticeNumber, noticeNumber)));
      return row ? { noticeNumber: row.noticeNumber, routed: row.organizationId !== null, status: row.status, dueOn: row.dueOn } : null;
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
