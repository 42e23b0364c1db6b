-- Access to information and privacy requests (seed 004): the public request service, the
-- institutions workspace with its legal clock, consultations, records and release, fees, the
-- statistics, and practitioners support requests to the ATIP office. On for an authority with a
-- settings row.
create table access_settings (
  authority_id uuid primary key references authorities(id),
  commissioner_email text not null default 'notices@oic-ci.gc.ca',
  fee_code text not null default 'request_fee',
  consultation_days integer not null default 30 check (consultation_days between 1 and 365),
  updated_at timestamptz not null default now()
);
--> statement-breakpoint
create table access_api_clients (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  name text not null,
  key_prefix text not null,
  key_hash text not null unique,
  scopes text[] not null check (scopes <@ array['requests:write', 'requests:read']::text[] and cardinality(scopes) > 0),
  created_by uuid not null references accounts(id),
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references accounts(id)
);
--> statement-breakpoint
create table access_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  organization_id uuid not null references organizations(id),
  number text not null,
  act text not null check (act in ('access', 'privacy')),
  status text not null check (status in ('awaiting_fee', 'in_progress', 'awaiting_clarification', 'closed')),
  channel text not null check (channel in ('online', 'api', 'paper', 'mail', 'email')),
  requester_account_id uuid references accounts(id),
  requester_name text not null,
  requester_email text,
  requester_phone text,
  requester_address text,
  requester_locale text not null check (requester_locale in ('fr', 'en')),
  requester_category text not null check (requester_category in ('media', 'academia', 'business', 'organization', 'public', 'declined')),
  description text not null,
  period_from date,
  period_to date,
  format text not null default 'electronic' check (format in ('electronic', 'paper')),
  tracking_token_hash text not null unique,
  submitted_at timestamptz not null,
  received_on date,
  due_on date,
  fee_status text not null check (fee_status in ('none', 'due', 'paid', 'waived', 'refunded')),
  invoice_id uuid references invoices(id),
  fee_note text,
  assignee_id uuid references accounts(id),
  disposition text check (disposition in ('all_disclosed', 'disclosed_in_part', 'all_exempted', 'all_excluded', 'no_records_exist', 'neither_confirmed_nor_denied', 'abandoned')),
  closed_on date,
  closed_at timestamptz,
  pages_released integer check (pages_released >= 0),
  summary_fr text,
  summary_en text,
  entered_by uuid references accounts(id),
  api_client_id uuid references access_api_clients(id),
  idempotency_key text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- A closed request has its disposition and day; an open one has neither.
  check ((status = 'closed') = (disposition is not null and closed_on is not null)),
  -- The clock runs from a received day, except while the fee is awaited.
  check ((status = 'awaiting_fee') = (received_on is null)),
  check (act = 'access' or fee_status = 'none')
);
--> statement-breakpoint
create unique index access_requests_number on access_requests (authority_id, number);
--> statement-breakpoint
create unique index access_requests_idempotency on access_requests (api_client_id, idempotency_key);
--> statement-breakpoint
create index access_requests_workspace on access_requests (organization_id, status, due_on);
--> statement-breakpoint
create index access_requests_received on access_requests (organization_id, received_on);
--> statement-breakpoint
create index access_requests_closed on access_requests (organization_id, closed_on);
--> statement-breakpoint
create index access_requests_requester on access_requests (requester_account_id, submitted_at);
--> statement-breakpoint
create index access_requests_assignee on access_requests (assignee_id, status);
--> statement-breakpoint
create table access_counters (
  authority_id uuid not null references authorities(id),
  year integer not null,
  last integer not null,
  primary key (authority_id, year)
);
--> statement-breakpoint
create table access_stops (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  reason text not null check (reason in ('clarification')),
  started_on date not null,
  ended_on date check (ended_on >= started_on),
  question text not null,
  asked_by uuid not null references accounts(id),
  asked_at timestamptz not null,
  answer text,
  answered_by uuid references accounts(id),
  answered_at timestamptz
);
--> statement-breakpoint
create index access_stops_request on access_stops (request_id, started_on);
--> statement-breakpoint
-- At most one stop open per request.
create unique index access_stops_one_open on access_stops (request_id) where ended_on is null;
--> statement-breakpoint
create table access_extensions (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  reason text not null check (reason in ('atia_9_1_a', 'atia_9_1_b', 'atia_9_1_c', 'pa_15_a_i', 'pa_15_a_ii', 'pa_15_b')),
  days integer not null check (days between 1 and 3650),
  taken_on date not null,
  taken_by uuid not null references accounts(id),
  taken_at timestamptz not null
);
--> statement-breakpoint
create index access_extensions_request on access_extensions (request_id);
--> statement-breakpoint
create table access_notices (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  kind text not null check (kind in ('extension', 'commissioner', 'response')),
  extension_id uuid references access_extensions(id),
  sent_to text not null,
  document_id uuid references documents(id),
  sent_at timestamptz not null,
  sent_by uuid not null references accounts(id)
);
--> statement-breakpoint
create index access_notices_request on access_notices (request_id, sent_at);
--> statement-breakpoint
create table access_transfers (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  from_organization_id uuid not null references organizations(id),
  to_organization_id uuid not null references organizations(id),
  reason text not null,
  transferred_by uuid not null references accounts(id),
  transferred_at timestamptz not null,
  check (from_organization_id <> to_organization_id)
);
--> statement-breakpoint
create index access_transfers_request on access_transfers (request_id, transferred_at);
--> statement-breakpoint
create index access_transfers_from on access_transfers (from_organization_id, transferred_at);
--> statement-breakpoint
create table access_consultations (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  kind text not null check (kind in ('institution', 'third_party')),
  consulted_organization_id uuid references organizations(id),
  party_name text not null,
  party_email text,
  question text not null,
  status text not null check (status in ('sent', 'answered', 'withdrawn')),
  sent_on date not null,
  due_on date not null check (due_on >= sent_on),
  answered_on date,
  answer text,
  created_by uuid not null references accounts(id),
  created_at timestamptz not null,
  closed_by uuid references accounts(id),
  check ((status = 'answered') = (answered_on is not null and answer is not null))
);
--> statement-breakpoint
create index access_consultations_request on access_consultations (request_id);
--> statement-breakpoint
create index access_consultations_consulted on access_consultations (consulted_organization_id, status, due_on);
--> statement-breakpoint
create table access_records (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references access_requests(id),
  document_id uuid not null references documents(id),
  title text not null,
  pages integer not null check (pages >= 0),
  decision text not null default 'pending' check (decision in ('pending', 'released_in_full', 'released_in_part', 'withheld')),
  exemptions text[] not null default '{}'::text[],
  released_document_id uuid references documents(id),
  pages_released integer check (pages_released >= 0),
  added_by uuid not null references accounts(id),
  added_at timestamptz not null,
  decided_by uuid references accounts(id),
  decided_at timestamptz,
  -- Released in part: a redacted file and at least one section; withheld: at least one section.
  check (decision <> 'released_in_part' or (released_document_id is not null and cardinality(exemptions) > 0)),
  check (decision <> 'withheld' or cardinality(exemptions) > 0)
);
--> statement-breakpoint
create index access_records_request on access_records (request_id, added_at);
--> statement-breakpoint
create table access_releases (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null unique references access_requests(id),
  letter_document_id uuid not null references documents(id),
  contents jsonb not null,
  pages_released integer not null check (pages_released >= 0),
  exemptions text[] not null,
  delivered_at timestamptz not null,
  delivered_by uuid not null references accounts(id),
  first_downloaded_at timestamptz
);
--> statement-breakpoint
create table access_support_requests (
  id uuid primary key default gen_random_uuid(),
  authority_id uuid not null references authorities(id),
  organization_id uuid not null references organizations(id),
  account_id uuid not null references accounts(id),
  topic text not null check (topic in ('access_code', 'training', 'technical', 'release_transmission', 'refund')),
  request_id uuid references access_requests(id),
  subject text not null,
  status text not null check (status in ('open', 'answered', 'closed')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
--> statement-breakpoint
create index access_support_organization on access_support_requests (organization_id, created_at);
--> statement-breakpoint
create index access_support_authority on access_support_requests (authority_id, status, created_at);
--> statement-breakpoint
create table access_support_messages (
  id uuid primary key default gen_random_uuid(),
  support_request_id uuid not null references access_support_requests(id),
  author_id uuid not null references accounts(id),
  from_office boolean not null,
  body text not null,
  created_at timestamptz not null
);
--> statement-breakpoint
create index access_support_messages_request on access_support_messages (support_request_id, created_at);
--> statement-breakpoint
-- An extension, a notice and a release are what the requester and the Commissioner were told: never changed.
create function access_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'access: % rows are never changed', tg_table_name;
end;
$$;
--> statement-breakpoint
create trigger access_extensions_immutable before update or delete on access_extensions for each row execute function access_immutable();
--> statement-breakpoint
create trigger access_notices_immutable before update or delete on access_notices for each row execute function access_immutable();
