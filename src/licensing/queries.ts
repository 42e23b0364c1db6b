import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Document } from '../documents/index.ts';
import type { CaseworkService, Review } from '../casework/index.ts';
import { accounts } from '../identity/index.ts';
import type { Executor } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import {
  applicationEducation,
  applications,
  applicationTypes,
  type ExamEvidence,
  type ExamRule,
  files,
  OPEN_STATUSES,
  registrationCategories,
  type RegistrationStatus,
  registrations,
  type RequiredDocument,
  type SectionCode,
  type SectionProgress,
} from './schema.ts';

/** Who an application's mail goes to: the applicant's address, name and language. */
export async function applicantOf(tx: Executor, accountId: string) {
  const [person] = await tx
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return person ?? null;
}

export type ApplicationRow = typeof applications.$inferSelect;
export type TypeRow = typeof applicationTypes.$inferSelect & { category: Bilingual };
export type EducationRow = typeof applicationEducation.$inferSelect;

/** Everything a page about one application shows: its answers, its type, its documents and its review. */
export interface ApplicationFile {
  application: ApplicationRow;
  type: TypeRow;
  education: EducationRow[];
  documents: Document[];
  /** Each required document with the person's or school's current file for it, if any. */
  slots: DocumentSlot[];
  progress: Record<SectionCode, SectionProgress>;
  /** The sections still to complete before it can be submitted, in the task list's order. */
  incomplete: SectionCode[];
  review: Review | null;
  /** The file (dossier) the application opened, with its number and, after an expired certificate, the exam rule's outcome. */
  dossier: Dossier | null;
}

export interface Dossier {
  id: string;
  number: string;
  examRule: ExamRule | null;
  evidence: ExamEvidence | null;
}

export interface DocumentSlot {
  required: RequiredDocument;
  document: Document | null;
}

/** An application's type with its category's name. */
export async function typeOf(db: Executor, typeId: string): Promise<TypeRow | null> {
  const [row] = await db
    .select({ type: applicationTypes, category: registrationCategories.name })
    .from(applicationTypes)
    .innerJoin(registrationCategories, eq(registrationCategories.id, applicationTypes.categoryId))
    .where(eq(applicationTypes.id, typeId));
  return row ? { ...row.type, category: row.category } : null;
}

/**
 * The documents section is complete when every required document the applicant provides is there
 * and not waiting to be replaced; the school's documents do not hold the applicant back.
 */
export function documentsProgress(slots: DocumentSlot[]): SectionProgress {
  const own = slots.filter((s) => s.required.providedBy === 'applicant');
  const needed = own.filter((s) => !s.required.optional);
  const usable = (s: DocumentSlot) => s.document !== null && s.document.status !== 'needs_replacing' && s.document.status !== 'no_longer_needed';
  if (needed.every(usable)) return 'completed';
  return own.some((s) => s.document !== null) ? 'in_progress' : 'not_started';
}

export function slotsOf(type: TypeRow, documents: Document[]): DocumentSlot[] {
  return type.requiredDocuments.map((required) => ({ required, document: documents.find((d) => d.typeCode === required.code) ?? null }));
}

/** Reads one application's whole file; `documents` and `casework` are the modules that own those parts. */
export async function loadFile(
  db: Executor,
  deps: { documents: { list(subjectKind: string, subjectId: string, tx?: Executor): Promise<Document[]> }; casework: Pick<CaseworkService, 'bySubject'> },
  where: { applicationId: string; applicantId?: string; authorityId?: string },
): Promise<ApplicationFile | null> {
  const conditions = [eq(applications.id, where.applicationId)];
  if (where.applicantId) conditions.push(eq(applications.applicantId, where.applicantId));
  if (where.authorityId) conditions.push(eq(applications.authorityId, where.authorityId));
  const [application] = await db.select().from(applications).where(and(...conditions));
  if (!application) return null;
  const [type, education, documents, review, dossier] = await Promise.all([
    typeOf(db, application.typeId),
    db
      .select()
      .from(applicationEducation)
      .where(and(eq(applicationEducation.applicationId, application.id), isNull(applicationEducation.removedAt)))
      .orderBy(asc(applicationEducation.startedOn), asc(applicationEducation.createdAt)),
    // In the caller's transaction when there is one: its reads see its own writes, on one connection.
    deps.documents.list('application', application.id, db),
    deps.casework.bySubject('application', application.id, db),
    db
      .select({ id: files.id, number: files.number, examRule: files.examRule, evidence: files.examEvidence })
      .from(files)
      .where(eq(files.applicationId, application.id))
      .then((rows) => rows[0] ?? null),
  ]);
  if (!type) return null;
  const slots = slotsOf(type, documents);
  const progress: Record<SectionCode, SectionProgress> = {
    personal: application.progress.personal ?? 'not_started',
    education: application.progress.education ?? 'not_started',
    declarations: application.progress.declarations ?? 'not_started',
    documents: documentsProgress(slots),
  };
  const incomplete = type.sections.filter((s) => progress[s] !== 'completed');
  return { application, type, education, documents, slots, progress, incomplete, review, dossier };
}

/** A person's applications at one authority, open ones first, newest first. */
export async function applicationsOf(db: Executor, applicantId: string, authorityId: string | null) {
  const conditions = [eq(applications.applicantId, applicantId)];
  if (authorityId) conditions.push(eq(applications.authorityId, authorityId));
  return db
    .select({
      id: applications.id,
      authorityId: applications.authorityId,
      reference: applications.reference,
      status: applications.status,
      progress: applications.progress,
      createdAt: applications.createdAt,
      submittedAt: applications.submittedAt,
      decidedAt: applications.decidedAt,
      typeName: applicationTypes.name,
      sections: applicationTypes.sections,
    })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .where(and(...conditions))
    .orderBy(desc(applications.createdAt));
}

/** The open applications of a person at an authority (the dashboard's cards). */
export async function openApplicationsOf(db: Executor, applicantId: string, authorityId: string) {
  return db
    .select({ id: applications.id, reference: applications.reference, status: applications.status, typeName: applicationTypes.name, updatedAt: applications.updatedAt })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .where(and(eq(applications.applicantId, applicantId), eq(applications.authorityId, authorityId), inArray(applications.status, [...OPEN_STATUSES])))
    .orderBy(desc(applications.updatedAt));
}


/**
 * Whether the person holds a registration with the authority in one of these statuses: the test
 * practice (active or awaiting its fee) and the record (active) open their pages with.
 */
export async function holdsRegistration(db: Executor, accountId: string, authorityId: string, statuses: readonly RegistrationStatus[]): Promise<boolean> {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.accountId, accountId), eq(registrations.authorityId, authorityId), inArray(registrations.status, [...statuses])))
    .limit(1);
  return row !== undefined;
}
