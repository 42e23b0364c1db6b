import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { documents } from '../documents/index.ts';
import { accounts } from '../identity/index.ts';
import { organizations } from '../organizations/index.ts';
import { apiClientTable } from '../platform/api-clients.ts';
import { at } from '../platform/columns.ts';
import type { AssessmentOutcome, CaseStatus, ContactMethod, ContactOutcome, ExchangeSide, NoticeSource, ReportStatus, RequestStatus, SurveillanceCode, XrayResult } from './states.ts';

/**
 * The surveillance module is on for an authority (the department) when it has this row: its time
 * limits in calendar days (seed 003: routine 30, urgent 7) and the reminder offsets before a due day.
 */
export const surveillanceSettings = pgTable('surveillance_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  routineDays: integer('routine_days').notNull().default(30),
  urgentDays: integer('urgent_days').notNull().default(7),
  /** Days before the due day on which the PTPHA members are reminded (each once). */
  reminderDays: integer('reminder_days').array().notNull().default(sql`'{7,2}'::integer[]`),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** A client system of the department that sends notices to the API, with the scopes `notices:write` (send notices) and `notices:read` (read back what a notice became). */
export const surveillanceApiClients = apiClientTable('surveillance_api_clients', { authorityId: () => authorities.id, accountId: () => accounts.id });

/**
 * One arrival notice and the case a PTPHA follows from it. The department's notice number makes a
 * notice once (a notice sent again is the same case). `organizationId` is the PTPHA the case is
 * with now (null: it could not be routed); `case_assignments` keeps every move.
 */
export const surveillanceCases = pgTable(
  'surveillance_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    noticeNumber: text('notice_number').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    status: text('status').$type<CaseStatus>().notNull(),
    code: text('code').$type<SurveillanceCode>().notNull(),
    familyName: text('family_name').notNull(),
    givenNames: text('given_names').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    clientId: text('client_id').notNull(),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    /** Of the residential address in Canada (null: none given, the case cannot be routed). */
    province: text('province'),
    postalCode: text('postal_code'),
    phone: text('phone'),
    email: text('email'),
    arrivalDate: date('arrival_date', { mode: 'string' }).notNull(),
    /** The report's due day (clock.ts: arrival + the code's days, off a closed day); stored for the queues. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    source: text('source').$type<NoticeSource>().notNull(),
    receivedBy: uuid('received_by').references(() => accounts.id),
    apiClientId: uuid('api_client_id').references(() => surveillanceApiClients.id),
    receivedAt: at('received_at').notNull(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => accounts.id),
  },
  (t) => [
    uniqueIndex('surveillance_cases_notice').on(t.authorityId, t.noticeNumber),
    index('surveillance_cases_organization').on(t.organizationId, t.status, t.dueOn),
    index('surveillance_cases_authority').on(t.authorityId, t.status),
    check('surveillance_cases_routed', sql`(${t.organizationId} is null) = (${t.status} = 'unrouted')`),
  ],
);

/** Every PTPHA a case was with: the first routing, and each transfer after a "moved" report. */
export const caseAssignments = pgTable(
  'surveillance_case_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** `routed` (by the province of residence), `routed_by_staff` (from the cannot-route queue), `transferred`. */
    reason: text('reason').$type<'routed' | 'routed_by_staff' | 'transferred'>().notNull(),
    assignedBy: uuid('assigned_by').references(() => accounts.id),
    assignedAt: at('assigned_at').notNull(),
    endedAt: at('ended_at'),
  },
  (t) => [index('surveillance_case_assignments_case').on(t.caseId, t.assignedAt), uniqueIndex('surveillance_case_assignments_current').on(t.caseId).where(sql`${t.endedAt} is null`)],
);

/** A try to reach the person: when, how and what came of it. Kept; a mistake is corrected by a new row. */
export const caseContacts = pgTable(
  'surveillance_case_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    attemptedOn: date('attempted_on', { mode: 'string' }).notNull(),
    method: text('method').$type<ContactMethod>().notNull(),
    outcome: text('outcome').$type<ContactOutcome>().notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => accounts.id),
    recordedAt: at('recorded_at').notNull(),
  },
  (t) => [index('surveillance_case_contacts_case').on(t.caseId, t.attemptedOn)],
);

/** The structured follow-up of a case, one row each, kept up to date by the PTPHA (each change audited). */
export const caseFollowUps = pgTable('surveillance_case_follow_ups', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => surveillanceCases.id),
  firstAppointmentOn: date('first_appointment_on', { mode: 'string' }),
  chestXrayOn: date('chest_xray_on', { mode: 'string' }),
  chestXrayResult: text('chest_xray_result').$type<XrayResult>(),
  furtherTests: text('further_tests'),
  assessmentOn: date('assessment_on', { mode: 'string' }),
  assessmentOutcome: text('assessment_outcome').$type<AssessmentOutcome>(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => accounts.id),
  updatedAt: at('updated_at').notNull(),
});

/**
 * A compliance status report from the PTPHA: never edited (a trigger refuses it), a later one
 * supersedes it. `moved` names the province the person moved to; the department transfers the case.
 */
export const complianceReports = pgTable(
  'surveillance_compliance_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<ReportStatus>().notNull(),
    /** The day the status holds from (the assessment, the last try, the move). */
    statusOn: date('status_on', { mode: 'string' }).notNull(),
    note: text('note'),
    movedToProvince: text('moved_to_province'),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => accounts.id),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [index('surveillance_compliance_reports_case').on(t.caseId, t.sentAt), check('surveillance_compliance_reports_moved', sql`(${t.status} = 'moved') = (${t.movedToProvince} is not null)`)],
);

/** The PTPHA asks the department for a document, by a day; the department answers with a document. */
export const documentRequests = pgTable(
  'surveillance_document_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').$type<RequestStatus>().notNull().default('open'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => accounts.id),
    requestedAt: at('requested_at').notNull(),
    answeredBy: uuid('answered_by').references(() => accounts.id),
    answeredAt: at('answered_at'),
    /** The document that answered it (`fulfilled`), or the reason it was closed without one (`closed`). */
    documentId: uuid('document_id').references(() => documents.id),
    closeReason: text('close_reason'),
  },
  (t) => [index('surveillance_document_requests_open').on(t.caseId, t.status), index('surveillance_document_requests_queue').on(t.status, t.dueOn)],
);

/** Which side put a document on a case (the documents module keeps the file, versions and downloads). */
export const caseDocuments = pgTable(
  'surveillance_case_documents',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => documents.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    side: text('side').$type<ExchangeSide>().notNull(),
    /** The PTPHA that sent it (side `ptpha`), so a transfer keeps who wrote what. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    requestId: uuid('request_id').references(() => documentRequests.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('surveillance_case_documents_case').on(t.caseId, t.createdAt)],
);

/** A due-day reminder sent to a PTPHA's members, once per case, due day and offset (the key makes it once). */
export const caseReminders = pgTable(
  'surveillance_case_reminders',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => surveillanceCases.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.dueOn, t.daysBefore] })],
);
