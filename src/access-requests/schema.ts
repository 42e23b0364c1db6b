import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { invoices } from '../billing/index.ts';
import { documents } from '../documents/index.ts';
import { accounts } from '../identity/index.ts';
import { organizations } from '../organizations/index.ts';
import { apiClientTable } from '../platform/api-clients.ts';
import { at } from '../platform/columns.ts';
import type { Locale } from '../platform/i18n/index.ts';
import type { Act, Channel, ConsultationKind, ConsultationStatus, Disposition, ExtensionReason, FeeStatus, RecordDecision, RequesterCategory, RequestStatus, StopReason, SupportTopic } from './states.ts';

/**
 * The module is on for an authority (the ATIP office) that has this row: where the notices of
 * extensions over 30 days go (the Information Commissioner), and the fee code of the $5.
 */
export const accessSettings = pgTable('access_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  commissionerEmail: text('commissioner_email').notNull().default('notices@oic-ci.gc.ca'),
  /** The billing fee code of the application fee (ATIA s. 11: $5; none under the Privacy Act). */
  feeCode: text('fee_code').notNull().default('request_fee'),
  /** Days a consultation is given by default. */
  consultationDays: integer('consultation_days').notNull().default(30),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** A client system that sends requests to the API, with the scopes `requests:write` (send requests) and `requests:read` (read back their status). */
export const accessApiClients = apiClientTable('access_api_clients', { authorityId: () => authorities.id, accountId: () => accounts.id });

/**
 * One request for records (or for one's own personal information) to an institution.
 * `organizationId` is the institution holding it now (`access_transfers` keeps every move).
 * `dueOn` is the clock's due day, written with every change that moves it, for the lists to sort
 * and count (clock.ts computes it; core.refreshDue writes it). The requester is an account or
 * only a name and an email: the tracking link's token is kept hashed.
 */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** A-2026-000123 (access) or P-2026-000124 (privacy): the authority's yearly series. */
    number: text('number').notNull(),
    act: text('act').$type<Act>().notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    requesterAccountId: uuid('requester_account_id').references(() => accounts.id),
    requesterName: text('requester_name').notNull(),
    requesterEmail: text('requester_email'),
    requesterPhone: text('requester_phone'),
    requesterAddress: text('requester_address'),
    requesterLocale: text('requester_locale').$type<Locale>().notNull(),
    requesterCategory: text('requester_category').$type<RequesterCategory>().notNull(),
    /** What is asked for, in the requester's words. */
    description: text('description').notNull(),
    /** The period the records cover, when the requester said. */
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    format: text('format').$type<'electronic' | 'paper'>().notNull().default('electronic'),
    trackingTokenHash: text('tracking_token_hash').notNull().unique(),
    submittedAt: at('submitted_at').notNull(),
    /** The day the clock starts: submission, or the day the fee was paid, waived or recorded. Null while awaiting the fee. */
    receivedOn: date('received_on'),
    dueOn: date('due_on'),
    feeStatus: text('fee_status').$type<FeeStatus>().notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    feeNote: text('fee_note'),
    assigneeId: uuid('assignee_id').references(() => accounts.id),
    disposition: text('disposition').$type<Disposition>(),
    closedOn: date('closed_on'),
    closedAt: at('closed_at'),
    pagesReleased: integer('pages_released'),
    /** The summary published on open.canada.ca, in both languages (written at closing). */
    summaryFr: text('summary_fr'),
    summaryEn: text('summary_en'),
    enteredBy: uuid('entered_by').references(() => accounts.id),
    apiClientId: uuid('api_client_id').references(() => accessApiClients.id),
    /** The API client's idempotency key: a request sent again is the same request. */
    idempotencyKey: text('idempotency_key'),
    /** The SHA-256 of the body sent with the idempotency key (migration 20261203T1800_access-office). */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('access_requests_number').on(t.authorityId, t.number),
    uniqueIndex('access_requests_idempotency').on(t.apiClientId, t.idempotencyKey),
    index('access_requests_workspace').on(t.organizationId, t.status, t.dueOn),
    index('access_requests_received').on(t.organizationId, t.receivedOn),
    index('access_requests_closed').on(t.organizationId, t.closedOn),
    index('access_requests_requester').on(t.requesterAccountId, t.submittedAt),
    index('access_requests_assignee').on(t.assigneeId, t.status),
    index('access_requests_open_due').on(t.organizationId, t.dueOn).where(sql`status <> 'closed'`),
  ],
);

/** The authority's yearly counters of request numbers. */
export const accessCounters = pgTable(
  'access_counters',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.year] })],
);

/** Each time the clock stopped: the clarification asked, and the answer that restarted it. */
export const accessStops = pgTable(
  'access_stops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    reason: text('reason').$type<StopReason>().notNull(),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    question: text('question').notNull(),
    askedBy: uuid('asked_by')
      .notNull()
      .references(() => accounts.id),
    askedAt: at('asked_at').notNull(),
    answer: text('answer'),
    /** The requester (by account or link: null) or a practitioner recording an answer by phone or mail. */
    answeredBy: uuid('answered_by').references(() => accounts.id),
    answeredAt: at('answered_at'),
  },
  (t) => [index('access_stops_request').on(t.requestId, t.startedOn)],
);

/** Extensions taken (never changed): the statutory reason and the days. */
export const accessExtensions = pgTable(
  'access_extensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    reason: text('reason').$type<ExtensionReason>().notNull(),
    days: integer('days').notNull(),
    takenOn: date('taken_on').notNull(),
    takenBy: uuid('taken_by')
      .notNull()
      .references(() => accounts.id),
    takenAt: at('taken_at').notNull(),
  },
  (t) => [index('access_extensions_request').on(t.requestId)],
);

/**
 * A notice sent about a request, recorded with its letter: the extension notice to the requester,
 * the notice to the Information Commissioner (s. 9(2)), the response letter. The letter is a
 * bilingual PDF filed as a document of the request.
 */
export const accessNotices = pgTable(
  'access_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    kind: text('kind').$type<'extension' | 'commissioner' | 'response'>().notNull(),
    extensionId: uuid('extension_id').references(() => accessExtensions.id),
    sentTo: text('sent_to').notNull(),
    documentId: uuid('document_id').references(() => documents.id),
    sentAt: at('sent_at').notNull(),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => accounts.id),
  },
  (t) => [index('access_notices_request').on(t.requestId, t.sentAt)],
);

/** Every move of a request between institutions (the first row: where it was made). */
export const accessTransfers = pgTable(
  'access_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    fromOrganizationId: uuid('from_organization_id')
      .notNull()
      .references(() => organizations.id),
    toOrganizationId: uuid('to_organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    transferredBy: uuid('transferred_by')
      .notNull()
      .references(() => accounts.id),
    transferredAt: at('transferred_at').notNull(),
  },
  (t) => [index('access_transfers_request').on(t.requestId, t.transferredAt), index('access_transfers_from').on(t.fromOrganizationId, t.transferredAt)],
);

/** A consultation of another institution or a third party, with its own due day. */
export const accessConsultations = pgTable(
  'access_consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    kind: text('kind').$type<ConsultationKind>().notNull(),
    /** The consulted institution when it is on the platform (its practitioners answer in their workspace). */
    consultedOrganizationId: uuid('consulted_organization_id').references(() => organizations.id),
    partyName: text('party_name').notNull(),
    partyEmail: text('party_email'),
    question: text('question').notNull(),
    status: text('status').$type<ConsultationStatus>().notNull(),
    sentOn: date('sent_on').notNull(),
    dueOn: date('due_on').notNull(),
    answeredOn: date('answered_on'),
    answer: text('answer'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: at('created_at').notNull(),
    closedBy: uuid('closed_by').references(() => accounts.id),
  },
  (t) => [index('access_consultations_request').on(t.requestId), index('access_consultations_consulted').on(t.consultedOrganizationId, t.status, t.dueOn)],
);

/**
 * A record gathered for a request (a document of the request) and what is released of it: in
 * full, in part (the exemptions cited and the redacted PDF uploaded), or withheld.
 */
export const accessRecords = pgTable(
  'access_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accessRequests.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    title: text('title').notNull(),
    pages: integer('pages').notNull(),
    decision: text('decision').$type<RecordDecision>().notNull().default('pending'),
    /** Sections cited for what is redacted or withheld: "19(1)", "20(1)(b)", "21(1)(a)". */
    exemptions: text('exemptions').array().notNull().default(sql`'{}'::text[]`),
    /** The redacted version released (released in part), a document of the request. */
    releasedDocumentId: uuid('released_document_id').references(() => documents.id),
    pagesReleased: integer('pages_released'),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => accounts.id),
    addedAt: at('added_at').notNull(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: at('decided_at'),
  },
  (t) => [index('access_records_request').on(t.requestId, t.addedAt)],
);

/**
 * The release package delivered to the requester's tracking page: the response letter and the
 * released files as they were that day (the record rows it lists, frozen in `contents`).
 */
export const accessReleases = pgTable(
  'access_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .unique()
      .references(() => accessRequests.id),
    letterDocumentId: uuid('letter_document_id')
      .notNull()
      .references(() => documents.id),
    /** [{ recordId, versionId, title, decision, exemptions, pages }] */
    contents: jsonb('contents').notNull(),
    pagesReleased: integer('pages_released').notNull(),
    exemptions: text('exemptions').array().notNull(),
    deliveredAt: at('delivered_at').notNull(),
    deliveredBy: uuid('delivered_by')
      .notNull()
      .references(() => accounts.id),
    firstDownloadedAt: at('first_downloaded_at'),
  },
);

/**
 * A practitioner's request to the ATIP office (a new access code, training, technical help, a
 * release transmission problem, a refund): the office's staff answer from casework's queue
 * (subject kind `access_support`); the messages are the conversation.
 */
export const accessSupportRequests = pgTable(
  'access_support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    topic: text('topic').$type<SupportTopic>().notNull(),
    /** The request concerned (a refund, a transmission problem), when there is one. */
    requestId: uuid('request_id').references(() => accessRequests.id),
    subject: text('subject').notNull(),
    status: text('status').$type<'open' | 'answered' | 'closed'>().notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('access_support_organization').on(t.organizationId, t.createdAt), index('access_support_authority').on(t.authorityId, t.status, t.createdAt)],
);

export const accessSupportMessages = pgTable(
  'access_support_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    supportRequestId: uuid('support_request_id')
      .notNull()
      .references(() => accessSupportRequests.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => accounts.id),
    fromOffice: boolean('from_office').notNull(),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('access_support_messages_request').on(t.supportRequestId, t.createdAt)],
);


/**
 * A request being written on the public service (Part A): the answers given so far, one question
 * a page, under a random key held in a cookie (its hash here), and the identity proof staged for a
 * personal information request (attached to the request when it is sent, by the account that
 * uploaded it). Deleted when its request is sent.
 */
export const accessDrafts = pgTable(
  'access_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    tokenHash: text('token_hash').notNull().unique(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    identityFile: jsonb('identity_file'),
    identityAccountId: uuid('identity_account_id').references(() => accounts.id),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('access_drafts_updated').on(t.updatedAt)],
);
