import { and, eq } from 'drizzle-orm';
import { caseRecord } from '../queries.ts';
import { href } from '../../platform/paths.ts';
import type { ExamDocumentType } from '../labels.ts';
import { recordEvent } from '../../audit/index.ts';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import { type LocalDate, localDateAt } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import type { SurveillanceCase, SurveillanceCore } from '../core.ts';
import { caseAssignments, caseDocuments, documentRequests, surveillanceCases } from '../schema.ts';
import { caseTransitions } from '../states.ts';
import * as q from './queries.ts';

/** The documents of a case are filed under this subject kind (the module's CASE_DOCUMENTS, named here to keep index.ts out of a cycle). */
const CASE_DOCUMENTS = 'surveillance_case';



export interface DepartmentStaff {
  id: string;
  staffAuthorityId: string;
}

export type AttachResult = 'ok' | 'not_found' | 'request_not_open';
export type CloseResult = 'ok' | 'not_found' | 'request_not_open';
export type TransferResult = 'ok' | 'not_found' | 'not_allowed_from' | 'forbidden' | 'same_ptpha' | 'unknown_ptpha';

/**
 * The department's side of surveillance: reading every case of its PTPHAs, attaching documents,
 * answering the PTPHAs' requests, transferring a case to another province's PTPHA, and the figures.
 * Each change is one transaction with its audit row and its mail (a notice number and a link, never
 * a name or a result).
 */
export function createDepartmentService(deps: { db: Database; clock: Clock; core: SurveillanceCore; documents: DocumentService }) {
  const { db, clock, core, documents } = deps;
  const today = (): LocalDate => localDateAt(clock.now());

  /** Writes to the members of the PTPHA the case is with: the notice number and the link to their case page. */
  async function mailPtpha(tx: Executor, c: SurveillanceCase, organizationId: string, template: 'surveillanceDepartmentDocument' | 'surveillanceRequestClosed' | 'surveillanceCaseTransferred', at: Date) {
    const members = await core.ptphaMembers(tx, organizationId);
    await core.mailEach(tx, c.authorityId, members, {
      template,
      path: (locale) => href('surveillance.ptpha.case', locale, { organizationId, caseId: c.id }),
      detail: (locale) => translator(locale)('surveillance.department.mail.detail', { notice: c.noticeNumber, due: c.dueOn }),
      at,
    });
  }

  return {
    listCases: (staff: DepartmentStaff, filters: q.CaseFilters, page: number) => q.listCases(db, staff.staffAuthorityId, filters, today(), page),
    counts: (staff: DepartmentStaff) => q.countsByStatusAndProvince(db, staff.staffAuthorityId),
    ptphas: (staff: DepartmentStaff) => q.ptphas(db, staff.staffAuthorityId),
    openRequests: (staff: DepartmentStaff) => q.openRequests(db, staff.staffAuthorityId),
    latestReports: (staff: DepartmentStaff) => q.latestReports(db, staff.staffAuthorityId),
    cardCounts: (authorityId: string) => q.cardCounts(db, authorityId, today()),
    today,

    /**
     * Everything about one case for the department, the view audited (who looked at whose file);
     * null when it is not a case of this authority.
     */
    async casePage(staff: DepartmentStaff, caseId: string, origin: Origin) {
      const c = await core.caseOf(staff.staffAuthorityId, caseId);
      if (!c) return null;
      await core.recordView(c, staff.id, 'department', c.organizationId, origin);
      const [record, files, settings, targets] = await Promise.all([
        caseRecord(db, c.id),
        documents.list(CASE_DOCUMENTS, c.id),
        core.settings(c.authorityId),
        q.otherPtphas(db, c.authorityId, c.organizationId),
      ]);
      const current = record.assignments.find((a) => a.endedAt === null) ?? null;
      const deadline = settings ? core.deadlineOf(c, settings) : null;
      const transferable = caseTransitions.allowed(c.status, 'transfer', ['department']) && targets.length > 0;
      return { case: c, ...record, current, documents: files, deadline, today: today(), transferable };
    },

    /** The transfer page: the case and the PTPHAs it may go to, the one of the province it moved to first. */
    async transferPage(staff: DepartmentStaff, caseId: string, origin: Origin) {
      const c = await core.caseOf(staff.staffAuthorityId, caseId);
      if (!c) return null;
      // A page about one case, though it shows little of it: still a view of the file.
      await core.recordView(c, staff.id, 'department', c.organizationId, origin);
      const [targets, record] = await Promise.all([q.otherPtphas(db, c.authorityId, c.organizationId), caseRecord(db, c.id)]);
      const movedTo = record.reports.find((r) => r.status === 'moved')?.movedToProvince ?? null;
      const suggested = movedTo ? (targets.find((p) => p.province === movedTo)?.id ?? null) : null;
      return { case: c, targets, movedTo, suggested, allowed: caseTransitions.allowed(c.status, 'transfer', ['department']) };
    },

    /**
     * Attaches a document from the department to a case (side `department`), or, with a request,
     * answers that open request with it. The PTPHA's members are told there is a new document.
     * The staged file is discarded when nothing was attached.
     */
    async attach(staff: DepartmentStaff, caseId: string, typeCode: ExamDocumentType, file: StagedFile, origin: Origin, requestId: string | null = null): Promise<AttachResult> {
      const at = clock.now();
      const result = await db.transaction(async (tx): Promise<AttachResult> => {
        const c = await core.lockCase(tx, staff.staffAuthorityId, caseId);
        if (!c) return 'not_found';
        if (requestId) {
          const [request] = await tx.select().from(documentRequests).where(and(eq(documentRequests.id, requestId), eq(documentRequests.caseId, c.id))).for('update');
          if (!request) return 'not_found';
          if (request.status !== 'open') return 'request_not_open';
        }
        const { documentId } = await documents.attach(tx, { authorityId: c.authorityId, ownerAccountId: staff.id, subjectKind: CASE_DOCUMENTS, subjectId: c.id, typeCode, uploadedBy: staff.id, origin, at }, file);
        await tx.insert(caseDocuments).values({ documentId, caseId: c.id, side: 'department', organizationId: null, requestId, createdAt: at });
        if (requestId) await tx.update(documentRequests).set({ status: 'fulfilled', documentId, answeredBy: staff.id, answeredAt: at }).where(eq(documentRequests.id, requestId));
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_document_added', actorId: staff.id, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, documentId, side: 'department', requestId } });
        if (c.organizationId) await mailPtpha(tx, c, c.organizationId, 'surveillanceDepartmentDocument', at);
        return 'ok';
      });
      if (result !== 'ok') await documents.discard(file);
      return result;
    },

    /** Closes an open request without a document, saying why; the PTPHA is told. */
    async closeRequest(staff: DepartmentStaff, caseId: string, requestId: string, reason: string, origin: Origin): Promise<CloseResult> {
      const at = clock.now();
      return db.transaction(async (tx): Promise<CloseResult> => {
        const c = await core.lockCase(tx, staff.staffAuthorityId, caseId);
        if (!c) return 'not_found';
        const [request] = await tx.select().from(documentRequests).where(and(eq(documentRequests.id, requestId), eq(documentRequests.caseId, c.id))).for('update');
        if (!request) return 'not_found';
        if (request.status !== 'open') return 'request_not_open';
        await tx.update(documentRequests).set({ status: 'closed', closeReason: reason, answeredBy: staff.id, answeredAt: at }).where(eq(documentRequests.id, requestId));
        await recordEvent(tx, { authorityId: c.authorityId, event: 'surveillance_request_closed', actorId: staff.id, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, requestId } });
        // The request was the PTPHA's that asked, which may no longer hold the case.
        if (c.organizationId) await mailPtpha(tx, c, c.organizationId, 'surveillanceRequestClosed', at);
        return 'ok';
      });
    },

    /**
     * Moves a case to the PTPHA of another province: ends the current assignment, opens a
     * `transferred` one, and the case is with the new PTPHA, `notified` (it acknowledges it
     * afresh). Contacts, reports, requests and documents keep the PTPHA that wrote them; the old
     * PTPHA's guard checks the case's PTPHA, so it loses the case at once.
     */
    async transfer(staff: DepartmentStaff, caseId: string, toOrganizationId: string, origin: Origin): Promise<TransferResult> {
      const at = clock.now();
      return db.transaction(async (tx): Promise<TransferResult> => {
        const c = await core.lockCase(tx, staff.staffAuthorityId, caseId);
        if (!c) return 'not_found';
        const rule = caseTransitions.check(c.status, 'transfer', ['department']);
        if (typeof rule === 'string') return rule;
        if (toOrganizationId === c.organizationId) return 'same_ptpha';
        if (!(await core.isPtpha(toOrganizationId, c.authorityId, tx))) return 'unknown_ptpha';
        const current = await core.currentAssignment(tx, c.id);
        if (current) await tx.update(caseAssignments).set({ endedAt: at }).where(eq(caseAssignments.id, current.id));
        await tx.insert(caseAssignments).values({ caseId: c.id, organizationId: toOrganizationId, reason: 'transferred', assignedBy: staff.id, assignedAt: at });
        await tx.update(surveillanceCases).set({ organizationId: toOrganizationId, status: rule.to, acknowledgedAt: null, acknowledgedBy: null }).where(eq(surveillanceCases.id, c.id));
        await recordEvent(tx, { authorityId: c.authorityId, event: rule.event, actorId: staff.id, subjectId: c.id, origin, at, details: { caseId: c.id, noticeNumber: c.noticeNumber, from: c.organizationId ?? '', to: toOrganizationId } });
        await mailPtpha(tx, c, toOrganizationId, 'surveillanceCaseTransferred', at);
        return 'ok';
      });
    },

    /** The figures for a period of arrival days, by province and overall. */
    figures: (staff: DepartmentStaff, from: LocalDate, to: LocalDate) => q.figures(db, staff.staffAuthorityId, from, to, today()),

    /** The same figures for the CSV file, its export audited. */
    async exportFigures(staff: DepartmentStaff, from: LocalDate, to: LocalDate, origin: Origin) {
      const rows = await q.figures(db, staff.staffAuthorityId, from, to, today());
      await recordEvent(db, { authorityId: staff.staffAuthorityId, event: 'surveillance_figures_exported', actorId: staff.id, subjectId: null, origin, at: clock.now(), details: { from, to } });
      return rows;
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
