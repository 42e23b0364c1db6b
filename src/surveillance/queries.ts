import { asc, desc, eq } from 'drizzle-orm';
import { organizations } from '../organizations/index.ts';
import type { Executor } from '../platform/db.ts';
import { caseAssignments, caseContacts, caseDocuments, caseFollowUps, complianceReports, documentRequests } from './schema.ts';

/**
 * Everything a case page shows besides the case row and its documents, on either side: where it
 * has been (assignments), and the contacts, follow-up, reports and requests, each with the PTPHA
 * that wrote it (a transfer keeps who wrote what); `sides` says who put each document there.
 */
export async function caseRecord(db: Executor, caseId: string) {
  const [assignments, contacts, followUps, reports, requests, sides] = await Promise.all([
    db
      .select({ id: caseAssignments.id, reason: caseAssignments.reason, assignedAt: caseAssignments.assignedAt, endedAt: caseAssignments.endedAt, organization: organizations.name, province: organizations.province })
      .from(caseAssignments)
      .innerJoin(organizations, eq(organizations.id, caseAssignments.organizationId))
      .where(eq(caseAssignments.caseId, caseId))
      .orderBy(asc(caseAssignments.assignedAt)),
    db
      .select({ id: caseContacts.id, attemptedOn: caseContacts.attemptedOn, method: caseContacts.method, outcome: caseContacts.outcome, note: caseContacts.note, organization: organizations.name })
      .from(caseContacts)
      .innerJoin(organizations, eq(organizations.id, caseContacts.organizationId))
      .where(eq(caseContacts.caseId, caseId))
      .orderBy(desc(caseContacts.attemptedOn), desc(caseContacts.recordedAt)),
    db.select().from(caseFollowUps).where(eq(caseFollowUps.caseId, caseId)),
    db
      .select({ id: complianceReports.id, status: complianceReports.status, statusOn: complianceReports.statusOn, note: complianceReports.note, movedToProvince: complianceReports.movedToProvince, sentAt: complianceReports.sentAt, organization: organizations.name })
      .from(complianceReports)
      .innerJoin(organizations, eq(organizations.id, complianceReports.organizationId))
      .where(eq(complianceReports.caseId, caseId))
      .orderBy(desc(complianceReports.sentAt), desc(complianceReports.id)),
    db
      .select({ id: documentRequests.id, description: documentRequests.description, dueOn: documentRequests.dueOn, status: documentRequests.status, requestedAt: documentRequests.requestedAt, answeredAt: documentRequests.answeredAt, closeReason: documentRequests.closeReason, organization: organizations.name })
      .from(documentRequests)
      .innerJoin(organizations, eq(organizations.id, documentRequests.organizationId))
      .where(eq(documentRequests.caseId, caseId))
      .orderBy(desc(documentRequests.requestedAt)),
    db.select({ documentId: caseDocuments.documentId, side: caseDocuments.side, requestId: caseDocuments.requestId }).from(caseDocuments).where(eq(caseDocuments.caseId, caseId)),
  ]);
  return { assignments, contacts, followUp: followUps[0] ?? null, reports, requests, sides: new Map(sides.map((s) => [s.documentId, s])) };
}

export type CaseRecord = Awaited<ReturnType<typeof caseRecord>>;
