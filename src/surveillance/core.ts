import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { mailEachFromPortal, type Recipient } from '../authorities/index.ts';
import { recordEvent } from '../audit/index.ts';
import { staffRecipients } from '../identity/index.ts';
import type { Mailer } from '../mail/index.ts';
import { memberRecipients, organizationKinds, organizations } from '../organizations/index.ts';
import { type LocalDate } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { reportDeadline, type TimeLimits } from './clock.ts';
import type { Notice } from './notice.ts';
import { caseAssignments, surveillanceCases, surveillanceSettings } from './schema.ts';
import type { NoticeSource } from './states.ts';

/** The kind of organization a PTPHA is, among the department's organizations. */
export const PTPHA_KIND = 'public_health_authority';

export type SurveillanceCase = typeof surveillanceCases.$inferSelect;
export type Settings = typeof surveillanceSettings.$inferSelect;

/** Who a notice came from: a staff member (form, CSV) or a client system (API). */
export interface Receipt {
  source: NoticeSource;
  accountId: string | null;
  apiClientId: string | null;
  origin: Origin;
  at: Date;
  /** The exam documents that come with it (its audit row says how many). */
  documents?: number;
}

/**
 * What receiving a notice did: a new case (routed to a PTPHA or not), or the case this notice
 * number already made (`same`: the notice sent again says the same thing; otherwise it differs,
 * and nothing was changed).
 */
export type Received = { kind: 'created'; caseId: string; organizationId: string | null } | { kind: 'exists'; caseId: string; same: boolean };

const noticeFields = ['familyName', 'givenNames', 'dateOfBirth', 'clientId', 'addressLine1', 'addressLine2', 'city', 'province', 'postalCode', 'phone', 'email', 'arrivalDate', 'code'] as const;

/** Whether a notice sent again says what the case it made says (the CSV dry run asks it without writing). */
export const sameNotice = (existing: Pick<SurveillanceCase, (typeof noticeFields)[number]>, notice: Notice) => noticeFields.every((f) => (existing[f] ?? null) === (notice[f] ?? null));

/**
 * What every part of surveillance shares: whether the module is on, the routing of a notice to
 * the PTPHA of the province of residence, receiving a notice (one function for the form, the CSV
 * and the API), the audited read of a case, and who is written to on each side.
 */
export function createSurveillanceCore(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL }) {
  const { db } = deps;

  async function settings(authorityId: string, executor: Executor = db): Promise<Settings | null> {
    const [row] = await executor.select().from(surveillanceSettings).where(eq(surveillanceSettings.authorityId, authorityId));
    return row ?? null;
  }

  /** The approved PTPHA of a province among the authority's organizations (the oldest, if several). */
  async function ptphaOf(executor: Executor, authorityId: string, province: string): Promise<string | null> {
    const [row] = await executor
      .select({ id: organizations.id })
      .from(organizations)
      .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
      .where(and(eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, PTPHA_KIND), eq(organizations.province, province), eq(organizations.status, 'approved')))
      .orderBy(asc(organizations.createdAt))
      .limit(1);
    return row?.id ?? null;
  }

  /** Is this organization an approved PTPHA of the authority, with surveillance on there? One query for the guard of every PTPHA page. */
  async function isPtpha(organizationId: string, authorityId: string, executor: Executor = db): Promise<boolean> {
    const [row] = await executor
      .select({ id: organizations.id })
      .from(organizations)
      .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
      .innerJoin(surveillanceSettings, eq(surveillanceSettings.authorityId, organizations.authorityId))
      .where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, PTPHA_KIND), eq(organizations.status, 'approved')));
    return row !== undefined;
  }

  /**
   * Mails each recipient a notice about a case in their language, in the caller's transaction:
   * `detail` is built per language and must say nothing medical (a notice number, a due day).
   */
  const mailEach = (tx: Executor, authorityId: string, recipients: Recipient[], message: Parameters<typeof mailEachFromPortal>[5]) => mailEachFromPortal(tx, deps.mailer, deps.publicUrl, authorityId, recipients, message);

  /**
   * Receives one arrival notice, in the caller's transaction (so a channel's mail and audit go
   * with it): idempotent by the department's notice number; routed to the PTPHA of the province
   * of residence, or left `unrouted` for the department's queue. Returns what it did; the
   * channel mails the PTPHA (`onRouted`) so that a CSV import can say it once per line.
   */
  async function receiveNotice(tx: Executor, authorityId: string, notice: Notice, receipt: Receipt, limits: TimeLimits): Promise<Received> {
    const organizationId = notice.province ? await ptphaOf(tx, authorityId, notice.province) : null;
    const dueOn = reportDeadline(notice.arrivalDate, notice.code, notice.province, limits).due;
    const [created] = await tx
      .insert(surveillanceCases)
      .values({
        authorityId,
        noticeNumber: notice.noticeNumber,
        organizationId,
        status: organizationId ? 'notified' : 'unrouted',
        familyName: notice.familyName,
        givenNames: notice.givenNames,
        dateOfBirth: notice.dateOfBirth,
        clientId: notice.clientId,
        addressLine1: notice.addressLine1,
        addressLine2: notice.addressLine2,
        city: notice.city,
        province: notice.province,
        postalCode: notice.postalCode,
        phone: notice.phone,
        email: notice.email,
        arrivalDate: notice.arrivalDate,
        code: notice.code,
        dueOn,
        source: receipt.source,
        receivedBy: receipt.accountId,
        apiClientId: receipt.apiClientId,
        receivedAt: receipt.at,
      })
      .onConflictDoNothing({ target: [surveillanceCases.authorityId, surveillanceCases.noticeNumber] })
      .returning({ id: surveillanceCases.id });
    if (!created) {
      const [existing] = await tx.select().from(surveillanceCases).where(and(eq(surveillanceCases.authorityId, authorityId), eq(surveillanceCases.noticeNumber, notice.noticeNumber)));
      if (!existing) throw new Error('surveillance: notice conflict without a case');
      return { kind: 'exists', caseId: existing.id, same: sameNotice(existing, notice) };
    }
    if (organizationId) await tx.insert(caseAssignments).values({ caseId: created.id, organizationId, reason: 'routed', assignedBy: receipt.accountId, assignedAt: receipt.at });
    await recordEvent(tx, {
      authorityId,
      event: 'surveillance_notice_received',
      actorId: receipt.accountId,
      subjectId: created.id,
      origin: receipt.origin,
      at: receipt.at,
      details: { caseId: created.id, noticeNumber: notice.noticeNumber, source: receipt.source, organizationId, documents: receipt.documents ?? 0 },
    });
    return { kind: 'created', caseId: created.id, organizationId };
  }

  return {
    settings,
    /** The module is on for this authority (the department): its pages answer 404 elsewhere. */
    isOn: async (authorityId: string) => (await settings(authorityId)) !== null,
    isPtpha,
    ptphaOf,
    ptphaMembers: memberRecipients,
    departmentStaff: staffRecipients,
    mailEach,
    receiveNotice,

    /** A case of the authority, for a page that has checked who may see it (none: not found). */
    async caseOf(authorityId: string, caseId: string, executor: Executor = db): Promise<SurveillanceCase | null> {
      const [row] = await executor.select().from(surveillanceCases).where(and(eq(surveillanceCases.id, caseId), eq(surveillanceCases.authorityId, authorityId)));
      return row ?? null;
    },

    /** Locks a case for a state change (`select … for update`). */
    async lockCase(tx: Executor, authorityId: string, caseId: string): Promise<SurveillanceCase | null> {
      const [row] = await tx.select().from(surveillanceCases).where(and(eq(surveillanceCases.id, caseId), eq(surveillanceCases.authorityId, authorityId))).for('update');
      return row ?? null;
    },

    /** Who looked at whose file: every view of a case, by either side, is an audit row. */
    async recordView(c: SurveillanceCase, accountId: string, as: 'department' | 'ptpha', organizationId: string | null, origin: Origin): Promise<void> {
      await recordEvent(db, { authorityId: c.authorityId, event: 'surveillance_case_viewed', actorId: accountId, subjectId: c.id, origin, at: deps.clock.now(), details: { caseId: c.id, noticeNumber: c.noticeNumber, as, organizationId } });
    },

    /** The case's current assignment row (null: unrouted), for a transfer to end it. */
    async currentAssignment(executor: Executor, caseId: string) {
      const [row] = await executor.select().from(caseAssignments).where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
      return row ?? null;
    },

    /** The due day a case has, and how it was counted (shown on the case page). */
    deadlineOf: (c: Pick<SurveillanceCase, 'arrivalDate' | 'code' | 'province'>, limits: TimeLimits) => reportDeadline(c.arrivalDate as LocalDate, c.code, c.province, limits),

    /** Counts for a PTPHA's dashboard card: new notices and overdue cases. */
    async ptphaCounts(organizationId: string, today: LocalDate): Promise<{ notified: number; overdue: number }> {
      const [row] = await db
        .select({
          notified: sql<number>`count(*) filter (where ${surveillanceCases.status} = 'notified')::int`,
          overdue: sql<number>`count(*) filter (where ${surveillanceCases.status} <> 'compliant' and ${surveillanceCases.dueOn} < ${today})::int`,
        })
        .from(surveillanceCases)
        .where(eq(surveillanceCases.organizationId, organizationId));
      return row ?? { notified: 0, overdue: 0 };
    },
  };
}

export type SurveillanceCore = ReturnType<typeof createSurveillanceCore>;
